import TriageCore
import Yams

/// Every duplicated key of a YAML text, each reported at its own `file:line:column`.
///
/// Yams refuses a mapping with a repeated key, but names only the first mapping it meets and marks
/// the first occurrence of one key, so a file with two duplicates was reported as one problem at
/// the wrong line. Yams has no option to keep duplicates, so this asks it repeatedly: each time it
/// marks a key, that occurrence gets a unique local tag (`!triage-duplicate-N key:`), which makes
/// it unequal to its namesakes without moving its own mark or changing a line, until the text
/// composes. In the composed tree every tagged key and the untagged key of the same name in its
/// mapping are one key written several times; each occurrence after the first is reported.
enum DuplicateKeyFinder {
    /// Rounds (tagged occurrences) before giving up and reporting what Yams said.
    static let maximumRounds = 200
    private static let tagPrefix = "!triage-duplicate-"

    /// The duplicate-key issues of `yaml`, in file order; nil when the text has another YAML
    /// problem or the keys could not be located, and the caller reports Yams' own error.
    static func issues(yaml: String, file: String) -> [ConfigIssue]? {
        var scalars = Array(yaml.unicodeScalars)
        /// (line, column, length) of each inserted tag, in the coordinates of the text it went into.
        var insertions: [(line: Int, column: Int, length: Int)] = []
        var root: Node?
        for round in 0...maximumRounds {
            do {
                root = try Yams.compose(yaml: String(String.UnicodeScalarView(scalars)), .basic)
                break
            } catch YamlError.duplicatedKeysInMapping(_, let context) {
                let tag = "\(tagPrefix)\(round) "
                guard round < maximumRounds,
                    let offset = offset(of: context.mark, in: scalars)
                else { return nil }
                scalars.insert(contentsOf: tag.unicodeScalars, at: offset)
                insertions.append((context.mark.line, context.mark.column, tag.unicodeScalars.count))
            } catch {
                return nil
            }
        }
        guard let root, !insertions.isEmpty else { return nil }

        /// A mark in the tagged text, as a position in the file the person wrote.
        func original(_ mark: Mark) -> (line: Int, column: Int) {
            var column = mark.column
            for insertion in insertions.reversed() where insertion.line == mark.line && column > insertion.column {
                column -= insertion.length
            }
            return (mark.line, column)
        }

        var issues: [ConfigIssue] = []
        func walk(_ node: Node, _ path: String) {
            switch node {
            case .mapping(let mapping):
                var occurrences: [String: [Node]] = [:]
                var order: [String] = []
                for (key, value) in mapping {
                    if case .scalar(let scalar) = key {
                        if occurrences[scalar.string] == nil { order.append(scalar.string) }
                        occurrences[scalar.string, default: []].append(key)
                    }
                    let name = key.scalar?.string ?? "?"
                    walk(value, NodeReader.join(path, name))
                }
                for name in order {
                    guard let keys = occurrences[name], keys.count > 1,
                        keys.contains(where: { $0.tag.rawValue.hasPrefix(tagPrefix) })
                    else { continue }
                    let places = keys.compactMap(\.mark).map(original).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
                    guard let first = places.first else { continue }
                    for place in places.dropFirst() {
                        let at = place.line == first.line ? "\(first.line):\(first.column)" : "line \(first.line)"
                        issues.append(ConfigIssue(
                            file: file, line: place.line, column: place.column, key: NodeReader.join(path, name),
                            message: "duplicate key \"\(name)\" (first at \(at)); only one may be given"))
                    }
                }
            case .sequence(let sequence):
                for (index, item) in sequence.enumerated() { walk(item, "\(path)[\(index)]") }
            case .scalar, .alias:
                break
            }
        }
        walk(root, "")
        return issues.isEmpty ? nil : issues.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The index of the scalar at `mark` (1-based line and column, counted in Unicode scalars
    /// with libyaml's line breaks: CR LF, CR, LF, NEL, LS, PS).
    static func offset(of mark: Mark, in scalars: [Unicode.Scalar]) -> Int? {
        var line = 1
        var column = 1
        var index = 0
        while index < scalars.count {
            if line == mark.line && column == mark.column { return index }
            if line > mark.line { return nil }
            switch scalars[index].value {
            case 0x0D:
                if index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                line += 1
                column = 1
            case 0x0A, 0x85, 0x2028, 0x2029:
                line += 1
                column = 1
            default:
                column += 1
            }
            index += 1
        }
        return nil
    }
}
