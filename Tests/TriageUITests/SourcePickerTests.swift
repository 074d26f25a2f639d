import Testing
import TriageCore
@testable import TriageUI

/// Issue 14 §2: the log-source picker is a list you move in (arrows) and toggle (Space), with
/// entries sorted by name that activity and following never reorder.
@Suite struct SourcePickerTests {
    static let entries: [SourcePicker.Entry] = [
        .init(key: "source:1", label: "pod shop/web-2 (prod)", detail: "running", state: .shown),
        .init(key: "follow:container lab-web", label: "container lab-web", state: .notFollowed),
        .init(key: "source:0", label: "container api", detail: "running", state: .hidden),
        .init(key: "follow:pod shop/web-1 (prod)", label: "pod shop/web-1 (prod)", state: .notFollowed),
    ]

    @Test func entriesAreSortedByNameNotByWhatIsFollowedOrBusy() {
        let picker = SourcePicker(entries: Self.entries)
        #expect(picker.entries.map(\.label) == ["container api", "container lab-web", "pod shop/web-1 (prod)", "pod shop/web-2 (prod)"])
        // The same entries in another order (a busier source first) give the same list.
        #expect(SourcePicker(entries: Self.entries.reversed()).entries == picker.entries)
        // Following lab-web changes its state and key, never its place.
        var followed = Self.entries
        followed[1] = .init(key: "source:2", label: "container lab-web", detail: "starting", state: .shown)
        #expect(SourcePicker(entries: followed).entries.map(\.label) == picker.entries.map(\.label))
    }

    @Test func arrowsMoveWithinTheListAndSpaceTogglesTheEntryUnderTheCursor() {
        var picker = SourcePicker(entries: Self.entries)
        #expect(picker.handle(.up) == .handled)
        #expect(picker.index == 0, "the top stays the top")
        _ = picker.handle(.down)
        _ = picker.handle(.char("j"))
        #expect(picker.selected?.label == "pod shop/web-1 (prod)")
        #expect(picker.handle(.char(" ")) == .toggle(picker.entries[2]))
        _ = picker.handle(.end)
        _ = picker.handle(.down)
        #expect(picker.index == 3)
        #expect(picker.handle(.char("x")) == .notHandled)
    }

    @Test func tCyclesHowFarBackANewSourceStarts() {
        var picker = SourcePicker(entries: Self.entries)
        var seen = [picker.window]
        for _ in 0..<4 { _ = picker.handle(.char("t")); seen.append(picker.window) }
        #expect(seen == [.recentLines, .last(seconds: 300), .last(seconds: 3600), .everything, .recentLines])
    }

    @Test func theModalStaysOpenOnSpaceAndSendsTheKeyThenEscCloses() {
        var ui = UIState()
        ui.focus = .logs
        let picker = SourcePicker(entries: Self.entries, selectedKey: "follow:container lab-web")
        ui.pickSources(picker, for: .pickSources)
        #expect(ui.modal?.title == "Log sources (2 followed)")
        let effects = ui.handle(.char(" "), keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(effects == [.domain(.pickSources, input: "follow:container lab-web")])
        #expect(ui.modal != nil, "the list stays open to toggle more")
        // Rebuilt after following, the cursor stays on the entry.
        var rebuilt = Self.entries
        rebuilt[1] = .init(key: "source:2", label: "container lab-web", state: .shown)
        let again = SourcePicker(entries: rebuilt, selectedLabel: "container lab-web")
        #expect(again.selected?.key == "source:2")
        _ = ui.handle(.escape, keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(ui.modal == nil)
    }
}
