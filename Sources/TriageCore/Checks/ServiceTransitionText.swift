/// The timeline line a service check's state change becomes (`service api went down: HTTP 503`,
/// `service api came back`), and its reading back: the post-mortem tells each check's availability
/// over the incident from these lines, the history the incident store keeps.
public enum ServiceTransitionText {
    public static func text(name: String, to state: HealthState, reason: String?) -> String {
        let verb = state == .ok ? "came back" : state == .crit ? "went down" : "is \(state.label)"
        return "service \(name) \(verb)" + (state == .ok ? "" : reason.map { ": \($0)" } ?? "")
    }

    /// The check's name and whether it went down (true) or came back (false); nil for any other
    /// line, and for `is WARN` (a slow answer is still up).
    public static func parse(_ text: String) -> (name: String, down: Bool)? {
        guard text.hasPrefix("service ") else { return nil }
        let rest = text.dropFirst("service ".count)
        if rest.hasSuffix(" came back") {
            return (String(rest.dropLast(" came back".count)), false)
        }
        if let range = rest.range(of: " went down"), range.upperBound == rest.endIndex || rest[range.upperBound...].hasPrefix(":") {
            return (String(rest[..<range.lowerBound]), true)
        }
        return nil
    }
}
