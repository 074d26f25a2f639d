import TriageCore

/// A centred box over the dashboard: help, a prompt with an input line, or a confirmation.
public struct Modal: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Read-only text; any key closes it.
        case message
        /// An input line; Enter submits, Esc cancels.
        case prompt(input: String)
        /// A yes/no question, or a phrase that must be typed (destructive commands need `yes`).
        case confirm(requiredPhrase: String?, input: String)
        /// Read-only text with an action on Enter (copy the status update), Esc closes.
        case preview(actionHint: String)
        /// A choice among fixed values; Enter submits the highlighted one, Esc cancels.
        case pick(PickList)
        /// The log-source list: Space acts on the entry under the cursor and the list stays open.
        case sources(SourcePicker)
    }

    public var title: String
    public var body: [StyledLine]
    public var kind: Kind
    public var scroll: Int
    /// For a prompt: where the caret is and whether the shown value is selected (see ``PromptEditor``).
    public var caret: Int?
    public var inputSelected: Bool
    /// Long lines wrap instead of being cut (a status update previews exactly what is copied);
    /// `scroll` then counts body lines, not rows.
    public var wraps = false
    /// For a preview: what `e` does (fill its placeholders), shown in the hint; nil: `e` closes it.
    public var editHint: String?

    public init(title: String, body: [StyledLine], kind: Kind = .message, scroll: Int = 0) {
        self.title = title
        self.body = body
        self.kind = kind
        self.scroll = scroll
        caret = nil
        inputSelected = false
    }

    /// A prompt's input line as an editor; setting it stores text, caret and selection back.
    public var promptEditor: PromptEditor? {
        get {
            guard case .prompt(let input) = kind else { return nil }
            return PromptEditor(text: input, caret: caret, selected: inputSelected)
        }
        set {
            guard let editor = newValue else { return }
            kind = .prompt(input: editor.text)
            caret = editor.caret
            inputSelected = editor.selected
        }
    }

    /// The body with a pick list's options under it, the highlighted one marked.
    private var shownBody: [StyledLine] {
        if case .sources(let picker) = kind { return body + picker.lines }
        guard case .pick(let list) = kind else { return body }
        return body + list.options.enumerated().map { offset, option in
            offset == list.index
                ? StyledLine("› " + option, CellStyle(.selection, [.bold]))
                : StyledLine("  " + option)
        }
    }

    public func render(into grid: inout CellGrid, area: Rect) {
        let body = shownBody
        let contentWidth = min(area.width - 4, max(40, body.map(\.displayWidth).max() ?? 0, DisplayWidth.of(title) + 4))
        let inputRows: Int
        switch kind {
        case .message: inputRows = 1
        case .prompt, .confirm, .preview, .pick, .sources: inputRows = 2
        }
        let shownRows = TextView(lines: body, wrap: wraps).rows(width: contentWidth).count
        let height = min(area.height - 2, shownRows + inputRows + 2)
        let box = area.centered(width: contentWidth + 4, height: height)
        let inner = Pane(title: title, focused: true).render(into: &grid, area: box)
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let bodyRows = max(0, content.height - inputRows)
        let view = wraps ? TextView(lines: Array(body.dropFirst(scroll)), wrap: true) : TextView(lines: body, offset: scroll)
        view.render(into: &grid, area: Rect(x: content.x, y: content.y, width: content.width, height: bodyRows))
        let last = content.maxY - 1
        let more = shownRows > bodyRows ? "↑↓ scroll · " : ""
        switch kind {
        case .message:
            grid.put("\(more)Esc or q to close", in: Rect(x: content.x, y: last, width: content.width, height: 1), style: CellStyle(.muted), align: .right)
        case .preview(let hint):
            let edit = editHint.map { "e \($0) · " } ?? ""
            grid.put("\(more)\(edit)Enter \(hint) · Esc close", in: Rect(x: content.x, y: last, width: content.width, height: 1), style: CellStyle(.accent, [.bold]), align: .right)
        case .prompt(let input):
            drawInput(into: &grid, y: last, x: content.x, width: content.width,
                      editor: PromptEditor(text: input, caret: caret, selected: inputSelected), hint: "Enter ok · Esc cancel")
        case .confirm(let phrase, let input):
            let hint = phrase.map { "type \($0) then Enter · Esc cancel" } ?? "y confirm · n/Esc cancel"
            drawInput(into: &grid, y: last, x: content.x, width: content.width, editor: PromptEditor(text: input), hint: hint)
        case .sources(let picker):
            grid.put("↑↓ move · Space show/hide/follow · t new ones start: \(picker.window.label()) · Esc close",
                     in: Rect(x: content.x, y: last, width: content.width, height: 1), style: CellStyle(.accent, [.bold]), align: .right)
        case .pick:
            grid.put("↑↓ or type to choose · Enter ok · Esc cancel", in: Rect(x: content.x, y: last, width: content.width, height: 1),
                     style: CellStyle(.accent, [.bold]), align: .right)
        }
    }

    private func drawInput(into grid: inout CellGrid, y: Int, x: Int, width: Int, editor: PromptEditor, hint: String) {
        let hintWidth = DisplayWidth.of(hint)
        let field = max(1, width - hintWidth - 1)
        let input = editor.text
        let caret = input.index(input.startIndex, offsetBy: editor.caret)
        // Show the input up to the caret, as much of it as fits, so the caret stays visible: characters
        // back from the caret while they fit (one pass, since a paste can make the input thousands of
        // characters long), then what follows the caret in the room left.
        var start = caret
        var shownWidth = 0
        while start > input.startIndex {
            let previous = input.index(before: start)
            shownWidth += DisplayWidth.of(input[previous])
            if shownWidth > field - 3 { break }
            start = previous
        }
        let style = CellStyle(.accent, [.bold])
        var column = x + grid.put("› ", x: x, y: y, style: style, limit: x + field)
        // A selected value is drawn highlighted: the next key replaces it.
        column += grid.put(input[start..<caret], x: column, y: y, style: editor.selected ? CellStyle(.selection, [.bold]) : style, limit: x + field)
        column += grid.put("▏", x: column, y: y, style: style, limit: x + field)
        grid.put(input[caret...], x: column, y: y, style: style, limit: x + field)
        grid.put(hint, x: x + width - hintWidth, y: y, style: CellStyle(.muted), limit: x + width)
    }
}
