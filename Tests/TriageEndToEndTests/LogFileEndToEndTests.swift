import Foundation
import Testing

/// The diagnostic log while the dashboard's screen is up: every command check lands in the file,
/// with its secret masked, and nothing of it reaches the terminal or stderr; a crash adds its line.
@Suite("LogFile end to end", .serialized) struct LogFileEndToEndTests {
    let binary = TmuxSession.triageBinary

    static func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "triage-e2e-log-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Lines of the log, polled (at most `timeout`) until `predicate` holds.
    static func waitForLog(_ path: String, timeout: Duration = .seconds(15), _ predicate: ([String]) -> Bool) -> [String] {
        let deadline = ContinuousClock.now + timeout
        var lines: [String] = []
        while ContinuousClock.now < deadline {
            lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            if predicate(lines) { return lines }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return lines
    }

    @Test func theDashboardLogsEveryCheckToTheFileAndNothingToTheScreen() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = directory + "/triage.yaml"
        try """
            checks:
              - {name: secretive, run: [/bin/echo, "--password=hunter2hunter2", LOGGED-OUTPUT]}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let state = directory + "/state"
        let stderrFile = directory + "/stderr"
        let session = try TmuxSession(
            width: 120, height: 40,
            command: "\(binary) --config \(config) --state \(state) --refresh 200ms --log-level debug 2>\(stderrFile)",
            environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_STATE": state])
        defer { session.kill() }
        try session.waitFor("1 Services")
        let log = state + "/triage.log"
        let lines = Self.waitForLog(log) { $0.filter { $0.contains(" debug process probe=echo ") }.count >= 3 }
        let echoes = lines.filter { $0.contains(" debug process probe=echo ") }
        #expect(echoes.count >= 3, "\(lines)")
        #expect(echoes.allSatisfy { $0.contains("--password=****") && $0.contains("exit=\"exited with status 0\"") && $0.contains("stdoutBytes=40") }, "\(echoes)")
        #expect(lines.first?.contains(" info start argv=") == true, "\(lines)")
        #expect(!lines.joined().contains("hunter2hunter2"))

        let screen = try session.capture()
        #expect(screen.contains("secretive"), "\(screen)")
        for leak in ["probe=", "argv=", "durationMs", "debug process", "info start"] {
            #expect(!screen.contains(leak), "log text on the screen: \(leak)\n\(screen)")
        }
        try session.send("q")
        let ended = Self.waitForLog(log) { $0.last?.contains(" info exit status=0 ") == true }
        #expect(ended.last?.contains(" info exit status=0 ") == true, "\(ended.suffix(3))")
        #expect(((try? String(contentsOfFile: stderrFile, encoding: .utf8)) ?? "?").isEmpty, "the logger wrote to stderr")
    }

    @Test func aCrashOfTheDashboardIsLogged() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = directory + "/state"
        let session = try TmuxSession(
            width: 120, height: 40, command: "\(binary) --state \(state) --log-level warning 2>/dev/null",
            environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_STATE": state, "SWIFT_BACKTRACE": "enable=no"])
        defer { session.kill() }
        try session.waitFor("1 Services")
        let pane = try session.panePID()
        let pid = try #require(([pane] + descendants(of: pane)).first { pid in
            ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").hasPrefix("triage")
        })
        #expect(kill(pid, SIGSEGV) == 0)
        let lines = Self.waitForLog(state + "/triage.log") { $0.contains { $0.contains(" warning crash ") } }
        let crash = try #require(lines.first { $0.contains(" warning crash ") }, "\(lines)")
        #expect(crash.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z warning crash signal=11 name=SIGSEGV backtrace=stderr frames=\d+/) != nil, "\(crash)")
        // The backtrace is in the log too: one "    at binary(symbol+offset) [address]" line per frame.
        let frames = lines.filter { $0.hasPrefix("    at ") }
        #expect(!frames.isEmpty && frames.allSatisfy { $0.contains("[0x") }, "\(lines)")
    }
}
