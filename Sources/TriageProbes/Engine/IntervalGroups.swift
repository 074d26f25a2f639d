import TriageCore

/// Splits checks by their effective interval, so each group can get one runner and one `ProbeLoop`.
///
/// Checks without an `interval` of their own use the global `refresh`. Groups keep the order in
/// which their first check appears in the config, and checks keep config order within a group.
public enum IntervalGroups {
    public static func group<Spec>(_ specs: [Spec], interval: (Spec) -> Duration?, default refresh: Duration) -> [(interval: Duration, specs: [Spec])] {
        var order: [Duration] = []
        var groups: [Duration: [Spec]] = [:]
        for spec in specs {
            let key = interval(spec) ?? refresh
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(spec)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    /// Groups by interval, then by timeout within an interval: a round lasts as long as its slowest
    /// check may take, so a check allowed 5 s would hold back, every round, the answer of one that
    /// promises 2 s (a down backend was named after 8 s instead of 4 beside a 3 s endpoint).
    /// `label` names the group: "every 2s", or "every 2s, timeout 5s" when its interval has more
    /// than one timeout.
    public static func group<Spec>(
        _ specs: [Spec], interval: (Spec) -> Duration?, timeout: (Spec) -> Duration, default refresh: Duration
    ) -> [(interval: Duration, label: String, specs: [Spec])] {
        group(specs, interval: interval, default: refresh).flatMap { interval, members in
            var order: [Duration] = []
            var byTimeout: [Duration: [Spec]] = [:]
            for spec in members {
                let key = timeout(spec)
                if byTimeout[key] == nil { order.append(key) }
                byTimeout[key, default: []].append(spec)
            }
            let every = "every \(DurationText.format(interval))"
            return order.map { key in
                (interval, order.count > 1 ? every + ", timeout \(DurationText.format(key))" : every, byTimeout[key] ?? [])
            }
        }
    }
}
