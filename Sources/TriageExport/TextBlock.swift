/// Builds a message in Markdown or plain text from labelled fields and lists.
///
/// The two formats differ only in emphasis and list indentation, so every export describes its
/// content once. Markdown field lines end in two spaces (a hard line break), so consecutive fields
/// stay on their own lines when rendered, yet read the same when pasted into chat.
struct TextBlock {
    let format: ExportFormat
    private(set) var lines: [String] = []

    init(format: ExportFormat) { self.format = format }

    var markdown: Bool { format == .markdown }

    mutating func heading(_ text: String) {
        lines.append(markdown ? "**\(text)**  " : text)
    }

    mutating func field(_ label: String, _ value: String) {
        lines.append(markdown ? "**\(label):** \(value)  " : "\(label): \(value)")
    }

    /// A labelled list; `empty` is shown on the label's line when there are no items.
    mutating func list(_ label: String, _ items: [String], empty: String, limit: Int = 12) {
        guard !items.isEmpty else { field(label, empty); return }
        lines.append(markdown ? "**\(label):**" : "\(label):")
        let shown = items.prefix(limit)
        for item in shown { lines.append(markdown ? "- \(item)" : "  - \(item)") }
        if items.count > limit {
            let more = "… and \(items.count - limit) more in the timeline"
            lines.append(markdown ? "- \(more)" : "  - \(more)")
        }
        // A Markdown line right after a list item would continue it; a blank line ends the list.
        if markdown { lines.append("") }
    }

    mutating func blank() { lines.append("") }

    mutating func raw(_ text: String) { lines.append(text) }

    var text: String {
        var body = lines
        while body.last?.isEmpty == true { body.removeLast() }
        return body.joined(separator: "\n") + "\n"
    }
}
