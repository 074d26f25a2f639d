import Foundation
import Testing

/// Notifiers through the real binary in tmux: a declaration made with `N` reaches a trusted
/// `./triage.yaml`'s notifier script (its stdin and environment, and a `notify` event on the
/// timeline), an untrusted one runs none, and the wall tells no one while the dashboard beside it does.
@Suite(.serialized) struct NotifierEndToEndTests {
    let binary = TmuxSession.triageBinary

    /// A checkout holding an executable notifier script and a config naming it.
    struct Checkout {
        let directory: String
        var log: String { directory + "/told.log" }
        var config: String { directory + "/triage.yaml" }

        init(on events: String) throws {
            directory = NSTemporaryDirectory() + "triage-e2e-notify-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let script = directory + "/notify.sh"
            try """
                #!/bin/sh
                cat > "$1.$TRIAGE_EVENT.stdin"
                echo "$TRIAGE_EVENT|$TRIAGE_INCIDENT_ID|$TRIAGE_TITLE|$TRIAGE_SEVERITY|$TRIAGE_ACTOR|$TRIAGE_DRILL" >> "$1"
                echo "chat says ok"
                """.write(toFile: script, atomically: true, encoding: .utf8)
            chmod(script, 0o755)
            // A service, so no discovery runs; the notifier is the only command the file chooses.
            try """
                refresh: 1s
                services:
                  - name: nothing-here
                    url: http://127.0.0.1:9/
                notify:
                  - name: chat
                    run: [\(script), \(log)]
                    on: \(events)
                    timeout: 5s
                """.write(toFile: config, atomically: true, encoding: .utf8)
        }

        var lines: [String] {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func environment(state: String) -> [String: String] {
        ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e", "TRIAGE_STATE": state]
    }

    /// `N`, a title, the first severity: the incident is declared and on screen.
    static func declare(_ session: TmuxSession, title: String) throws {
        try session.waitFor("5 Incident")
        try session.send("N")
        try session.waitFor(timeout: .seconds(5), "title prompt") { $0.lowercased().contains("title") }
        try session.type(title)
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(5), "severity pick list") { $0.contains("› P1") }
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(10), "the declared incident") { $0.contains("INC-") && $0.contains(title) && !$0.contains("Severity of") }
    }

    static func quit(_ session: TmuxSession) throws {
        let pid = try session.panePID()
        try session.type("q")
        let end = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < end, isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }
    }

    @Test func aDeclarationReachesATrustedNotifierAndNoneRunsUntilTrusted() throws {
        let checkout = try Checkout(on: "[declare]")
        defer { checkout.remove() }
        let command = "cd \(checkout.directory) && exec \(binary)"

        // Untrusted: the notice says the notifier will not run, and a declaration tells no one.
        do {
            let state = checkout.directory + "/state-untrusted"
            let session = try TmuxSession(width: 120, height: 40, command: command, environment: Self.environment(state: state))
            defer { session.kill() }
            try session.waitFor(timeout: .seconds(15), "the untrusted notice") { $0.contains("1 notifier will not run") }
            try Self.declare(session, title: "untrusted outage")
            Thread.sleep(forTimeInterval: 2)
            #expect(checkout.lines.isEmpty, "an untrusted ./triage.yaml's notifier ran: \(checkout.lines)")
            try Self.quit(session)
        }

        let state = checkout.directory + "/state"
        let trusted = try spawnAndWait(binary, ["trust", checkout.config, "--state", state], captureOutput: true)
        #expect(trusted.status == 0, "\(trusted.output)")
        #expect(trusted.output.contains("chat: \(checkout.directory)/notify.sh"), "\(trusted.output)")

        let session = try TmuxSession(width: 120, height: 40, command: command, environment: Self.environment(state: state))
        defer { session.kill() }
        try Self.declare(session, title: "disk full")
        let end = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < end, checkout.lines.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        let line = try #require(checkout.lines.first, "the notifier never heard of the declaration")
        let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        #expect(fields.count == 6 && fields[0] == "declare" && fields[1].hasPrefix("INC-") && fields[2] == "disk full" && fields[3] == "P1"
                && fields[4].hasPrefix("e2e") && fields[5] == "0", "\(line)")
        let stdin = try String(contentsOfFile: checkout.log + ".declare.stdin", encoding: .utf8)
        #expect(stdin.hasPrefix("Declared \(fields[1]) \"disk full\" (P1, Investigating) by e2e") && stdin.hasSuffix("\n"), "\(stdin)")

        // The run is on the timeline, with its output.
        var timeline = ""
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, !timeline.contains("notify chat (declare)") {
            timeline = try spawnAndWait(binary, ["export", "timeline", "--format", "json", "--state", state, "--no-record"], captureOutput: true).output
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(timeline.contains("\"kind\": \"notify\""), "\(timeline)")
        #expect(timeline.contains("notify chat (declare) → exit 0\\nchat says ok"), "\(timeline)")
        try Self.quit(session)
        #expect(checkout.lines.count == 1, "told more than once: \(checkout.lines)")
    }

    @Test func theWallTellsNoNotifierWhileTheDashboardBesideItDoes() throws {
        let checkout = try Checkout(on: "[declare, status_update, severity, resolve]")
        defer { checkout.remove() }
        let state = checkout.directory + "/state"
        // Declared from the CLI (which runs no notifier), so both screens open on it.
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "wall drill", "--severity", "P2", "--state", state], captureOutput: true)
        #expect(created.status == 0, "\(created.output)")
        let wall = try TmuxSession(width: 120, height: 40, command: "exec \(binary) wall --config \(checkout.config) --state \(state)",
                                   environment: Self.environment(state: state))
        defer { wall.kill() }
        let before = try wall.waitFor(timeout: .seconds(15), "the wall showing the incident") { $0.contains("wall drill") }
        #expect(!before.contains("P1"), "the wall shows P1 before the change:\n\(before)")
        let dashboard = try TmuxSession(width: 120, height: 40, command: "exec \(binary) --config \(checkout.config) --state \(state)",
                                        environment: Self.environment(state: state))
        defer { dashboard.kill() }
        try dashboard.waitFor(timeout: .seconds(15), "the dashboard showing the incident") { $0.contains("wall drill") }
        // `s` sets the severity in the Incident pane (in Logs it picks a source): focus it first.
        try dashboard.send("5")
        try dashboard.send("s")
        try dashboard.waitFor(timeout: .seconds(5), "severity pick list") { $0.contains("› P2") && $0.contains("Severity") }
        try dashboard.type("P1")
        try dashboard.waitFor(timeout: .seconds(5), "P1 highlighted") { $0.contains("› P1") }
        try dashboard.send("Enter")
        // The wall picks the change up (it reads the same database) ...
        try wall.waitFor(timeout: .seconds(15), "the wall showing P1") { $0.contains("P1") }
        let end = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < end, checkout.lines.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        // ... and, given time to do wrong, has told no one: the one run is the dashboard's.
        Thread.sleep(forTimeInterval: 2)
        #expect(checkout.lines.count == 1 && checkout.lines.first?.hasPrefix("severity|INC-") == true, "\(checkout.lines)")
        try Self.quit(dashboard)
    }
}
