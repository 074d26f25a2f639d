import Foundation
import Testing
import TriageCore
@testable import TriageProbes

@Suite("Command checks")
struct CommandCheckTests {
    func rows(_ results: [ServiceCheckResult]) -> [CommandCheckResult] {
        results.compactMap { if case .command(let result) = $0.detail { result } else { nil } }
    }

    @Test func oneRoundOfRealCommands() async throws {
        let specs = [
            CommandCheckSpec(name: "true", argv: ["true"]),
            CommandCheckSpec(name: "false", argv: ["false"]),
            CommandCheckSpec(name: "pong", argv: ["sh", "-c", "echo PONG"], expectOutput: "PONG"),
            CommandCheckSpec(name: "no pong", argv: ["sh", "-c", "echo LOADING"], expectOutput: "PONG"),
            CommandCheckSpec(name: "hangs", argv: ["sh", "-c", "sleep 30 & sleep 30"], timeout: .milliseconds(300)),
            CommandCheckSpec(name: "exit 3 wanted", argv: ["sh", "-c", "exit 3"], expectExit: 3),
            CommandCheckSpec(name: "refused", argv: ["sh", "-c", "echo 'Could not connect to Redis at 127.0.0.1:6379: Connection refused' >&2; exit 1"]),
            CommandCheckSpec(name: "missing", argv: ["triage-no-such-cli", "ping"]),
            CommandCheckSpec(name: "env", argv: ["sh", "-c", "echo $TRIAGE_CHECK"], expectOutput: "set", environment: ["TRIAGE_CHECK": "set"]),
        ]
        let started = ContinuousClock.now
        let results = rows(await CommandCheckRunner(specs: specs).runRound())
        #expect(ContinuousClock.now - started < .seconds(20), "checks run concurrently, each bounded by its timeout, not by sleep 30")
        #expect(results.map(\.state) == [.ok, .crit, .ok, .crit, .crit, .ok, .crit, .unknown, .ok])
        #expect(results[1].reason == "exit 1 (expected 0)")
        #expect(results[2].outputExcerpt == "PONG")
        #expect(results[3].reason == "output does not contain \"PONG\": LOADING")
        #expect(results[4].reason == "timed out after 300ms")
        #expect(results[4].exitCode == nil)
        #expect(results[6].reason == "exit 1 (expected 0): Could not connect to Redis at 127.0.0.1:6379: Connection refused")
        #expect(results[7].reason == "triage-no-such-cli: not found on PATH")
    }

    @Test func excerptKeepsTheFirstLines() {
        let text = (1...8).map { "line \($0)" }.joined(separator: "\n") + "\n"
        #expect(CommandCheckEvaluator.excerpt(text) == "line 1\nline 2\nline 3\nline 4\nline 5")
    }
}
