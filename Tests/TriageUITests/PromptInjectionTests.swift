import Testing
@testable import TriageUI

/// Notes, titles and commanders are typed into prompts. What a terminal delivers as keys cannot put
/// a control character into them: Escape closes the prompt, C0 and C1 controls never decode as text.
@Suite struct PromptInjectionTests {
    /// Keys as the terminal layer decodes them from raw input, one scalar at a time.
    static func keys(_ text: String) -> [Key] {
        text.unicodeScalars.compactMap { KeyDecoder.decode($0.value, isFunctionKey: false) }
    }

    @Test func anEscapeSequenceTypedIntoANoteClosesThePromptAndIsNeverSubmitted() {
        var ui = UIState()
        ui.focus = .incident
        ui.prompt("Note", for: .addNote)
        var effects: [UIState.Effect] = []
        for key in Self.keys("note \u{1B}]0;PWNED\u{07}") + [.enter] {
            effects += ui.handle(key, keymap: .standard, rowCounts: [:], pageSize: 5)
            if ui.modal == nil { break }
        }
        #expect(ui.modal == nil, "Escape did not close the prompt")
        #expect(!effects.contains { if case .domain(.addNote, let input) = $0 { input?.contains("\u{1B}") == true || input?.contains("PWNED") == true } else { false } },
                "the escape sequence was submitted as a note: \(effects)")
    }

    @Test func controlCharactersNeverBecomeNoteText() {
        var ui = UIState()
        ui.focus = .incident
        ui.prompt("Note", for: .addNote)
        var effects: [UIState.Effect] = []
        for key in Self.keys("a\u{07}\u{08}b\u{9B}31m\u{00}\u{85}c") + [.enter] {
            effects += ui.handle(key, keymap: .standard, rowCounts: [:], pageSize: 5)
        }
        let submitted = effects.compactMap { effect -> String? in
            if case .domain(.addNote, let input) = effect { return input } else { return nil }
        }
        #expect(submitted.count == 1)
        let text = submitted.first ?? ""
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }, "\(text.debugDescription)")
        #expect(text.hasSuffix("31mc"), "\(text.debugDescription)")
    }
}
