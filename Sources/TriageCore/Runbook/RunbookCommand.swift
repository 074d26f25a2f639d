import Foundation

/// A shell command block from a runbook, offered to be run during an incident.
public struct RunbookCommand: Sendable, Equatable, Hashable, Codable {
    /// The fence's language (`bash`, `sh`, `console`, …), or `""` for an unlabelled block.
    public var language: String
    /// The commands, with any `$ ` prompts and prompt-less output lines removed.
    public var code: String
    /// 1-based line of the opening fence (or first line of indented code).
    public var line: Int
    /// Whether running it could take something down or throw data away; see `isDestructive(_:)`.
    public var destructive: Bool
    /// Why it is destructive ("destructive: kubectl delete"); nil when it is not.
    public var destructiveReason: String?

    /// The comment written just above the command in its block ("Check database status"): shown
    /// beside the command, never instead of it, because a comment can be wrong about what runs.
    public var note: String

    public init(language: String, code: String, line: Int, destructive: Bool, destructiveReason: String? = nil, note: String = "") {
        self.language = language
        self.code = code
        self.line = line
        self.destructive = destructive
        self.destructiveReason = destructiveReason
        self.note = note
    }

    /// Convenience: classify `code` with `destructiveFinding(_:)`.
    public init(language: String, code: String, line: Int, note: String = "") {
        let finding = Self.destructiveFinding(code)
        self.init(
            language: language, code: code, line: line, destructive: finding != nil, destructiveReason: finding?.reason,
            note: note)
    }

    /// Longest `summary`, in characters; longer commands end in "…".
    public static let summaryLimit = 80

    /// A one-line name for lists: the command itself (its first line, shortened), so the label is
    /// what runs. Comments are skipped, and so are leading assignments, `export`s and `cd`s that
    /// only set the command up (they are kept in `code` so it runs on its own).
    public var summary: String {
        var lines: [String] = []
        // Without a CR (which joins a following line feed into one character) every line feed is a
        // character of its own, so the code is cut on bytes: no grapheme breaking of every command.
        let rawLines = code.utf8.contains(0x0D)
            ? code.split(separator: "\n", omittingEmptySubsequences: true)
            : code.utf8.split(separator: UInt8(ascii: "\n")).map { Substring($0) }
        for raw in rawLines {
            let line = Self.trimmingWhitespace(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            lines.append(line)
        }
        var first = lines.first ?? ""
        var index = 0
        while index + 1 < lines.count, Self.isSetupLine(lines[index]) {
            // A setup line's continuation belongs to it.
            while index + 1 < lines.count, lines[index].hasSuffix("\\") { index += 1 }
            index += 1
        }
        if index < lines.count { first = lines[index] }
        if first.hasSuffix("\\") { first = String(first.dropLast()).trimmingCharacters(in: .whitespaces) + " …" }
        if first.count > Self.summaryLimit { first = String(first.prefix(Self.summaryLimit - 1)) + "…" }
        return first
    }

    /// `trimmingCharacters(in: .whitespaces)`, without Foundation's cost for the usual line that
    /// starts and ends with a visible ASCII character (nothing to trim).
    static func trimmingWhitespace(_ line: some StringProtocol) -> String {
        let line = String(line)
        if let first = line.utf8.first, let last = line.utf8.last, (0x21...0x7E).contains(first),
            (0x21...0x7E).contains(last)
        {
            return line
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// `NAME=value`, `export NAME=value`, `cd dir`, `source file`, `set -e`: lines that prepare
    /// the shell for the command after them rather than act.
    public static func isSetupLine(_ line: String) -> Bool {
        let trimmed = trimmingWhitespace(line)
        let first = trimmed.prefix(while: { !$0.isWhitespace })
        if setupWords.contains(String(first)) { return true }
        guard let equals = first.firstIndex(of: "="), equals != first.startIndex else { return false }
        let name = first[..<equals]
        // An ASCII line is searched for its space on bytes; Foundation's search is kept for others.
        let hasSpace = trimmed.utf8.allSatisfy { $0 < 0x80 } ? trimmed.utf8.contains(0x20) : trimmed.contains(" ")
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && name.first.map { !$0.isNumber } == true
            && !hasSpace
    }

    /// First words of the lines `isSetupLine` counts, built once rather than on every call.
    static let setupWords: Set<String> = ["export", "cd", "source", ".", "set", "local", "readonly", "declare", "alias", "unset"]
}
