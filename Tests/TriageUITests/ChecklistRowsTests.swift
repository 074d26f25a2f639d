import Testing
import TriageCore
import TriageRunbook
@testable import TriageApp

@Suite struct ChecklistRowsTests {
    /// "## Response" has no content of its own, only subsections: it stays as a header, so the
    /// items under "### 1. Restart" never look as if they belonged to "## Detection".
    @Test func anEmptyParentSectionStaysAsAHeader() {
        let runbook = RunbookParser.parse(text: """
            # R

            ## Detection
            - [ ] Look at the dashboard

            ## Response

            ### 1. Restart
            - [ ] Restart the worker

            ## Notes
            Nothing to do here.
            """)
        let rows = ChecklistRows.rows(for: runbook)
        let headers = rows.compactMap { row -> String? in
            if case .section(let index) = row { return runbook.sections[index].title }
            return nil
        }
        #expect(headers == ["Detection", "Response", "1. Restart"])
        // Document order: every item's line is after the line of the header above it.
        var lastLine = 0
        for row in rows {
            let line: Int
            switch row {
            case .section(let index): line = runbook.sections[index].line
            case .item(_, let item): line = item.line
            case .command(_, let command): line = command.line
            }
            #expect(line > lastLine)
            lastLine = line
        }
    }
}
