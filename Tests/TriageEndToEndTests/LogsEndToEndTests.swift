import Foundation
import Testing
import TriageTestSupport
import TriageProbes

/// The Logs pane against real containers on podman's Docker API, seen through tmux.
@Suite(.serialized) struct LogsEndToEndTests {
    let binary = TmuxSession.triageBinary

    func writeConfig(container: String, host: String) throws -> (dir: String, config: String) {
        let dir = NSTemporaryDirectory() + "triage-e2e-logs-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let config = dir + "/triage.yaml"
        try """
            refresh: 1s
            logs:
              - docker: \(container)
                host: \(host)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return (dir, config)
    }

    /// A container prints a window-title change, an OSC 52 clipboard write, a screen clear, cursor
    /// moves and an 8-bit CSI: none of it may act; the pane title and every other pane stay put.
    @Test func hostileLogBytesChangeNothingButTheirOwnRow() async throws {
        let podman = try await PodmanService.start()
        let name = try await podman.run("hostile", script: #"while true; do printf 'before \033]0;PWNED\007 \033]52;c;cHduZWQ=\007 \033[2J\033[H\033[10;10Hmoved \233 31m end\n'; sleep 1; done"#)
        let (dir, config) = try writeConfig(container: name, host: podman.dockerHost)
        let session = try TmuxSession(width: 120, height: 40, command: "\(binary) --config \(config) --state \(dir)/state",
                                      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        defer {
            session.kill()
            try? FileManager.default.removeItem(atPath: dir)
        }
        do {
            let titleBefore = try session.display("#{pane_title}")
            try session.waitFor(timeout: .seconds(30), "hostile lines arriving") { $0.contains("PWNED") }
            // Zoom the logs pane so the whole escaped line fits on screen.
            try session.type("4")
            try session.type("z")
            let screen = try session.waitFor(timeout: .seconds(10), "hostile line shown escaped") { $0.contains("␛[2J") && !$0.contains("1 Services") }
            #expect(screen.contains("␛]0;PWNED"), "the title escape is shown, not obeyed")
            #expect(try session.display("#{pane_title}") == titleBefore, "the pane title changed")
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first?.hasPrefix(" triage") == true, "the header moved: \(lines.first ?? "")")
            #expect(screen.contains("┏━ 4 Logs") && screen.contains("q quit"), "the frame moved:\n\(screen)")
            try session.type("z")
            let unzoomed = try session.waitFor(timeout: .seconds(10), "every pane back") { $0.contains("1 Services") && $0.contains("6 Host") }
            #expect(unzoomed.split(separator: "\n").first?.hasPrefix(" triage") == true)
            // The clipboard (tmux's buffer list) received nothing.
            let buffers = try session.tmux(["list-buffers"])
            #expect(!buffers.contains("pwned"), "OSC 52 reached tmux: \(buffers)")
        } catch {
            await podman.stop()
            throw error
        }
        #expect(await podman.stop().isEmpty, "containers left behind in podman's storage")
    }

    /// `logs: - docker: GLOB` follows every matching container, also one started after triage: the
    /// glob's container discovery is a registered probe (every 10 s) like every other source.
    @Test func aLogsGlobFollowsMatchingContainersIncludingOnesStartedLater() async throws {
        let podman = try await PodmanService.start()
        let label = "glob" + UUID().uuidString.prefix(6).lowercased()
        do {
            _ = try await podman.run(label + "a", script: "while true; do echo first-container-line; sleep 1; done")
            let (dir, config) = try writeConfig(container: "\"\(podman.prefix)\(label)*\"", host: podman.dockerHost)
            let session = try TmuxSession(width: 120, height: 40, command: "\(binary) --config \(config) --state \(dir)/state",
                                          environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
            defer {
                session.kill()
                try? FileManager.default.removeItem(atPath: dir)
            }
            try session.waitFor(timeout: .seconds(30), "the matching container's lines") { $0.contains("first-container-line") }
            _ = try await podman.run(label + "b", script: "while true; do echo later-container-line; sleep 1; done")
            try session.waitFor(timeout: .seconds(30), "the later container's lines (the glob is asked every 10 s)") {
                $0.contains("later-container-line")
            }
        } catch {
            await podman.stop()
            throw error
        }
        #expect(await podman.stop().isEmpty, "containers left behind in podman's storage")
    }

    /// A container writing as fast as it can for 30 s: keys are still answered at once and
    /// triage's memory stays flat (the rings are bounded).
    @Test func firehoseKeepsKeysAnsweredAndMemoryFlat() async throws {
        let podman = try await PodmanService.start()
        let name = try await podman.run("firehose", script: "timeout 40 yes 'firehose line with some text to make it a realistic length' || true")
        let (dir, config) = try writeConfig(container: name, host: podman.dockerHost)
        let session = try TmuxSession(width: 120, height: 40, command: "\(binary) --config \(config) --state \(dir)/state",
                                      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        defer {
            session.kill()
            try? FileManager.default.removeItem(atPath: dir)
        }
        do {
            try session.waitFor(timeout: .seconds(30), "firehose lines") { $0.contains("firehose line") }
            let pid = try session.panePID()
            var samples: [Int] = []
            let panes = ["6 Host", "1 Services", "5 Incident", "4 Logs"]
            let clock = ContinuousClock()
            let end = clock.now + .seconds(30)
            var round = 0
            while clock.now < end {
                let pane = panes[round % panes.count]
                try session.type(String(pane.first!))
                // Answered at once: the focus frame moves well within the generous bound of 2 s.
                try session.waitFor(timeout: .seconds(2), "focus on \(pane) while ingesting") { $0.contains("┏━ \(pane)") }
                samples.append(residentKiB(pid))
                round += 1
                try await Task.sleep(for: .seconds(2))
            }
            let settled = samples.dropFirst(3)
            let first = settled.first ?? 0, last = settled.last ?? 0
            #expect(first > 0)
            #expect(Double(last) < Double(first) * 1.5 + 20_000, "memory grew from \(first) KiB to \(last) KiB: \(samples)")
        } catch {
            await podman.stop()
            throw error
        }
        #expect(await podman.stop().isEmpty, "containers left behind in podman's storage")
    }
}

/// Resident set size of a process in KiB, from /proc.
func residentKiB(_ pid: Int32) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}
