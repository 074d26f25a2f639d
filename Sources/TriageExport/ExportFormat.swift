/// How an export is written: Markdown for chat and documents, plain text for e-mail and pagers,
/// JSON for scripts.
public enum ExportFormat: String, Sendable, Equatable, CaseIterable, Codable {
    case markdown
    case text
    case json
}
