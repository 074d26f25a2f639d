/// Editing of a prompt's one input line: pure, so each key's effect is testable without a terminal.
///
/// A prompt that opens with the current value (severity, commander, a search) has it *selected*:
/// the first typed character or paste replaces it, so `c` then `alice` gives `alice`, never
/// `root@vmalice`. An arrow, Home or End drops the selection and edits the value from there;
/// Backspace or Delete on a selected value clears it.
public struct PromptEditor: Sendable, Equatable {
    public var text: String
    /// Characters before the caret.
    public var caret: Int
    /// The whole text is selected (shown highlighted): typing replaces it.
    public var selected: Bool

    public init(text: String, caret: Int? = nil, selected: Bool = false) {
        self.text = text
        self.caret = min(max(0, caret ?? text.count), text.count)
        self.selected = selected && !text.isEmpty
    }

    /// A prompt opening with `value` as the current value: all of it selected, caret at the end.
    public static func showing(_ value: String) -> PromptEditor {
        PromptEditor(text: value, selected: true)
    }

    /// Applies an editing key; false when the key is not an editing key (Enter, Esc, …).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .backspace:
            if selected { replaceAll(with: "") } else if caret > 0 { remove(at: caret - 1); caret -= 1 }
        case .delete:
            if selected { replaceAll(with: "") } else if caret < text.count { remove(at: caret) }
        case .ctrl("u"): replaceAll(with: "")
        case .left: selected = false; caret = max(0, caret - 1)
        case .right: selected = false; caret = min(text.count, caret + 1)
        case .home, .ctrl("a"): selected = false; caret = 0
        case .end, .ctrl("e"): selected = false; caret = text.count
        default: return false
        }
        return true
    }

    /// Inserts typed or pasted text at the caret, replacing the selection if there is one.
    public mutating func insert(_ typed: String) {
        if selected { replaceAll(with: typed); return }
        let index = text.index(text.startIndex, offsetBy: caret)
        let before = text.count
        text.insert(contentsOf: typed, at: index)
        // Count what the text grew by, not typed.count: a combining mark joins the character before.
        caret += text.count - before
    }

    private mutating func replaceAll(with value: String) {
        text = value
        caret = value.count
        selected = false
    }

    private mutating func remove(at offset: Int) {
        text.remove(at: text.index(text.startIndex, offsetBy: offset))
    }
}
