import TriageCore
import Yams

/// `notify:` entries: programs told about incident events (see ``NotifierSpec``).
extension ConfigParser {
    static let notifyKeys = ["name", "run", "on", "timeout"]

    static func parseNotifier(_ node: Node, _ path: String, _ reader: NodeReader) -> NotifierSpec? {
        guard let fields = reader.mapping(node, path, allowed: notifyKeys) else { return nil }
        let before = reader.issues.count
        let name = required("name", fields, node, path, reader) { reader.string($0, $1) }
        let argv = required("run", fields, node, path, reader) { runArgv($0, $1, reader) }
        var spec = NotifierSpec(name: name ?? "", argv: argv ?? [])
        if let node = fields["on"]?.value { spec.events = notifierEvents(node, NodeReader.join(path, "on"), reader) ?? spec.events }
        if let node = fields["timeout"]?.value, let value = reader.duration(node, NodeReader.join(path, "timeout")) {
            if value > .zero && value <= .seconds(300) {
                spec.timeout = value
            } else {
                reader.issue(at: node, NodeReader.join(path, "timeout"), "timeout must be more than 0s and at most 5m")
            }
        }
        return reader.issues.count == before ? spec : nil
    }

    /// `on: declare` or `on: [declare, resolve]`; every name must be one of ``NotifierEvent``'s.
    private static func notifierEvents(_ node: Node, _ path: String, _ reader: NodeReader) -> Set<NotifierEvent>? {
        let items: [(Node, String)]
        if case .scalar = node {
            items = [(node, path)]
        } else {
            guard let sequence = reader.sequence(node, path) else { return nil }
            items = sequence.enumerated().map { ($1, "\(path)[\($0)]") }
        }
        guard !items.isEmpty else {
            reader.issue(at: node, path, "on needs at least one event (leave it out for all of them)")
            return nil
        }
        let known = NotifierEvent.allCases.map(\.rawValue).joined(separator: ", ")
        var events: Set<NotifierEvent> = []
        for (item, itemPath) in items {
            guard let name = reader.string(item, itemPath) else { continue }
            guard let event = NotifierEvent(rawValue: name) else {
                // Pointed at the word itself, so a typo is found at once.
                reader.issue(at: item, itemPath, "unknown event \"\(name)\": use \(known)")
                continue
            }
            events.insert(event)
        }
        return events.isEmpty ? nil : events
    }
}
