import Foundation

/// A communication template from a runbook (status update, resolution notice), copied as is.
public struct RunbookTemplate: Sendable, Equatable, Hashable, Codable {
    /// The lead-in (`Update Template`) when the block has one, else the section's title.
    public var title: String
    public var body: String
    /// 1-based line where the block starts.
    public var line: Int

    public init(title: String, body: String, line: Int) {
        self.title = title
        self.body = body
        self.line = line
    }

    /// The `[Placeholder]`s in the body, in order of first appearance, without duplicates.
    ///
    /// Markdown links (`[text](url)`) are not placeholders; neither is an empty `[]`.
    public var placeholders: [String] {
        var found: [String] = []
        var seen = Set<String>()
        let scalars = Array(body)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "[" else { index += 1; continue }
            var end = index + 1
            while end < scalars.count, scalars[end] != "]", scalars[end] != "[", scalars[end] != "\n" { end += 1 }
            guard end < scalars.count, scalars[end] == "]" else { index = end; continue }
            let inner = String(scalars[(index + 1)..<end])
            let isLink = end + 1 < scalars.count && scalars[end + 1] == "("
            if !inner.trimmingCharacters(in: .whitespaces).isEmpty, !isLink, seen.insert(inner).inserted {
                found.append(inner)
            }
            index = end + 1
        }
        return found
    }
}
