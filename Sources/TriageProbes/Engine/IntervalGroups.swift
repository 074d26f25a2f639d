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
}
