import Foundation
import Testing
import TriageTestSupport

/// Issue 14 §2 in the real binary against containers on podman's Docker API: `L` follows the
/// selected container's logs from a chosen point (the docker child really runs with `--since`),
/// and the source picker is a list you move in and toggle, whose entries keep their places.
enum LogSelectionLab {
    static func config(host: String, prefix: String) throws -> (dir: String, config: String) {
        let dir = NSTemporaryDirectory() + "triage-e2e-since-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let config = dir + "/triage.yaml"
        try """
            refresh: 1s
            docker:
              - host: \(host)
                containers: ["\(prefix)*"]
            host:
              enabled: false
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return (dir, config)
    }

    /// Starts podman with one container per script (labels `prefix-N`), triage on a config that
    /// watches them, and runs `body` with the session and the container names; cleans up after.
    static func run(_ scripts: [(label: String, script: String)], prefix: String, width: Int, height: Int,
                    _ body: (TmuxSession, [String]) async throws -> Void) async throws {
        let podman = try await PodmanService.start()
        do {
            var names: [String] = []
            for (label, script) in scripts { names.append(try await podman.run(label, script: script)) }
            let (dir, config) = try Self.config(host: podman.dockerHost, prefix: podman.prefix + prefix)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let session = try TmuxSession(width: width, height: height, command: "\(TmuxSession.triageBinary) --config \(config) --state \(dir)/state",
                                          environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
            defer { session.kill() }
            try await body(session, names)
        } catch {
            await podman.stop()
            throw error
        }
        #expect(await podman.stop().isEmpty, "containers left behind in podman's storage")
    }

    /// The argv of live processes (from /proc) that hold every one of `words`.
    static func processes(holding words: [String]) -> [[String]] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { Int($0) != nil } ?? []
        return pids.compactMap { pid -> [String]? in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
            let argv = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.allSatisfy { word in argv.contains(word) } ? argv : nil
        }
    }
}

@Suite(.serialized) struct LogSinceEndToEndTests {
    @Test func capitalLFollowsTheSelectedContainerFromTheChosenPoint() async throws {
        let script = "echo EARLY-LINE; i=0; while [ $i -lt 600 ]; do echo tick $i; i=$((i+1)); sleep 1; done"
        try await LogSelectionLab.run([("since", script)], prefix: "since", width: 120, height: 40) { session, names in
            let name = names[0]
            try session.type("2")
            // Names are cut in the narrow column: the row's state says it is there.
            try session.waitFor(timeout: .seconds(30), "the container row") { $0.contains("● running") }
            try session.type("L")
            try session.waitFor(timeout: .seconds(5), "the since choice") { $0.contains("Follow logs since") && $0.contains("1h") }
            try session.type("5")
            try session.send("Enter")
            try session.waitFor(timeout: .seconds(5), "the notice") { $0.contains("since 5m") }
            try session.waitFor(timeout: .seconds(20), "its early line") { $0.contains("EARLY-LINE") }
            // The follower really asked docker for the last five minutes.
            let followers = LogSelectionLab.processes(holding: ["logs", "--follow", name])
            #expect(followers.contains { $0.contains("--since") && $0.contains("300s") }, "followers: \(followers)")
            #expect(!followers.contains { $0.contains("200") }, "not the default last lines: \(followers)")
        }
    }
}

@Suite(.serialized) struct SourcePickerEndToEndTests {
    /// The picker's rows, in order: `● container NAME…`, `+ container NAME…`.
    static func entries(_ screen: String) -> [String] {
        screen.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: #"[●○+] container \S+"#, options: .regularExpression) else { return nil }
            return String(line[range].dropFirst(2))
        }
    }

    static func containerName(_ entry: String) -> String {
        let words = entry.split(separator: " ")
        return words.count > 1 ? String(words[1]) : ""
    }

    @Test func theSourceListIsMovedInAndToggledAndKeepsItsOrder() async throws {
        let scripts = [("pick-b", "i=0; while [ $i -lt 600 ]; do echo BRAVO-LINE $i; i=$((i+1)); sleep 1; done"),
                       ("pick-a", "i=0; while [ $i -lt 600 ]; do echo ALPHA-LINE $i; i=$((i+1)); sleep 1; done")]
        try await LogSelectionLab.run(scripts, prefix: "pick", width: 160, height: 45) { session, names in
            let (first, second) = (names[0], names[1])
            try session.type("2")
            try session.waitFor(timeout: .seconds(30), "both containers") { $0.components(separatedBy: "● running").count == 3 }
            try session.type("4")
            try session.type("s")
            var screen = try session.waitFor(timeout: .seconds(5), "the list") { Self.entries($0).count == 2 }
            // Sorted by name (pick-a before pick-b, whichever started first), none followed yet.
            let order = Self.entries(screen)
            #expect(order.first?.contains("pick-a") == true && order.last?.contains("pick-b") == true, "\(order)")
            #expect(screen.contains("+ container \(second)") && screen.contains("+ container \(first)"), "\(screen)")
            // Down to pick-b, Space follows it: its mark changes, its place does not.
            try session.type("j")
            try session.type(" ")
            screen = try session.waitFor(timeout: .seconds(10), "pick-b followed") { $0.contains("● container \(first)") }
            let after: [String] = Self.entries(screen).map(Self.containerName)
            let before: [String] = order.map(Self.containerName)
            #expect(after == before, "\(after)")
            #expect(screen.contains("+ container \(second)"), "pick-a is still only offered")
            try session.send("Escape")
            try session.waitFor(timeout: .seconds(20), "pick-b's lines") { $0.contains("BRAVO-LINE") }
            // Hide it again from the list: Space on a followed source hides its lines.
            try session.type("s")
            try session.waitFor(timeout: .seconds(5), "the list again") { Self.entries($0).count == 2 }
            try session.type("j")
            try session.type(" ")
            screen = try session.waitFor(timeout: .seconds(5), "pick-b hidden") { $0.contains("○ container \(first)") }
            #expect(Self.entries(screen).count == 2)
            try session.send("Escape")
            try session.waitFor(timeout: .seconds(5), "no BRAVO lines shown") { !$0.contains("BRAVO-LINE") }
            #expect(!screen.contains("ALPHA-LINE"), "pick-a was never followed")
        }
    }
}
