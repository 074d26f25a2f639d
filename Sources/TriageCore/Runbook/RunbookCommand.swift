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

    public init(language: String, code: String, line: Int, destructive: Bool, destructiveReason: String? = nil) {
        self.language = language
        self.code = code
        self.line = line
        self.destructive = destructive
        self.destructiveReason = destructiveReason
    }

    /// Convenience: classify `code` with `destructiveFinding(_:)`.
    public init(language: String, code: String, line: Int) {
        let finding = Self.destructiveFinding(code)
        self.init(language: language, code: code, line: line, destructive: finding != nil, destructiveReason: finding?.reason)
    }

    /// A one-line name for lists: the first comment (`# Check pods`), else the first command.
    public var summary: String {
        var firstCommand: String?
        for raw in code.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#!") { continue }
            if line.hasPrefix("#") {
                let comment = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                if !comment.isEmpty { return comment }
                continue
            }
            if firstCommand == nil, !line.isEmpty { firstCommand = line }
        }
        return firstCommand ?? ""
    }
}
