import Foundation
import TriageCore
import Yams

/// `alertmanager:` entries: which Alertmanager to read active alerts from, and which alerts.
extension ConfigParser {
    static let alertmanagerKeys = ["name", "url", "filter", "receiver", "silenced", "headers", "timeout", "verify_tls"]

    /// An Alertmanager matcher as its API takes it: `label=value`, `label!=value`, `label=~"regex"`,
    /// `label!~"regex"`, the value quoted or bare.
    static let matcherPattern = try! NSRegularExpression(pattern: #"^\s*[A-Za-z_][A-Za-z0-9_]*\s*(=~|!~|!=|=)\s*("([^"\\]|\\.)*"|[^"]*)\s*$"#)

    static func parseAlertmanager(_ node: Node, _ path: String, _ reader: NodeReader) -> AlertmanagerSpec? {
        guard let fields = reader.mapping(node, path, allowed: alertmanagerKeys) else { return nil }
        let before = reader.issues.count
        let name = required("name", fields, node, path, reader) { reader.string($0, $1) }
        let url = required("url", fields, node, path, reader) { reader.url($0, $1, schemes: httpSchemes) }
        var spec = AlertmanagerSpec(name: name ?? "", url: url ?? "")
        if let node = fields["filter"]?.value, let matchers = reader.stringList(node, NodeReader.join(path, "filter"), allowSingle: true) {
            for (index, matcher) in matchers.enumerated() where !isMatcher(matcher) {
                let item: Node? = if case .sequence(let items) = node, index < items.count { items[index] } else { node }
                reader.issue(at: item, "\(NodeReader.join(path, "filter"))[\(index)]",
                             "not an Alertmanager matcher: \(matcher) (write label=value, label!=value, label=~\"regex\" or label!~\"regex\")")
            }
            spec.filter = matchers
        }
        if let node = fields["receiver"]?.value { spec.receiver = reader.string(node, NodeReader.join(path, "receiver")) }
        if let node = fields["silenced"]?.value, let value = reader.bool(node, NodeReader.join(path, "silenced")) { spec.silenced = value }
        if let node = fields["headers"]?.value { spec.headers = headers(node, NodeReader.join(path, "headers"), reader) }
        if let node = fields["timeout"]?.value, let value = reader.duration(node, NodeReader.join(path, "timeout")) { spec.timeout = value }
        if let node = fields["verify_tls"]?.value, let value = reader.bool(node, NodeReader.join(path, "verify_tls")) { spec.verifyTLS = value }
        return reader.issues.count == before ? spec : nil
    }

    static func isMatcher(_ text: String) -> Bool {
        matcherPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
