import Foundation
import TriageCore
import Yams

extension ConfigParser {
    static let severityRuleKeys = ["severity", "when"]
    static let severityConditionKeys = ["crit", "warn", "kind", "failing", "for"]

    /// `severity_rules:`: a list of `{severity, when: {crit, warn, kind, failing, for}}`, evaluated
    /// top-down on the picture (``SeveritySuggestion``). Each `when` needs at least one of `crit`,
    /// `warn` and `failing`; `crit`/`warn` are a count (`3`) or a share (`50%`).
    static func parseSeverityRule(_ node: Node, _ path: String, _ reader: NodeReader) -> SeverityRule? {
        guard let fields = reader.mapping(node, path, allowed: severityRuleKeys) else { return nil }
        let before = reader.issues.count
        let severity = required("severity", fields, node, path, reader) { reader.string($0, $1) }
        var rule = SeverityRule(severity: severity ?? "")
        let whenPath = NodeReader.join(path, "when")
        guard let whenNode = fields["when"]?.value else {
            reader.issue(at: node, whenPath, "missing \"when\": the conditions under which \(severity ?? "this severity") is suggested")
            return nil
        }
        guard let when = reader.mapping(whenNode, whenPath, allowed: severityConditionKeys) else { return nil }
        if let value = when["crit"]?.value { rule.crit = threshold(value, NodeReader.join(whenPath, "crit"), reader) }
        if let value = when["warn"]?.value { rule.warn = threshold(value, NodeReader.join(whenPath, "warn"), reader) }
        if let value = when["kind"]?.value, let words = reader.stringList(value, NodeReader.join(whenPath, "kind"), allowSingle: true) {
            for word in words {
                if let kind = SeverityRule.kind(named: word) {
                    rule.kinds.insert(kind)
                } else {
                    let names = OutageEntity.Kind.allCases.map(\.rawValue).filter { $0 != "source" && $0 != "events" }
                    reader.issue(at: value, NodeReader.join(whenPath, "kind"), "unknown kind \"\(word)\": one of \(names.joined(separator: ", "))")
                }
            }
        }
        if let value = when["failing"]?.value, let names = reader.stringList(value, NodeReader.join(whenPath, "failing"), allowSingle: true) {
            rule.failing = names
        }
        if let value = when["for"]?.value { rule.duration = reader.duration(value, NodeReader.join(whenPath, "for")) }
        if when["crit"] == nil, when["warn"] == nil, when["failing"] == nil {
            reader.issue(at: whenNode, whenPath, "needs at least one of crit, warn or failing")
        }
        return reader.issues.count == before ? rule : nil
    }

    /// `3` (at least three) or `50%` (at least half, and at least one).
    static func threshold(_ node: Node, _ path: String, _ reader: NodeReader) -> SeverityRule.Threshold? {
        if case .scalar(let scalar) = node, scalar.string.hasSuffix("%") {
            guard let percent = Double(scalar.string.dropLast().trimmingCharacters(in: .whitespaces)), percent > 0, percent <= 100 else {
                reader.issue(at: node, path, "expected a share from 1% to 100%, found \"\(scalar.string)\"")
                return nil
            }
            return .fraction(percent / 100)
        }
        return reader.int(node, path, range: 1...100_000).map { .count($0) }
    }
}
