import Foundation
import Synchronization
import Testing
import TriageProbes
import TriageTestSupport

/// The real parts the fault-matrix tests break: a PATH without a tool, a podman engine that can be
/// stopped and started again on one socket, the Kubernetes API stand-in, a server that never answers,
/// and triage itself in tmux with a `triage.yaml` in a temp dir.
enum FaultLab {
    /// The repository root, from this file's path (Tests/TriageEndToEndTests/ProbeFaultLab.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func script(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("scripts").appendingPathComponent(relative).path
    }

    /// A fresh private directory under /tmp (short: unix socket paths are limited to 107 bytes).
    static func temporaryDirectory(_ label: String) throws -> String {
        let path = "/tmp/tpf-\(label)-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The absolute path of a tool the test needs; a missing tool fails the test (scripts/setup.sh installs it).
    static func require(_ tool: String) throws -> String {
        switch ExecutableResolver.resolve(tool) {
        case .success(let path): return path
        case .failure(let failure): throw E2EError("\(tool) is required and missing (\(failure)); run scripts/setup.sh")
        }
    }

    /// DIR/bin holding links to exactly `tools`: a PATH on which every other tool is missing.
    static func pathWithOnly(_ tools: [String], in directory: String) throws -> String {
        let bin = directory + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for tool in tools {
            try FileManager.default.createSymbolicLink(atPath: bin + "/" + tool, withDestinationPath: try require(tool))
        }
        return bin
    }

    /// Waits until `pid` is gone, bounded.
    static func waitUntilGone(_ pid: Int32, timeout: Duration = .seconds(10)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !isAlive(pid) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return !isAlive(pid)
    }
}

/// triage running in a private tmux server with a `triage.yaml` written to a temp dir.
///
/// The pane runs triage itself (no shell), so the pane's process is triage and its children are the
/// probes' tools. `stop()` quits with `q`, checks triage exits, and ends the tmux server.
final class DashboardUnderTest {
    let directory: String
    let session: TmuxSession
    let pid: Int32

    init(config: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:], label: String) throws {
        directory = try FaultLab.temporaryDirectory(label)
        let file = directory + "/triage.yaml"
        try config.write(toFile: file, atomically: true, encoding: .utf8)
        var environment = environment
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        environment["HOME"] = directory
        // tmux puts its client's PATH into a new pane whatever `-e` says, so a PATH goes through env(1).
        let path = environment.removeValue(forKey: "PATH").map { "/usr/bin/env PATH=\($0) " } ?? ""
        // `exec`: the pane's shell becomes triage (or env, which execs it), so the pane PID is triage's PID.
        session = try TmuxSession(width: width, height: height,
                                  command: "exec \(path)\(TmuxSession.triageBinary) --config \(file) --state \(directory)/state",
                                  environment: environment)
        do {
            try session.waitFor(timeout: .seconds(20), "first frame") { $0.contains("Containers") && $0.contains("q quit") }
            pid = try session.panePID()
        } catch {
            session.kill()
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Children of triage whose program is `name` (the probes' tools run as its direct children).
    func children(named name: String) -> [Int32] {
        childPIDs(of: pid).filter { child in
            let raw = FileManager.default.contents(atPath: "/proc/\(child)/cmdline") ?? Data()
            let program = raw.split(separator: 0).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
            return program == name || program.hasSuffix("/" + name)
        }.filter(isAlive)
    }

    /// Keys are answered at once: focus moves to each named pane (its frame turns heavy) within 3 s.
    func expectKeysAnswered(_ panes: [String] = ["6 Host", "1 Services", "2 Containers"]) throws {
        for pane in panes {
            try session.type(String(pane.prefix(1)))
            try session.waitFor(timeout: .seconds(3), "focus on \(pane)") { $0.contains("┏━ \(pane)") }
        }
    }

    /// The screen's lines that contain `text`.
    func lines(containing text: String, in screen: String) -> [Substring] {
        screen.split(separator: "\n").filter { $0.contains(text) }
    }

    /// Quits with `q` and expects triage to exit; the tmux server is ended either way.
    func stop() {
        if isAlive(pid) {
            try? session.type("q")
            #expect(FaultLab.waitUntilGone(pid), "triage did not exit on q")
        }
        session.kill()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// The end-to-end tests' name for the shared stand-in (TriageTestSupport's `KubeStandIn`): its
/// default scenario, context `lab` the stand-in and `lab-down` a closed port (127.0.0.1:1).
typealias KubeAPIStandIn = KubeStandIn

extension KubeStandIn {
    static func start() async throws -> KubeStandIn { try await KubeStandIn() }
}
