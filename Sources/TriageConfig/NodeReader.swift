import Foundation
import TriageCore
import Yams

/// Reads typed values out of YAML nodes and records every problem with its file:line:column and key.
///
/// Readers return nil after recording an issue, so the parser carries on and reports every mistake
/// of a file in one go instead of one per run.
final class NodeReader {
    let file: String
    private(set) var issues: [ConfigIssue] = []

    init(file: String) {
        self.file = file
    }

    func issue(at node: Node?, _ key: String, _ message: String) {
        let mark = node?.mark
        issues.append(ConfigIssue(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, key: key, message: message))
    }

    func issue(at mark: Mark, _ key: String, _ message: String) {
        issues.append(ConfigIssue(file: file, line: mark.line, column: mark.column, key: key, message: message))
    }

    // MARK: Structure

    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return ImplicitScalarType.tag(of: node) == .null || (scalar.string.isEmpty && scalar.style == .plain) }
        return false
    }

    /// The entries of a mapping, after reporting keys outside `allowed` (with a spelling hint).
    func mapping(_ node: Node, _ path: String, allowed: [String]) -> [String: (key: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            issue(at: node, path, "expected a mapping (key: value lines), found \(Self.kind(node))")
            return nil
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                issue(at: key, path, "keys must be plain words")
                continue
            }
            let name = scalar.string
            guard allowed.contains(name) else {
                let hint = Self.closest(to: name, in: allowed).map { " (did you mean \"\($0)\"?)" } ?? ""
                issue(at: key, Self.join(path, name), "unknown key \"\(name)\"\(hint)")
                continue
            }
            entries[name] = (key, value)
        }
        return entries
    }

    /// The items of a sequence; null (an empty section) is an empty list.
    func sequence(_ node: Node, _ path: String) -> [Node]? {
        if Self.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            issue(at: node, path, "expected a list (lines starting with \"- \"), found \(Self.kind(node))")
            return nil
        }
        return Array(sequence)
    }

    // MARK: Scalars

    func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            issue(at: node, path, "expected a text value, found \(Self.kind(node))")
            return nil
        }
        if scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
            issue(at: node, path, "must not be empty")
            return nil
        }
        return scalar.string
    }

    func duration(_ node: Node, _ path: String) -> Duration? {
        guard let text = string(node, path) else { return nil }
        do {
            let value = try DurationText.parse(text)
            guard value > .zero else {
                issue(at: node, path, "duration must be more than 0")
                return nil
            }
            return value
        } catch {
            issue(at: node, path, error.description)
            return nil
        }
    }

    func int(_ node: Node, _ path: String, range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, ImplicitScalarType.tag(of: node) == .int, let value = Int(scalar.string) else {
            issue(at: node, path, "expected a whole number, found \(Self.kind(node))")
            return nil
        }
        guard range.contains(value) else {
            issue(at: node, path, "\(value) is out of range \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    func double(_ node: Node, _ path: String) -> Double? {
        guard case .scalar(let scalar) = node, [Tag.Name.int, .float].contains(ImplicitScalarType.tag(of: node)),
              let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")), value.isFinite
        else {
            issue(at: node, path, "expected a number, found \(Self.kind(node))")
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ path: String) -> Bool? {
        guard case .scalar(let scalar) = node, ImplicitScalarType.tag(of: node) == .bool,
              let value = ImplicitScalarType.boolValue(scalar.string)
        else {
            issue(at: node, path, "expected true or false, found \(Self.kind(node))")
            return nil
        }
        return value
    }

    /// A list of texts; a single text is accepted as a one-item list when `allowSingle`.
    func stringList(_ node: Node, _ path: String, allowSingle: Bool) -> [String]? {
        if allowSingle, case .scalar = node, !Self.isNull(node) {
            return string(node, path).map { [$0] }
        }
        guard let items = sequence(node, path) else { return nil }
        var values: [String] = []
        for (index, item) in items.enumerated() {
            guard let value = string(item, "\(path)[\(index)]") else { return nil }
            values.append(value)
        }
        return values
    }

    /// A mapping of texts to texts (headers, environment), in file order.
    func stringPairs(_ node: Node, _ path: String) -> [(String, String)]? {
        if Self.isNull(node) { return [] }
        guard case .mapping(let mapping) = node else {
            issue(at: node, path, "expected a mapping (Name: value lines), found \(Self.kind(node))")
            return nil
        }
        var pairs: [(String, String)] = []
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else {
                issue(at: key, path, "names must be plain text")
                return nil
            }
            guard let text = scalarText(value, Self.join(path, keyScalar.string)) else { return nil }
            pairs.append((keyScalar.string, text))
        }
        return pairs
    }

    /// Any scalar as text (a header value may look like a number).
    private func scalarText(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node, ImplicitScalarType.tag(of: node) != .null else {
            issue(at: node, path, "expected a text value, found \(Self.kind(node))")
            return nil
        }
        return scalar.string
    }

    /// An absolute URL with one of `schemes` and a host (or a path, for `unix://`).
    func url(_ node: Node, _ path: String, schemes: [String]) -> String? {
        guard let text = string(node, path) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            issue(at: node, path, "invalid URL \"\(text)\": expected \(schemes.map { $0 + "://…" }.joined(separator: ", "))")
            return nil
        }
        guard schemes.contains(scheme) else {
            issue(at: node, path, "unsupported URL scheme \"\(scheme)\" in \"\(text)\": expected \(schemes.map { $0 + "://…" }.joined(separator: ", "))")
            return nil
        }
        if scheme == "unix" {
            guard components.path.hasPrefix("/") else {
                issue(at: node, path, "invalid URL \"\(text)\": a unix socket URL needs an absolute path (unix:///var/run/docker.sock)")
                return nil
            }
        } else if !Self.namesHost(trimmed) {
            issue(at: node, path, "invalid URL \"\(text)\": no host")
            return nil
        }
        return trimmed
    }

    // MARK: Helpers

    /// Whether a URL that `URLComponents` accepted names a host (`scheme://[user@]host[:port]…`),
    /// read from its text: `URLComponents.host` and `percentEncodedHost` start ICU's IDNA for every
    /// URL, which put megabytes of ICU in the dashboard before its first frame.
    static func namesHost(_ url: String) -> Bool {
        guard let schemeEnd = url.firstRange(of: "://") else { return false }
        let authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        if hostAndPort.hasPrefix("[") { return true }  // an IP literal, as Foundation reads it
        return !(hostAndPort.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").isEmpty
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    static func kind(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            switch ImplicitScalarType.tag(of: node) {
            case .int, .float: return "the number \(scalar.string)"
            case .bool: return "\(scalar.string) (true/false)"
            default: return "\"\(scalar.string)\""
            }
        }
    }

    /// The allowed key within edit distance 2 of a misspelt one, if any.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
