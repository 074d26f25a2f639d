/// Why a command block is destructive: what it runs, and where that sits when it is wrapped.
public struct DestructiveFinding: Sendable, Equatable, Hashable {
    /// What destroys: "kubectl delete", "rm -rf", "SQL DROP TABLE".
    public var label: String
    /// Where it runs, innermost first: ["inside sh -c", "over ssh db"], ["psql heredoc"].
    public var context: [String]

    public init(label: String, context: [String] = []) {
        self.label = label
        self.context = context
    }

    /// "destructive: rm -rf (inside sh -c)": what lint, the warning and the confirmation dialog show.
    public var reason: String {
        let flat = label.split(whereSeparator: \.isNewline).joined(separator: " ")
        let shown = flat.count > 80 ? String(flat.prefix(79)) + "…" : flat
        return "destructive: \(shown)" + (context.isEmpty ? "" : " (\(context.joined(separator: ", ")))")
    }
}
