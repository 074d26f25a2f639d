import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// A round of many command checks runs a bounded number of processes at once, and still answers
/// every check within its deadline.
@Suite("command checks run a bounded number at once")
struct CommandCheckConcurrencyTests {
    /// Each check records how many checks are running as it starts (a directory entry per running
    /// check), then sleeps 200 ms. The largest count is the round's peak concurrency.
    @Test func roundNeverRunsMoreThanItsBound() async throws {
        let dir = NSTemporaryDirectory() + "triage-command-window-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir + "/running", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = #"mkdir "$0/running/$$" && ls "$0/running" | wc -l >> "$0/counts" && sleep 0.2; rmdir "$0/running/$$""#
        let specs = (0..<40).map { CommandCheckSpec(name: "c\($0)", argv: ["sh", "-c", script, dir], timeout: .seconds(10)) }
        let runner = CommandCheckRunner(specs: specs, maxConcurrent: 4)
        #expect(runner.roundDeadline >= .seconds(10) * 10)
        let results = await runner.runRound()
        let states = results.compactMap { result -> HealthState? in
            if case .command(let command) = result.detail { command.state } else { nil }
        }
        #expect(states == Array(repeating: .ok, count: 40), "\(results.map { "\($0.name): \($0.reason ?? "ok")" })")
        let counts = try String(contentsOfFile: dir + "/counts", encoding: .utf8).split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(counts.count == 40)
        #expect((counts.max() ?? 0) <= 4, "up to \(counts.max() ?? 0) checks ran at once")
        #expect((counts.max() ?? 0) >= 2, "the checks did not overlap at all: \(counts)")
    }

    @Test func defaultBoundIsSixteen() {
        #expect(CommandCheckRunner(specs: []).maxConcurrent == CommandCheckRunner.defaultMaxConcurrent)
        #expect(CommandCheckRunner.defaultMaxConcurrent == 16)
    }
}
