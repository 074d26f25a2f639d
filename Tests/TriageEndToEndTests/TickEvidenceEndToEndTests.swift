import Foundation
import Testing

/// Ticks that carry their evidence and the severity the outage suggests, against scripts/lab.sh and
/// the real binary in tmux: the Incident pane's cursor lands on the first open item; a tick of an
/// item naming backend while backend answers 500 records that, and its detail (Enter) says so; a
/// "Confirm backend is healthy" tick asks first; the suggestion follows the lab as it breaks
/// further, and `P` applies it.
@Suite(.serialized) struct TickEvidenceEndToEndTests {
    static let runbook = """
        # Lab outage

        ## Severity Levels

        | Severity | Description | Response Time |
        |----------|-------------|---------------|
        | P1 | Complete outage | 5 minutes |
        | P2 | Partial outage | 15 minutes |
        | P3 | Minor issue | 1 hour |

        ## Checks

        - [ ] Read the backend errors
        - [ ] Confirm backend is healthy
        """

    static let rules = """

        severity_rules:
          - severity: P1
            when: {failing: [backend, checkout-7d9f8b6c5-x2x9q]}
          - severity: P2
            when: {failing: backend}
        """

    @Test func aTickCarriesItsEvidenceAConfirmationAsksAndTheSuggestionFollowsTheLab() throws {
        let lab = try OutageLabEndToEndTests.Lab("evidence")
        defer { lab.down() }
        let runbookPath = lab.directory + "/runbook.md"
        try Self.runbook.write(toFile: runbookPath, atomically: true, encoding: .utf8)
        let configPath = try lab.config()
        let config = try String(contentsOfFile: configPath, encoding: .utf8) + "runbook: \(runbookPath)\n" + Self.rules
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let state = lab.directory + "/state"
        let declared = try spawnAndWait(
            TmuxSession.triageBinary, ["incident", "new", "--title", "Lab down", "--severity", "P3", "--runbook", runbookPath, "--state", state],
            captureOutput: true)
        #expect(declared.status == 0, "\(declared.output)")

        let dashboard = try lab.triage("--config \(configPath) --state \(state)", width: 160, height: 50)
        defer { dashboard.kill() }
        try lab.run("break", "backend")
        _ = try dashboard.waitFor(timeout: .seconds(30), "backend CRIT with the P2 suggestion") {
            OutageLabEndToEndTests.row($0, "backend", "✖ CRIT") != nil && $0.contains("⚑ P2 suggested: backend CRIT")
        }

        // Focus lands on the first open item, not on the section header.
        try dashboard.send("5")
        let focused = try dashboard.waitFor(timeout: .seconds(5), "the cursor on the first item") { $0.contains("▶") }
        #expect(OutageLabEndToEndTests.row(focused, "▶", "Read the backend errors") != nil, "cursor not on the first open item:\n\(focused)")

        // A tick of an item naming backend records backend's state; its detail shows it.
        try dashboard.send("Space")
        _ = try dashboard.waitFor(timeout: .seconds(10), "the tick saved") {
            OutageLabEndToEndTests.row($0, "[x]", "Read the backend errors") != nil && !$0.contains("unsaved")
        }
        try dashboard.send("Enter")
        let detail = try dashboard.waitFor(timeout: .seconds(5), "the item's detail") { $0.contains("ticked ") }
        #expect(detail.range(of: #"ticked [0-9]{2}:[0-9]{2} by .* — backend CRIT HTTP 500"#, options: .regularExpression) != nil,
                "the detail does not show the evidence:\n\(detail)")
        try dashboard.send("Escape")

        // "Confirm backend is healthy" while backend fails: asked first; n leaves it open, y ticks it.
        try dashboard.send("j")
        _ = try dashboard.waitFor(timeout: .seconds(5), "the cursor on the confirmation item") {
            OutageLabEndToEndTests.row($0, "▶", "Confirm backend is healthy") != nil
        }
        try dashboard.send("Space")
        _ = try dashboard.waitFor(timeout: .seconds(5), "the question") { $0.contains("backend is still CRIT: tick anyway?") }
        try dashboard.send("n")
        let declined = try dashboard.waitFor(timeout: .seconds(5), "the question closed") { !$0.contains("tick anyway?") }
        #expect(OutageLabEndToEndTests.row(declined, "[ ]", "Confirm backend is healthy") != nil, "ticked without a yes:\n\(declined)")
        try dashboard.send("Space")
        _ = try dashboard.waitFor(timeout: .seconds(5), "the question again") { $0.contains("tick anyway?") }
        try dashboard.send("y")
        _ = try dashboard.waitFor(timeout: .seconds(10), "the confirmed tick") {
            OutageLabEndToEndTests.row($0, "[x]", "Confirm backend is healthy") != nil && !$0.contains("unsaved")
        }

        // The lab breaks further: the suggestion follows; P applies it, as a severity change.
        try lab.run("break", "pod")
        _ = try dashboard.waitFor(timeout: .seconds(30), "the P1 suggestion") { $0.contains("⚑ P1 suggested:") }
        try dashboard.send("P")
        _ = try dashboard.waitFor(timeout: .seconds(10), "severity P1 without a suggestion") {
            !$0.contains("⚑") && $0.contains("P1 Investigating")
        }
        try dashboard.send("q")

        let events = try spawnAndWait(TmuxSession.triageBinary, ["incident", "list", "--json", "--state", state], captureOutput: true)
        let id = try #require(events.output.range(of: #"INC-[0-9-]+"#, options: .regularExpression).map { String(events.output[$0]) })
        let shown = try spawnAndWait(TmuxSession.triageBinary, ["incident", "show", id, "--state", state], captureOutput: true)
        #expect(shown.output.contains("Severity P3 → P1"), "\(shown.output)")
        #expect(shown.output.contains("Read the backend errors — backend CRIT HTTP 500"), "the timeline lacks the evidence:\n\(shown.output)")
    }
}
