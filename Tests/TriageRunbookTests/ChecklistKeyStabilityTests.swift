import Foundation
import Testing
import TriageCore
@testable import TriageRunbook

/// Ticks are stored against item keys, so editing the file elsewhere must not move them.
@Suite struct ChecklistKeyStabilityTests {
    static let original = """
        # Outage

        Intro paragraph.

        ## Detection (First 5 minutes)

        - [ ] Acknowledge the alert
        - [ ] Check the dashboard
          - [ ] Check the error rate
        - [ ] Check the dashboard

        ## Fix

        1. **Restart the worker**
           - docker restart worker
        2. Verify health

        ```bash
        docker ps
        ```
        """

    @Test func keysAreReadableAndUnique() {
        let items = RunbookParser.parse(text: Self.original).allItems
        #expect(items.map(\.key) == [
            "outage/detection first 5 minutes/acknowledge the alert#0",
            "outage/detection first 5 minutes/check the dashboard#0",
            "outage/detection first 5 minutes/check the dashboard/check the error rate#0",
            "outage/detection first 5 minutes/check the dashboard#1",
            "outage/fix/restart the worker#0",
            "outage/fix/verify health#0",
        ])
    }

    @Test(arguments: [
        ("a paragraph added", "Intro paragraph.", "Intro paragraph.\n\nA new paragraph\nover two lines."),
        ("blank lines added", "## Fix", "\n\n\n## Fix"),
        ("a command edited", "docker ps", "docker ps -a\ndocker stats --no-stream"),
        ("a new section at the end", "docker ps\n```", "docker ps\n```\n\n## Later\n\n- [ ] new thing\n"),
        ("a step reworded around its title", "1. **Restart the worker**", "1. **Restart the worker**: carefully"),
        ("a tick in the file", "- [ ] Acknowledge the alert", "- [x] Acknowledge the alert"),
        ("emphasis and punctuation", "- [ ] Acknowledge the alert", "- [ ] **Acknowledge** the alert!"),
        ("CRLF line ends", "\n", "\r\n"),
        ("emoji in a heading", "## Fix", "## 🔧 Fix"),
    ])
    func unrelatedEditsKeepKeys(change: String, find: String, replace: String) {
        let edited = Self.original.replacingOccurrences(of: find, with: replace)
        #expect(edited != Self.original, "the edit must change the file: \(change)")
        let before = RunbookParser.parse(text: Self.original).allItems
        let after = RunbookParser.parse(text: edited).allItems
        for item in before {
            let match = after.first { $0.key == item.key }
            #expect(match != nil, "\(change): lost key \(item.key)")
            #expect(match?.text.replacingOccurrences(of: "!", with: "") == item.text, "\(change)")
        }
    }

    @Test func anInsertedItemDoesNotShiftOthers() {
        let edited = Self.original.replacingOccurrences(
            of: "- [ ] Acknowledge the alert", with: "- [ ] Page the owner\n- [ ] Acknowledge the alert")
        let before = Set(RunbookParser.parse(text: Self.original).allItems.map(\.key))
        let after = Set(RunbookParser.parse(text: edited).allItems.map(\.key))
        #expect(before.isSubset(of: after))
        #expect(after.subtracting(before) == ["outage/detection first 5 minutes/page the owner#0"])
    }

    @Test func renamingTheSectionChangesItsKeys() {
        // The title path is part of the key on purpose: the same text in two sections is two items.
        let edited = Self.original.replacingOccurrences(of: "## Fix", with: "## Repair")
        let after = RunbookParser.parse(text: edited).allItems.map(\.key)
        #expect(after.contains("outage/repair/verify health#0"))
        #expect(!after.contains("outage/fix/verify health#0"))
    }
}
