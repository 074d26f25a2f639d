import Foundation
import Testing
import TriageTestSupport
import TriageCore
@testable import TriageLogs

/// The docker follower against a real engine: podman's Docker API on a private socket.
@Suite(.serialized) struct DockerLogFollowerTests {
    /// Collects lines from the hub until `done` holds or `timeout` passes.
    static func collect(_ hub: LogHub, timeout: Duration, until done: ([LogLine]) -> Bool) async throws -> [LogLine] {
        var lines: [LogLine] = []
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline, !done(lines) {
            try await Task.sleep(for: .milliseconds(50))
            lines += hub.inbox.drain()?.lines ?? []
        }
        return lines
    }

    @Test func argumentsForFirstRunAndResume() {
        let follower = DockerLogFollower(container: "web", host: "unix:///tmp/x.sock", tail: 50)
        #expect(follower.arguments(since: nil) == ["--host", "unix:///tmp/x.sock", "logs", "--follow", "--timestamps",
                                                   "--tail", "50", "--", "web"])
        let since = LogTimestamp.parse("2026-11-23T20:05:43Z")
        #expect(DockerLogFollower(container: "web").arguments(since: since) == [
            "logs", "--follow", "--timestamps", "--since", "2026-11-23T20:05:43.000000000Z", "--tail", "all", "--", "web",
        ])
    }

    @Test func hostileContainerCannotReachTheTerminal() async throws {
        let podman = try await PodmanService.start()
        do {
            let script = #"""
            printf 'title \033]0;pwned\007 end\n'
            printf 'clip \033]52;c;cm0gLXJmIC8K\007 end\n'
            printf 'clear \033[2J\033[H\033[10;10H moved\n'
            printf 'c1 \302\233 6n and raw \233 2J\n'
            printf 'dcs \033Pq#0;2;0;0;0\033\\ end\n'
            printf 'nul [\000] bell \007 bs \010\n'
            printf 'bad utf8 \377\376 end\n'
            printf 'bidi \342\200\256evil\342\200\254 end\n'
            printf '\033[31mERROR\033[0m coloured\n' >&2
            sleep 30
            """#
            let name = try await podman.run("hostile", script: script)
            let hub = LogHub()
            await hub.add(.docker(container: name, host: podman.dockerHost))
            let lines = try await Self.collect(hub, timeout: .seconds(20)) { $0.count >= 9 }
            await hub.stopAll()
            let texts = lines.map(\.text)
            #expect(texts.count == 9, "\(texts)")
            for text in texts {
                for scalar in text.unicodeScalars {
                    let v = scalar.value
                    #expect(!(v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)),
                            "unsafe U+\(String(v, radix: 16)) in \(text.debugDescription)")
                }
            }
            #expect(texts.contains("title ␛]0;pwned end"))
            #expect(texts.contains("clip ␛]52;c;cm0gLXJmIC8K end"))
            #expect(texts.contains("clear ␛[2J␛[H␛[10;10H moved"))
            #expect(texts.contains("c1 ␛[ 6n and raw \u{FFFD} 2J"))
            #expect(texts.contains("dcs ␛Pq#0;2;0;0;0 end"))
            #expect(texts.contains("nul [␀] bell ␇ bs ␈"))
            #expect(texts.contains("bad utf8 \u{FFFD}\u{FFFD} end"))
            #expect(texts.contains("bidi <RLO>evil<PDF> end"))
            // stderr arrives too, colour dropped, severity detected, stamp parsed.
            let coloured = try #require(lines.first { $0.text == "ERROR coloured" })
            #expect(coloured.severity == .crit)
            #expect(coloured.timestamp != nil)
        } catch {
            await podman.stop()
            throw error
        }
        #expect(await podman.stop().isEmpty, "containers left behind in podman's storage")
    }

    @Test func missingContainerIsReportedAsEndedNotAsLogLines() async throws {
        let podman = try await PodmanService.start()
        let hub = LogHub(backoff: RetryBackoff(initial: .milliseconds(200), maximum: .milliseconds(200)))
        let follower = CommandLogFollower(DockerLogFollower(container: "triage-logs-no-such-container", host: podman.dockerHost),
                                          backoff: RetryBackoff(initial: .milliseconds(200), maximum: .milliseconds(200)))
        await hub.add(.docker(container: "triage-logs-no-such-container", host: podman.dockerHost)) {
            await follower.run(into: $0)
        }
        var reason: String?
        var lines: [LogLine] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while clock.now < deadline, await follower.runs < 3 {
            try await Task.sleep(for: .milliseconds(50))
            if let batch = hub.inbox.drain() {
                lines += batch.lines
                if case .ended(let why, let retryAt) = batch.sources[0].state {
                    reason = why
                    #expect(retryAt != nil)
                }
            }
        }
        await hub.stopAll()
        #expect(await podman.stop().isEmpty, "containers left behind in podman's storage")
        #expect(await follower.runs >= 3)
        #expect(lines.isEmpty, "\(lines.map(\.text))")
        #expect(reason?.lowercased().contains("no such container") == true, "reason: \(reason ?? "nil")")
    }

    @Test func endedStreamIsRetriedAndResumesWithoutReplay() async throws {
        let podman = try await PodmanService.start()
        do {
            // Three lines a second (several per whole-second stamp), then the container exits.
            let script = #"""
            run=$(cat /run-count 2>/dev/null || echo 0); run=$((run+1)); echo $run > /run-count
            i=0; while [ $i -lt 8 ]; do echo "run$run line $i"; i=$((i+1)); sleep 0.3; done
            """#
            let name = try await podman.run("resume", script: script)
            let hub = LogHub()
            let follower = CommandLogFollower(DockerLogFollower(container: name, host: podman.dockerHost),
                                              backoff: RetryBackoff(initial: .milliseconds(300), maximum: .seconds(1)))
            await hub.add(.docker(container: name, host: podman.dockerHost)) { await follower.run(into: $0) }
            var lines = try await Self.collect(hub, timeout: .seconds(20)) { $0.count >= 8 }
            #expect(lines.map(\.text) == (0..<8).map { "run1 line \($0)" })
            // Let the follower notice the end and re-run (with --since) a few times: nothing repeats.
            let batch = try await Self.waitForEnded(hub)
            #expect(batch != nil, "the source was never marked ended")
            try await Task.sleep(for: .seconds(2))
            lines += hub.inbox.drain()?.lines ?? []
            #expect(lines.count == 8, "replayed: \(lines.map(\.text))")
            // It did re-run with --since and dropped what the engine sent again.
            #expect(await follower.runs >= 2)
            #expect(await follower.droppedReplays > 0)
            // The container runs again: only the new lines come.
            let started = await podman.docker(["start", name])
            #expect(started.succeeded, "\(started.failureReason ?? "")")
            lines += try await Self.collect(hub, timeout: .seconds(20)) { $0.count >= 8 }
            await hub.stopAll()
            let texts = lines.map(\.text)
            #expect(texts == (0..<8).map { "run1 line \($0)" } + (0..<8).map { "run2 line \($0)" })
            #expect(Set(lines.map(\.sequence)).count == lines.count)
        } catch {
            await podman.stop()
            throw error
        }
        #expect(await podman.stop().isEmpty, "containers left behind in podman's storage")
    }

    static func waitForEnded(_ hub: LogHub) async throws -> LogBatch? {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while clock.now < deadline {
            if let batch = hub.inbox.drain() {
                #expect(batch.lines.isEmpty, "unexpected lines: \(batch.lines.map(\.text))")
                if case .ended = batch.sources[0].state { return batch }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}

/// A container writing as fast as it can: the follower keeps up without growing, and stopping it
/// leaves no `docker logs` child behind.
@Suite(.serialized) struct DockerFirehoseTests {
    /// PIDs of `docker logs --follow … needle` children.
    static func processes(mentioning needle: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let command = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return command.contains(needle) && command.contains("logs --follow") ? pid : nil
        }
    }

    @Test func firehoseStaysBoundedAndStopsClean() async throws {
        let podman = try await PodmanService.start()
        do {
            let name = try await podman.run("firehose", script: "yes 'firehose line 0123456789 abcdefghij' & sleep 8; kill $!")
            let hub = LogHub(capacityPerSource: 10_000)
            await hub.add(.docker(container: name, host: podman.dockerHost))
            var model = LogPaneModel(capacityPerSource: 10_000)
            let clock = ContinuousClock()
            let start = clock.now
            var received: UInt64 = 0
            var frames = 0
            while clock.now - start < .seconds(4) {
                try await Task.sleep(for: .milliseconds(16))
                guard let batch = hub.inbox.drain() else { continue }
                frames += 1
                model.apply(batch)
                received = batch.sources[0].received
                // Bounded however fast lines come: one frame's batch and the model's view.
                #expect(batch.lines.count <= 10_000)
                #expect(model.view.liveCount <= 10_000)
                #expect(model.view.endPosition - model.view.startPosition <= 10_000 + 2_600)
            }
            let seconds = Double((clock.now - start).components.seconds)
                + Double((clock.now - start).components.attoseconds) / 1e18
            print("firehose: triage ingested \(received) lines in \(String(format: "%.1f", seconds)) s "
                  + "(\(Int(Double(received) / seconds)) lines/s), \(frames) frames")
            #expect(received > 10_000, "the firehose delivered only \(received) lines")
            let frame = model.visibleRows(height: 10, width: 80)
            #expect(frame.rows.count == 10)
            // Every row is the line; podman's log rotation (max-size=1m, about once a second here) may
            // cut one line in two at the rotation, which reads as a prefix and a suffix of it.
            let line = "firehose line 0123456789 abcdefghij"
            #expect(frame.rows.allSatisfy { $0.text == line || (!$0.text.isEmpty && (line.hasPrefix($0.text) || line.hasSuffix($0.text))) },
                    "\(frame.rows.map(\.text))")
            #expect(frame.rows.count { $0.text == line } >= 8, "\(frame.rows.map(\.text))")
            #expect(!Self.processes(mentioning: name).isEmpty, "the docker logs child was not found while following")
            await hub.stopAll()
            #expect(Self.processes(mentioning: name).isEmpty, "a docker logs child outlived stopAll")
        } catch {
            await podman.stop()
            throw error
        }
        #expect(await podman.stop().isEmpty, "containers left behind in podman's storage")
    }
}
