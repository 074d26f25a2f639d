import Foundation
import Testing

/// A command check that daemonizes (`setsid sleep … &`) leaves a process no process-group sweep can
/// reach. triage is a child subreaper, so each such orphan re-parents to it and is ended after the
/// run; none is left after 50 rounds, and none after quit. Before, one survived per round, for good.
@Suite(.serialized) struct OrphanEndToEndTests {
    let binary = TmuxSession.triageBinary

    /// PIDs of processes running exactly `sleep TOKEN` (a token no other process on the machine uses).
    static func sleepers(_ token: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) } == ["sleep", token] && isAlive(pid)
        }
    }

    @Test func aCheckThatDaemonizesLeavesNoProcessAfter50RoundsOrAfterQuit() throws {
        let directory = NSTemporaryDirectory() + "triage-e2e-orphans-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let token = "300.\(Int.random(in: 100_000...999_999))"
        defer {
            // Whatever the outcome, the sleepers this test caused are ended, by PID.
            for pid in Self.sleepers(token) { kill(pid, SIGKILL) }
            try? FileManager.default.removeItem(atPath: directory)
        }
        let rounds = directory + "/rounds"
        // A second check that is alive while sweeps run: a live child of triage is not an orphan.
        let steady = directory + "/steady"
        try """
            refresh: 100ms
            checks:
              - name: daemonizer
                run: [sh, -c, 'echo round >> "$0"; setsid sleep \(token) &', \(rounds)]
                timeout: 2s
              - name: steady
                run: [sh, -c, 'echo start >> "$0"; sleep 0.7; echo end >> "$0"', \(steady)]
                interval: 1s
                timeout: 5s
            """.write(toFile: directory + "/triage.yaml", atomically: true, encoding: .utf8)
        let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e"]
        let session = try TmuxSession(
            width: 120, height: 40, command: "\(binary) --config \(directory)/triage.yaml --state \(directory)/state", environment: environment)
        defer { session.kill() }

        func roundCount() -> Int {
            ((try? String(contentsOfFile: rounds, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
        let end = ContinuousClock.now + .seconds(90)
        var most = 0
        while ContinuousClock.now < end, roundCount() < 50 {
            most = max(most, Self.sleepers(token).count)
            Thread.sleep(forTimeInterval: 0.2)
        }
        let ran = roundCount()
        #expect(ran >= 50, "only \(ran) rounds ran within 90 s")
        // Sweeps run at most every 500 ms, so the last few rounds' orphans may still be waiting: a
        // handful at most, never one per round.
        let settled = ContinuousClock.now + .seconds(2)
        var alive = Self.sleepers(token).count
        while ContinuousClock.now < settled, alive > 6 { Thread.sleep(forTimeInterval: 0.1); alive = Self.sleepers(token).count }
        #expect(alive <= 6, "\(alive) daemonized sleepers alive after \(ran) rounds")
        #expect(most <= 8, "up to \(most) daemonized sleepers were alive at once")

        let pid = try session.panePID()
        try session.type("q")
        let quit = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < quit, isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!isAlive(pid), "q did not end triage")
        #expect(Self.sleepers(token).isEmpty, "\(Self.sleepers(token).count) daemonized sleepers outlived triage")
        // Every run of the steady check that started before the quit finished: no sweep ended it.
        let lines = ((try? String(contentsOfFile: steady, encoding: .utf8)) ?? "").split(separator: "\n")
        let starts = lines.filter { $0 == "start" }.count, ends = lines.filter { $0 == "end" }.count
        #expect(starts >= 3 && ends >= starts - 1, "steady check: \(starts) runs started, \(ends) finished")
    }
}
