import Foundation
import Synchronization
import Testing
@testable import TriageProbes

@Suite("ProcessRunner streams")
struct ProcessStreamTests {
    final class Lines: Sendable {
        let storage = Mutex<[String]>([])
        func append(_ line: String) { storage.withLock { $0.append(line) } }
        var all: [String] { storage.withLock { $0 } }
    }

    @Test func deliversLinesAndTheUnterminatedTail() async {
        let lines = Lines()
        let end = await ProcessRunner.streamLines("sh", ["-c", "for i in 1 2 3; do echo line$i; done; printf 'tail'"]) { lines.append($0) }
        #expect(end.exitStatus == .exited(0))
        #expect(end.failureReason == nil)
        #expect(lines.all == ["line1", "line2", "line3", "tail"])
    }

    @Test func lineLongerThan128KiBArrivesWhole() async {
        let lines = Lines()
        let end = await ProcessRunner.streamLines("sh", ["-c", "head -c 300000 /dev/zero | tr '\\0' a; echo; echo next"]) { lines.append($0) }
        #expect(end.exitStatus == .exited(0))
        #expect(lines.all.map(\.count) == [300_000, 4])
    }

    @Test func stderrTailExplainsAFailedStream() async {
        let end = await ProcessRunner.streamLines("sh", ["-c", "echo noise >&2; echo 'error: watch closed' >&2; exit 1"]) { _ in }
        #expect(end.exitStatus == .exited(1))
        #expect(end.failureReason == "error: watch closed")
    }

    @Test func cancellationTearsDownTheStreamingGroup() async throws {
        let lines = Lines()
        let task = Task {
            await ProcessRunner.streamLines("sh", ["-c", "sleep 30 & while :; do echo tick; sleep 0.05; done"]) { lines.append($0) }
        }
        let clock = ContinuousClock()
        let giveUp = clock.now + .seconds(10)
        while lines.all.count < 3, clock.now < giveUp { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        let end = await task.value
        #expect(lines.all.count >= 3)
        #expect(end.exitStatus == .cancelled)
        #expect(end.failureReason == nil)
        let group = try #require(end.processID)
        let left = await ProcessTable.survivorsAfterSettling(ofGroups: [group])
        #expect(left.isEmpty, "processes of group \(group) survived: \(left)")
    }

    @Test func streamDeadlineEndsIt() async throws {
        let end = await ProcessRunner.streamLines("sh", ["-c", "while :; do echo tick; sleep 0.05; done"], deadline: .milliseconds(300)) { _ in }
        #expect(end.exitStatus == .timedOut)
        #expect(end.failureReason == "timed out after 300ms")
    }

    @Test func asyncStreamEndsWithTermination() async {
        var lines: [String] = []
        var termination: StreamTermination?
        for await event in ProcessRunner.lines("sh", ["-c", "echo a; echo b; exit 4"]) {
            switch event {
            case .line(let line): lines.append(line)
            case .ended(let end): termination = end
            }
        }
        #expect(lines == ["a", "b"])
        #expect(termination?.exitStatus == .exited(4))
    }

    /// Reads the shell's PID, then one more line, and drops the stream on return.
    private func firstLinesThenDrop() async -> Int32? {
        var group: Int32?
        for await event in ProcessRunner.lines("sh", ["-c", "echo $$; sleep 30 & while :; do echo tick; sleep 0.05; done"]) {
            if case .line(let line) = event {
                if group == nil { group = Int32(line) } else { break }
            }
        }
        return group
    }

    @Test func droppingTheAsyncStreamStopsTheChild() async throws {
        let pid = try #require(await firstLinesThenDrop())
        let left = await ProcessTable.survivorsAfterSettling(ofGroups: [pid], within: .seconds(3))
        #expect(left.isEmpty, "processes of group \(pid) survived: \(left)")
    }

    @Test func rawChunksCarryBytesUnchanged() async {
        let collected = Mutex<[UInt8]>([])
        let end = await ProcessRunner.streamChunks("printf", ["a\\033[31mb\\377\\n"]) { chunk in collected.withLock { $0 += chunk } }
        #expect(end.exitStatus == .exited(0))
        #expect(collected.withLock { $0 } == [0x61, 0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x62, 0xFF, 0x0A])
    }
}
