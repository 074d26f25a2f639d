import Testing
@testable import TriageUI

/// What one read of input may do: a paste is text, and a question is answered only by a key read
/// on its own (the defence for terminals without bracketed paste, which deliver a paste as keys).
@Suite struct InputRouterTests {
    /// What the app did with the effects, as far as these tests care.
    struct Outcome {
        var notes: [String] = []
        var runs: [String?] = []
    }

    /// Plays reads through the router the way `TerminalApp.handle` does; `x` opens the run
    /// confirmation (typed `yes` when `phrase` is set), as the app's `perform` does.
    static func play(_ reads: [[InputDecoder.Event]], ui: inout UIState, phrase: String? = "yes") -> Outcome {
        var outcome = Outcome()
        for read in reads {
            let router = InputRouter(read: read)
            for event in read {
                let step = router.apply(event, to: &ui, keymap: .standard, rowCounts: [.incident: 3], pageSize: 5)
                for effect in step.effects {
                    switch effect {
                    case .domain(.addNote, let input?): outcome.notes.append(input)
                    case .domain(.addNote, nil): ui.prompt("Note", for: .addNote)
                    case .domain(.runCommand, nil): ui.confirm("Run this command?", for: .runCommand, body: [], phrase: phrase)
                    case .domain(.runCommand, let input): outcome.runs.append(input)
                    default: break
                    }
                }
                if step.dropsRestOfRead { break }
            }
        }
        return outcome
    }

    /// Text as a terminal without bracketed paste delivers it: every character a key, all in one read.
    static func keys(_ text: String) -> [InputDecoder.Event] {
        text.unicodeScalars.compactMap { KeyDecoder.decode($0.value, isFunctionKey: false).map(InputDecoder.Event.key) }
    }

    static func incidentUI() -> UIState {
        var ui = UIState()
        ui.focus = .incident
        return ui
    }

    @Test func aPasteIntoTheNotePromptIsTextOnOneLine() {
        var ui = Self.incidentUI()
        let outcome = Self.play([Self.keys("n"), Self.keys("a "), [.paste("root cause: disk\nxyes\tnow\n\n", ended: true, dropped: 0)]], ui: &ui)
        #expect(ui.modal?.kind == .prompt(input: "a root cause: disk xyes now"))
        #expect(outcome.notes.isEmpty && outcome.runs.isEmpty)
        // Enter, typed on its own, submits exactly the pasted text.
        let submitted = Self.play([[.key(.enter)]], ui: &ui)
        #expect(submitted.notes == ["a root cause: disk xyes now"])
        #expect(submitted.runs.isEmpty)
    }

    @Test func aPasteOutsideAPromptIsIgnoredWithANotice() {
        var ui = Self.incidentUI()
        let before = ui.selection
        let outcome = Self.play([[.paste("jjxyes\n", ended: true, dropped: 0)]], ui: &ui)
        #expect(ui.modal == nil)
        #expect(ui.selection == before)
        #expect(outcome.notes.isEmpty && outcome.runs.isEmpty)
        #expect(ui.flash?.plainText == "paste ignored: press n to add a note")
        var services = UIState()
        _ = Self.play([[.paste("x", ended: true, dropped: 0)]], ui: &services)
        #expect(services.flash?.plainText == "paste ignored: press 5 then n to add a note")
        var wall = UIState(readOnly: true)
        _ = Self.play([[.paste("x", ended: true, dropped: 0)]], ui: &wall)
        #expect(wall.flash?.plainText == "paste ignored: this is a wall display")
    }

    @Test(arguments: ["yes", nil] as [String?])
    func aPasteNeverAnswersAQuestion(phrase: String?) {
        var ui = Self.incidentUI()
        let pasted = Self.play([Self.keys("x"), [.paste(phrase ?? "y", ended: true, dropped: 0)]], ui: &ui, phrase: phrase)
        #expect(ui.modal == nil)
        #expect(ui.flash?.plainText == "not confirmed: a paste is not an answer")
        let entered = Self.play([Self.keys("\r")], ui: &ui, phrase: phrase)
        #expect(pasted.runs.isEmpty && entered.runs.isEmpty, "a paste answered the confirmation")
    }

    /// The paste, through a terminal without bracketed paste: the note is taken (it was
    /// typed into the prompt, as far as anyone can tell), the run confirmation opens on `x`, and the
    /// `yes⏎` of the same read does not answer it.
    @Test(arguments: ["yes", nil] as [String?])
    func aBurstOfKeysCannotAnswerAConfirmation(phrase: String?) {
        var ui = Self.incidentUI()
        let answer = phrase.map { $0 + "\r" } ?? "y"
        let outcome = Self.play([Self.keys("n"), Self.keys("root cause: disk\rx" + answer + "jj")], ui: &ui, phrase: phrase)
        #expect(outcome.notes == ["root cause: disk"])
        #expect(outcome.runs.isEmpty, "the burst answered the confirmation: \(outcome.runs)")
        #expect(ui.modal == nil)
        #expect(ui.flash?.plainText == "not confirmed: it came with other keys (a paste?)")
        // The rest of the read was dropped, not acted on as keys.
        #expect(ui.selection[.incident] == nil)
    }

    @Test func aConfirmationOpenBeforeABurstIsNotAnsweredByIt() {
        var ui = Self.incidentUI()
        let outcome = Self.play([Self.keys("x"), Self.keys("yes\r")], ui: &ui)
        #expect(outcome.runs.isEmpty)
        #expect(ui.modal == nil)
    }

    @Test func keysTypedOneAReadStillAnswer() {
        var ui = Self.incidentUI()
        let typed = Self.play(["x", "y", "e", "s", "\r"].map(Self.keys), ui: &ui)
        #expect(typed.runs == ["yes"])
        var plain = Self.incidentUI()
        let yes = Self.play([Self.keys("x"), Self.keys("y")], ui: &plain, phrase: nil)
        #expect(yes.runs == ["yes"])
    }

    @Test func aBurstCannotConfirmAPreview() {
        var ui = Self.incidentUI()
        ui.preview("Status update #1", body: [], hint: "copy and record", for: .previewStatusUpdate)
        let step = InputRouter(read: Self.keys("\rq")).apply(.key(.enter), to: &ui, keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(step.effects.isEmpty && step.dropsRestOfRead)
        #expect(ui.modal == nil)
    }

    @Test func aResizeInTheSameReadIsNoBurst() {
        var ui = Self.incidentUI()
        ui.confirm("Run?", for: .runCommand, body: [], phrase: nil)
        let read: [InputDecoder.Event] = [.key(.resize), .key(.char("y"))]
        let step = InputRouter(read: read).apply(.key(.char("y")), to: &ui, keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(step.effects == [.domain(.runCommand, input: "yes")])
    }

    @Test func aCutPasteIsInsertedWithAWarning() {
        var ui = Self.incidentUI()
        ui.prompt("Note", for: .addNote)
        _ = Self.play([[.paste("half a li", ended: false, dropped: 0)]], ui: &ui)
        #expect(ui.modal?.kind == .prompt(input: "half a li"))
        #expect(ui.flash?.plainText.contains("cut off") == true)
    }

    /// A paste can make a prompt's input thousands of characters long; the box still shows its end.
    @Test func aLongPastedInputShowsItsEnd() {
        let input = String(repeating: "x", count: InputDecoder.maxPasteScalars) + " THE END"
        var grid = CellGrid(width: 80, height: 10)
        Modal(title: "Note", body: [], kind: .prompt(input: input)).render(into: &grid, area: grid.bounds)
        #expect(grid.lines.contains { $0.contains("› xxx") && $0.contains("x THE END▏") }, "\(grid.text)")
    }
}
