import Foundation
import Testing

/// The dashboard started in a checkout whose `./triage.yaml` is not trusted: it says so on screen,
/// shows the command check UNKNOWN and runs nothing; after `triage trust` the same start runs it.
@Suite(.serialized) struct TrustEndToEndTests {
    let binary = TmuxSession.triageBinary

    @Test func theDashboardSaysTheConfigIsNotTrustedAndRunsNoCommandUntilTrusted() throws {
        let directory = NSTemporaryDirectory() + "triage-e2e-trust-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let marker = directory + "/marker"
        let state = directory + "/state"
        try """
            refresh: 200ms
            checks:
              - name: planted
                run: [sh, -c, 'echo ran >> "$0"', \(marker)]
            """.write(toFile: directory + "/triage.yaml", atomically: true, encoding: .utf8)
        let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e", "TRIAGE_STATE": state]
        let command = "cd \(directory) && exec \(binary)"

        do {
            let session = try TmuxSession(width: 120, height: 40, command: command, environment: environment)
            defer { session.kill() }
            let screen = try session.waitFor(timeout: .seconds(15), "the untrusted notice and the withheld row") {
                $0.contains("./triage.yaml is not trusted") && $0.contains("planted") && $0.contains("UNKNOWN")
            }
            #expect(screen.contains("not run"), "screen:\n\(screen)")
            // Ten refresh intervals: an untrusted command would have run by now.
            Thread.sleep(forTimeInterval: 2)
            #expect(!FileManager.default.fileExists(atPath: marker), "the dashboard ran an untrusted ./triage.yaml's command")
            let pid = try session.panePID()
            try session.type("q")
            let end = ContinuousClock.now + .seconds(5)
            while ContinuousClock.now < end, isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }
        }

        let trusted = try spawnAndWait(binary, ["trust", directory + "/triage.yaml", "--state", state], captureOutput: true)
        #expect(trusted.status == 0, "\(trusted.output)")

        let session = try TmuxSession(width: 120, height: 40, command: command, environment: environment)
        defer { session.kill() }
        let end = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < end, !FileManager.default.fileExists(atPath: marker) { Thread.sleep(forTimeInterval: 0.1) }
        #expect(FileManager.default.fileExists(atPath: marker), "the trusted check never ran")
        let screen = try session.waitFor(timeout: .seconds(10), "the check OK") { $0.contains("planted") && $0.contains("OK") }
        #expect(!screen.contains("not trusted"), "screen:\n\(screen)")
    }
}
