import Testing
@testable import TriageUI

/// Read-only mode (the wall) against the real keymap: every binding marked as changing state is
/// refused before it acts, whichever pane it belongs to, and says "read-only".
@Suite struct ReadOnlyKeymapTests {
    @Test func everyMutatingBindingOfTheStandardKeymapIsRefused() {
        let mutating = Keymap.standard.bindings.filter(\.mutates)
        #expect(mutating.count >= 8, "fewer mutating bindings than expected: \(mutating.map(\.summary))")
        for binding in mutating {
            for key in binding.keys {
                var ui = UIState(readOnly: true)
                if case .pane(let pane) = binding.scope { ui.focus = pane }
                let actions = ui.handle(key, keymap: .standard, rowCounts: [:], pageSize: 5)
                #expect(actions.isEmpty, "\(binding.summary) (\(key)) acted in read-only mode: \(actions)")
                #expect(ui.flash?.plainText.contains("read-only") == true, "\(binding.summary): no read-only notice")
                #expect(ui.modal == nil, "\(binding.summary) opened a prompt in read-only mode")
            }
        }
    }
}
