import Testing
@testable import TriageUI

@Suite struct KeymapTests {
    @Test func digitsTabAndShiftTabMoveFocus() {
        var ui = UIState()
        _ = ui.handle(.char("4"), keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.focus == .logs)
        _ = ui.handle(.tab, keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.focus == .incident)
        _ = ui.handle(.backTab, keymap: .standard, rowCounts: [:], pageSize: 5)
        _ = ui.handle(.backTab, keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.focus == .pods)
        _ = ui.handle(.char("6"), keymap: .standard, rowCounts: [:], pageSize: 5)
        _ = ui.handle(.tab, keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.focus == .services)
    }

    @Test func zoomToggles() {
        var ui = UIState()
        _ = ui.handle(.char("z"), keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.zoomed)
        _ = ui.handle(.char("z"), keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(!ui.zoomed)
    }

    /// Enter and `d` describe the selected row (zoom stays on `z`); in the detail view, Esc and q close it.
    @Test func enterAndDOpenTheSelectedRowsDetailsNotZoom() {
        var ui = UIState()
        #expect(ui.handle(.enter, keymap: .standard, rowCounts: [:], pageSize: 5) == [.domain(.showDetail, input: nil)])
        #expect(!ui.zoomed)
        ui.focus = .pods
        #expect(ui.handle(.char("d"), keymap: .standard, rowCounts: [:], pageSize: 5) == [.domain(.showDetail, input: nil)])
        ui.detail = .pod("lab/shop/p")
        // Keys go to the view while it is open: `1` does not move focus behind it.
        _ = ui.handle(.char("1"), keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.focus == .pods && ui.detail != nil)
        _ = ui.handle(.down, keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.detailScroll == 1)
        #expect(ui.handle(.char("q"), keymap: .standard, rowCounts: [:], pageSize: 5).isEmpty)
        #expect(ui.detail == nil)
    }

    @Test func quitIsAnEffectAndHelpIsAModalFromTheTable() {
        var ui = UIState()
        #expect(ui.handle(.char("q"), keymap: .standard, rowCounts: [:], pageSize: 5) == [.quit])
        _ = ui.handle(.char("?"), keymap: .standard, rowCounts: [:], pageSize: 5)
        let help = ui.modal?.body.map(\.plainText).joined(separator: "\n") ?? ""
        for binding in Keymap.standard.bindings { #expect(help.contains(binding.summary)) }
        _ = ui.handle(.escape, keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.modal == nil)
    }

    @Test func selectionStaysInBounds() {
        var ui = UIState()
        let counts: [PaneID: Int] = [.services: 3]
        for _ in 0..<10 { _ = ui.handle(.down, keymap: .standard, rowCounts: counts, pageSize: 5) }
        #expect(ui.selection[.services] == 2)
        _ = ui.handle(.char("g"), keymap: .standard, rowCounts: counts, pageSize: 5)
        #expect(ui.selection[.services] == 0)
        _ = ui.handle(.up, keymap: .standard, rowCounts: counts, pageSize: 5)
        #expect(ui.selection[.services] == 0)
    }

    @Test func readOnlyRefusesMutatingBindings() {
        var keymap = Keymap.standard
        keymap.bindings.append(KeyBinding([.char(" ")], .toggleTick, .pane(.incident), "tick", mutates: true))
        var ui = UIState(readOnly: true)
        ui.focus = .incident
        #expect(ui.handle(.char(" "), keymap: keymap, rowCounts: [:], pageSize: 5).isEmpty)
        #expect(ui.flash?.plainText.contains("read-only") == true)
    }

    @Test func confirmationWithPhraseNeedsExactPhrase() {
        var ui = UIState()
        ui.confirm("Run?", for: .runCommand, body: [], phrase: "yes")
        for c in "ye" { _ = ui.handle(.char(c), keymap: .standard, rowCounts: [:], pageSize: 5) }
        #expect(ui.handle(.enter, keymap: .standard, rowCounts: [:], pageSize: 5).isEmpty)
        ui.confirm("Run?", for: .runCommand, body: [], phrase: "yes")
        for c in "yes" { _ = ui.handle(.char(c), keymap: .standard, rowCounts: [:], pageSize: 5) }
        #expect(ui.handle(.enter, keymap: .standard, rowCounts: [:], pageSize: 5) == [.domain(.runCommand, input: "yes")])
    }

    @Test(arguments: [
        (UInt32(0x0A), false, Key.enter), (0x09, false, .tab), (0x1B, false, .escape), (0x7F, false, .backspace),
        (0x0C, false, .ctrl("l")), (UInt32(KeyDecoder.keyBTab), true, .backTab), (UInt32(KeyDecoder.keyResize), true, .resize),
        (UInt32(KeyDecoder.keyF0 + 5), true, .function(5)), (0x61, false, .char("a")), (0x65E5, false, .char("日")),
    ])
    func decodesKeys(code: UInt32, function: Bool, expected: Key) {
        #expect(KeyDecoder.decode(code, isFunctionKey: function) == expected)
    }

    @Test func decoderRejectsC1AndUnknownCodes() {
        #expect(KeyDecoder.decode(0x9B, isFunctionKey: false) == nil)
        #expect(KeyDecoder.decode(0xD800, isFunctionKey: false) == nil)
        #expect(KeyDecoder.decode(0o777, isFunctionKey: true) == nil)
    }
}
