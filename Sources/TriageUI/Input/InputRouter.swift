import TriageCore

/// Applies one read of input (the keys and pastes ``InputDecoder`` made of it) to the UI state: a
/// paste is text, and a question is answered only by a key read on its own.
///
/// A paste goes into an open prompt as text (one line: line breaks and tabs become spaces); a
/// question (a confirmation, or a preview whose Enter records something) it cancels; anywhere else
/// it is ignored with a notice. Nothing in it is ever a key.
///
/// A terminal without bracketed paste delivers a paste as keys, all in one read, while a person
/// answering a question types one key a read. So a key that comes with other input in the same
/// read cannot answer a question: the question is cancelled and the rest of the read dropped, as it
/// was never typed at the question (`root cause: disk⏎xyes⏎` pasted into the note prompt submits
/// the note, opens the run confirmation with `x`, and there stops).
public struct InputRouter: Sendable {
    /// What one event did: the effects for the app, and whether the rest of the read must be dropped.
    public struct Step: Sendable, Equatable {
        public var effects: [UIState.Effect]
        public var dropsRestOfRead: Bool
    }

    /// Events in the read, resizes not counted (they come from SIGWINCH, not from typing).
    public let eventsInRead: Int

    public init(read events: [InputDecoder.Event]) {
        eventsInRead = events.filter { $0 != .key(.resize) }.count
    }

    public func apply(_ event: InputDecoder.Event, to ui: inout UIState, keymap: Keymap, rowCounts: [PaneID: Int], pageSize: Int) -> Step {
        switch event {
        case .key(let key):
            if key != .resize, ui.isAskingQuestion, eventsInRead > 1 {
                ui.cancelQuestion(because: "it came with other keys (a paste?)")
                return Step(effects: [], dropsRestOfRead: true)
            }
            return Step(effects: ui.handle(key, keymap: keymap, rowCounts: rowCounts, pageSize: pageSize), dropsRestOfRead: false)
        case .paste(let text, let ended, let dropped):
            return paste(text, ended: ended, dropped: dropped, into: &ui)
        }
    }

    private func paste(_ text: String, ended: Bool, dropped: Int, into ui: inout UIState) -> Step {
        if ui.isAskingQuestion {
            ui.cancelQuestion(because: "a paste is not an answer")
            return Step(effects: [], dropsRestOfRead: true)
        }
        if ui.modal == nil, ui.pasteIntoFilter(Self.promptLine(text)) { return Step(effects: [], dropsRestOfRead: false) }
        guard var modal = ui.modal, var editor = modal.promptEditor else {
            let hint = ui.readOnly ? "this is a wall display" : ui.focus == .incident ? "press n to add a note" : "press 5 then n to add a note"
            ui.flash = StyledLine("paste ignored: \(hint)", CellStyle(.warn))
            return Step(effects: [], dropsRestOfRead: false)
        }
        // Into the line at the caret; a selected current value is replaced, as typing replaces it.
        editor.insert(Self.promptLine(text))
        modal.promptEditor = editor
        ui.modal = modal
        if !ended {
            ui.flash = StyledLine("the paste was cut off (its end never came): check the text before Enter", CellStyle(.warn, [.bold]))
        } else if dropped > 0 {
            ui.flash = StyledLine("paste cut to its first \(InputDecoder.maxPasteScalars) characters (\(dropped) dropped)", CellStyle(.warn))
        } else {
            ui.flash = nil
        }
        return Step(effects: [], dropsRestOfRead: false)
    }

    /// Pasted text as a prompt's one line: line breaks at its end dropped (a copied line ends in
    /// one), every other line break and tab a space.
    public static func promptLine(_ pasted: String) -> String {
        var scalars = Array(pasted.unicodeScalars)
        while scalars.last == "\n" { scalars.removeLast() }
        var line = String.UnicodeScalarView()
        for scalar in scalars { line.append(scalar == "\n" || scalar == "\t" ? " " : scalar) }
        return String(line)
    }
}

extension UIState {
    /// A question is open: a confirmation, or a preview whose Enter carries out its action.
    public var isAskingQuestion: Bool {
        switch modal?.kind {
        case .confirm?, .preview?: true
        default: false
        }
    }

    /// Closes the open question unanswered (so nothing is done), saying why.
    mutating func cancelQuestion(because reason: String) {
        modal = nil
        modalPurpose = nil
        flash = StyledLine("not confirmed: \(reason)", CellStyle(.warn, [.bold]))
    }
}
