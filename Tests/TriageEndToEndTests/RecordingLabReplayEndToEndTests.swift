import Foundation
import Testing

/// Record an incident against `scripts/lab.sh` while a container is killed and healed and a pod is
/// turned to CrashLoopBackOff, then replay it at 20x with the real binary: the replay's Containers
/// and Pods panes (the dashboard's own, not the board) go through the same states and end with the
/// same rows in the same order as the live panes did, and its Logs pane has recorded lines.
@Suite(.serialized) struct RecordingLabReplayEndToEndTests {
    typealias Lab = OutageLabEndToEndTests.Lab

    /// The row names of the zoomed pane, in screen order: the first word of each row with `marker`.
    static func rowNames(_ screen: String, _ marker: (Substring) -> Bool) -> [String] {
        screen.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first(where: marker).map(String.init)
        }
    }

    static func containers(_ screen: String) -> [String] { rowNames(screen) { $0.hasPrefix("lab-") } }
    /// Pod rows: READY then a state symbol ("0/1 ✖ CrashLoopBackOff"); the name is the row's first word with a dash.
    static func pods(_ screen: String) -> [String] {
        screen.split(separator: "\n")
            .filter { $0.range(of: #"[0-9]+/[0-9]+ [✖▲●?] "#, options: .regularExpression) != nil }
            .compactMap { line in line.split(separator: " ").first { $0.contains("-") && !$0.contains("─") }.map(String.init) }
    }

    /// Zooms pane `digit` (the dashboard's own keys, which a replay passes through), captures it, unzooms.
    static func zoomed(_ session: TmuxSession, _ digit: String, _ what: String, until ready: (String) -> Bool) throws -> String {
        try session.type(digit)
        try session.type("z")
        let screen = try session.waitFor(timeout: .seconds(10), what, ready)
        try session.type("z")
        return screen
    }

    @Test func theReplaysContainersAndPodsPanesMatchTheLiveOnes() throws {
        let lab = try Lab("replay")
        defer { lab.down() }
        let state = lab.directory + "/state"
        let binary = TmuxSession.triageBinary
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "lab replay", "--severity", "P2", "--state", state],
                                       captureOutput: true)
        #expect(created.status == 0)
        let incidentID = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        func webExited(_ screen: String) -> Bool { OutageLabEndToEndTests.row(screen, "lab-web", "exited 137") != nil }
        func checkoutCrashing(_ screen: String) -> Bool { screen.split(separator: "\n").contains { $0.contains("checkout") && $0.contains("CrashLoopBackOff") } }

        // Record: the standing failures, lab-web killed, a pod crash-looping, lab-web back.
        let dashboard = try lab.triage("--config \(try lab.config()) --state \(state)", width: 160, height: 50)
        defer { dashboard.kill() }
        try dashboard.waitFor(timeout: .seconds(40), "the standing failures") { $0.contains(incidentID) && $0.contains("lab-exited") && $0.contains("payments-6b8d-crash") }
        Thread.sleep(forTimeInterval: 3)
        try lab.run("break", "web")
        try lab.run("break", "pod")
        try dashboard.waitFor(timeout: .seconds(20), "lab-web killed and checkout crash-looping") { webExited($0) && checkoutCrashing($0) }
        Thread.sleep(forTimeInterval: 4)
        try lab.run("heal", "web")
        try dashboard.waitFor(timeout: .seconds(30), "lab-web back") { !webExited($0) && $0.contains("lab-web") && checkoutCrashing($0) }
        Thread.sleep(forTimeInterval: 3)
        let liveContainers = Self.containers(try Self.zoomed(dashboard, "2", "the live Containers pane") {
            !$0.contains("3 Pods") && Self.containers($0).count >= 5
        })
        let livePods = Self.pods(try Self.zoomed(dashboard, "3", "the live Pods pane") { !$0.contains("2 Containers") && Self.pods($0).count >= 3 })
        try RecordingReplayEndToEndTests.quit(dashboard, "dashboard")

        // Replay at 20x: lab-web is seen killed and then back, in that order, in the Containers pane.
        let replay = try lab.triage("replay \(incidentID) --speed 20x --state \(state)", width: 160, height: 50)
        defer { replay.kill() }
        var sawKilled = false
        var sawBackAfter = false
        var last = ""
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            last = try replay.capture()
            if last.contains("replay ") {
                if webExited(last) { sawKilled = true } else if sawKilled, last.contains("lab-web") { sawBackAfter = true }
                if last.contains("  end") { break }
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(sawKilled && sawBackAfter, "the replay did not show lab-web killed then back:\n\(last)")
        #expect(last.contains("2 Containers") && last.contains("3 Pods"), "not the dashboard's panes:\n\(last)")
        #expect(last.contains("payments-6b8d-crash/payments request"), "the Logs pane lacks the recorded lines:\n\(last)")
        // At the end: the same rows in the same order as the live panes showed.
        let replayedContainers = Self.containers(try Self.zoomed(replay, "2", "the replayed Containers pane") {
            !$0.contains("3 Pods") && Self.containers($0).count >= 5
        })
        let replayedPods = Self.pods(try Self.zoomed(replay, "3", "the replayed Pods pane") { !$0.contains("2 Containers") && Self.pods($0).count >= 3 })
        #expect(replayedContainers == liveContainers, "live \(liveContainers), replayed \(replayedContainers)")
        #expect(replayedPods == livePods, "live \(livePods), replayed \(replayedPods)")
        try replay.type("q")
    }
}
