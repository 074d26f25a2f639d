/// One thing to do during an incident: a Markdown task (`- [ ]`) or a procedure step.
///
/// `key` identifies the item across edits of the runbook file, so ticks stored against it survive
/// unrelated changes: it is built from the section's title path, the item's normalized text and
/// how many earlier items in the same place share that text, never from line numbers.
public struct ChecklistItem: Sendable, Equatable, Hashable, Codable {
    /// Where an item came from: a Markdown task list, or a numbered procedure in a section without one.
    public enum Kind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case task
        case step
    }

    public var text: String
    /// Ticked in the file itself (`- [x]`); the incident's own ticks live in the store, under `key`.
    public var checked: Bool
    /// 1-based line in the source file.
    public var line: Int
    public var kind: Kind
    /// 0 for a top-level item; a task nested under another task is one deeper.
    public var depth: Int
    /// Nested bullets and further paragraphs under the item, in order, as plain text.
    public var details: [String]
    public var key: String

    public init(
        text: String, checked: Bool = false, line: Int, kind: Kind, depth: Int = 0, details: [String] = [],
        key: String
    ) {
        self.text = text
        self.checked = checked
        self.line = line
        self.kind = kind
        self.depth = depth
        self.details = details
        self.key = key
    }

    /// Lower-case letters and digits separated by single spaces: what a key is built from.
    ///
    /// Punctuation, emoji, Markdown leftovers and spacing changes do not change the result, so
    /// `"**Check** the logs!"` and `"check the logs"` give the same key.
    public static func normalized(_ text: String) -> String {
        // All-ASCII text (most of a runbook) is done on bytes: same result, no grapheme breaking
        // and no Unicode property lookups, which dominate over a large runbook.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // Written straight into the string's storage: the result is never longer than the text.
            return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
                var count = 0
                var pendingSpace = false
                for byte in text.utf8 {
                    let lower = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                    if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) {
                        if pendingSpace, count > 0 {
                            buffer[count] = 0x20
                            count += 1
                        }
                        pendingSpace = false
                        buffer[count] = lower
                        count += 1
                    } else {
                        pendingSpace = true
                    }
                }
                return count
            }
        }
        var out = ""
        var pendingSpace = false
        for character in text.lowercased() {
            let isWordCharacter = character.asciiValue.map { (97...122).contains($0) || (48...57).contains($0) }
                ?? (character.isLetter || character.isNumber)
            if isWordCharacter {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// The stable key of an item: `path/…/text#occurrence`, each part normalized.
    ///
    /// - Parameters:
    ///   - path: section titles from the outermost heading down, then any parent items' texts.
    ///   - occurrence: how many earlier items under the same path have the same normalized text.
    public static func makeKey(path: [String], text: String, occurrence: Int) -> String {
        let parts = path.map(normalized) + [normalized(text)]
        return parts.joined(separator: "/") + "#\(occurrence)"
    }
}
