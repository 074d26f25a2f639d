import Testing
@testable import TriageUI

/// Prompts that cannot corrupt what they edit: a shown current value is selected (typing replaces
/// it), and fixed choices are pick lists that can only submit one of their values.
@Suite struct PromptEditingTests {
    init() { #expect(localeReady) }

    /// Types `text` key by key into the open modal and returns what Enter submits.
    static func submit(_ text: String, into ui: inout UIState, extraKeys: [Key] = []) -> String? {
        for key in extraKeys { _ = ui.handle(key, keymap: .standard, rowCounts: [:], pageSize: 5) }
        for c in text { _ = ui.handle(.char(c), keymap: .standard, rowCounts: [:], pageSize: 5) }
        for effect in ui.handle(.enter, keymap: .standard, rowCounts: [:], pageSize: 5) {
            if case .domain(_, let input) = effect { return input }
        }
        return nil
    }

    @Test func typingIntoAPromptShowingTheCurrentValueReplacesIt() {
        var ui = UIState()
        ui.prompt("Incident commander", for: .setCommander, initial: "root@vm")
        #expect(ui.modal?.inputSelected == true)
        #expect(Self.submit("alice", into: &ui) == "alice")
    }

    @Test func anArrowOrEndKeepsTheCurrentValueToEditIt() {
        var ui = UIState()
        ui.prompt("Incident commander", for: .setCommander, initial: "root@vm")
        #expect(Self.submit("2", into: &ui, extraKeys: [.end]) == "root@vm2")
        ui.prompt("Incident commander", for: .setCommander, initial: "root@vm")
        #expect(Self.submit("X", into: &ui, extraKeys: [.home, .right]) == "rXoot@vm")
        ui.prompt("Incident commander", for: .setCommander, initial: "root@vm")
        #expect(Self.submit("", into: &ui, extraKeys: [.left, .backspace]) == "root@m")
    }

    @Test func backspaceOnASelectedValueClearsIt() {
        var editor = PromptEditor.showing("P1")
        let handled = editor.handle(.backspace)
        #expect(handled)
        #expect(editor.text.isEmpty && !editor.selected)
    }

    @Test func aPasteReplacesASelectedValue() {
        var ui = UIState()
        ui.prompt("Search logs", for: .search, initial: "old")
        let router = InputRouter(read: [.paste("new\n", ended: true, dropped: 0)])
        _ = router.apply(.paste("new\n", ended: true, dropped: 0), to: &ui, keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.modal?.kind == .prompt(input: "new"))
    }

    @Test func anEmptyPromptAppendsAsBefore() {
        var ui = UIState()
        ui.prompt("Note", for: .addNote)
        #expect(ui.modal?.inputSelected == false)
        #expect(Self.submit("disk full", into: &ui) == "disk full")
    }

    @Test func aSeverityPickListTakesTypedPrefixesAndArrows() {
        var ui = UIState()
        ui.pick("Severity", for: .setSeverity, options: ["P1", "P2", "P3", "P4"], current: "P1")
        #expect(Self.submit("P3", into: &ui) == "P3")
        ui.pick("Severity", for: .setSeverity, options: ["P1", "P2", "P3", "P4"], current: "P1")
        #expect(Self.submit("", into: &ui, extraKeys: [.down, .down]) == "P3")
        ui.pick("Severity", for: .setSeverity, options: ["P1", "P2", "P3", "P4"], current: "P2")
        #expect(Self.submit("4", into: &ui) == "P4")
    }

    @Test func aStatusPickListJumpsByFirstLetters() {
        var ui = UIState()
        let statuses = ["Investigating", "Identified", "Mitigating", "Monitoring", "Resolved"]
        ui.pick("Status", for: .setStatus, options: statuses, current: "Investigating")
        #expect(Self.submit("mo", into: &ui) == "Monitoring")
        ui.pick("Status", for: .setStatus, options: statuses, current: "Investigating")
        #expect(Self.submit("r", into: &ui) == "Resolved")
    }

    @Test func aCharacterNoChoiceHasIsRefusedWithTheListShown() {
        var ui = UIState()
        ui.pick("Severity", for: .setSeverity, options: ["P1", "P2"], current: "P2")
        _ = ui.handle(.char("z"), keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.flash?.plainText.contains("P1, P2") == true)
        // Still open, still on the current value: nothing outside the list can be submitted.
        #expect(Self.submit("", into: &ui) == "P2")
    }

    @Test func aPickListCancelsOnEscapeAndShowsItsOptions() {
        var ui = UIState()
        ui.pick("Severity", for: .setSeverity, options: ["P1", "P2"], current: nil)
        var grid = CellGrid(width: 60, height: 12)
        ui.modal?.render(into: &grid, area: grid.bounds)
        let text = grid.text
        #expect(text.contains("› P1") && text.contains("  P2"))
        #expect(ui.handle(.escape, keymap: .standard, rowCounts: [:], pageSize: 5).isEmpty)
        #expect(ui.modal == nil)
    }
}
