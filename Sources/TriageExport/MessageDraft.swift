import Foundation

/// A message ready to post, apart from what its reader must still add.
///
/// The dashboard copies `message` alone to the clipboard and shows `leftForHuman` and `notes`
/// beside it; `render` functions append them below the message, separated, for files.
public struct MessageDraft: Sendable, Equatable {
    /// The message, redacted.
    public var message: String
    /// Placeholders triage could not fill, bracketed as in the template: `[ETA]`.
    public var leftForHuman: [String]
    /// The runbook template used, by title; nil for triage's built-in wording.
    public var templateTitle: String?
    /// Caveats about the data, e.g. that no probe data was collected.
    public var notes: [String]

    public init(message: String, leftForHuman: [String], templateTitle: String?, notes: [String]) {
        self.message = message
        self.leftForHuman = leftForHuman
        self.templateTitle = templateTitle
        self.notes = notes
    }

    /// The draft with placeholders replaced by what the responder typed for them (keyed by the
    /// bracketed placeholder, `[Actions]`); a blank answer leaves its placeholder. What is
    /// filled leaves `leftForHuman`. The answers pass the same redaction as the rest of the message.
    public func filling(_ fills: [String: String]) -> MessageDraft {
        var filled = self
        for placeholder in leftForHuman {
            guard let answer = fills[placeholder]?.trimmingCharacters(in: .whitespacesAndNewlines), !answer.isEmpty else { continue }
            filled.message = filled.message.replacingOccurrences(of: placeholder, with: ExportText.safe(answer))
            filled.leftForHuman.removeAll { $0 == placeholder }
        }
        return filled
    }

    /// The message, then (when there is any) a separated footer with what is left and the notes.
    func rendered(format: ExportFormat) -> String {
        var footer: [String] = []
        if !leftForHuman.isEmpty { footer.append("Left for you: " + leftForHuman.joined(separator: ", ")) }
        footer += notes.map { "Note: \($0)" }
        if let templateTitle { footer.append("Template: \"\(templateTitle)\" from the runbook") }
        var text = message.hasSuffix("\n") ? message : message + "\n"
        if !footer.isEmpty {
            switch format {
            case .markdown: text += "\n---\n\n" + footer.map { "_\($0)_" }.joined(separator: "  \n") + "\n"
            case .text, .json: text += "\n--\n" + footer.joined(separator: "\n") + "\n"
            }
        }
        return text
    }
}
