import Foundation
import Testing
@testable import TriageProbes

/// Finds the real tools and scripts the container and Kubernetes tests drive, failing loudly when absent.
enum LabTools {
    /// The repository root, from this file's path (Tests/TriageProbesTests/Support/LabTools.swift).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func script(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("scripts").appendingPathComponent(name).path
    }

    /// The absolute path of a tool the test needs; a missing tool is a test failure, not a skip.
    static func require(_ tool: String) throws -> String {
        switch ExecutableResolver.resolve(tool) {
        case .success(let path): return path
        case .failure(let failure):
            Issue.record("\(tool) is required for this test and is missing (\(failure)); scripts/setup.sh installs it")
            throw ToolMissing(tool: tool)
        }
    }

    struct ToolMissing: Error { let tool: String }

    /// A fresh private directory under /tmp (short: unix socket paths are limited to 107 bytes).
    static func temporaryDirectory(_ label: String) throws -> String {
        let path = "/tmp/tpt-\(label)-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// PIDs of live processes whose command line holds `marker` and whose program is `program`.
    static func processes(named program: String, marker: String) -> [Int32] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> Int32? in
            guard let pid = Int32(name),
                let raw = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"), !raw.isEmpty
            else { return nil }
            let argv = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard let first = argv.first, first == program || first.hasSuffix("/" + program) else { return nil }
            // A zombie has an empty cmdline, so it is not counted here; ProcessTable covers zombies.
            return argv.contains { $0.contains(marker) } ? pid : nil
        }
    }

    /// Waits (bounded) for matching processes to go away, returning those still there.
    static func processesAfterSettling(named program: String, marker: String, within limit: Duration = .seconds(3)) async -> [Int32] {
        let clock = ContinuousClock()
        let end = clock.now + limit
        var left = processes(named: program, marker: marker)
        while !left.isEmpty, clock.now < end {
            try? await Task.sleep(for: .milliseconds(50))
            left = processes(named: program, marker: marker)
        }
        return left
    }

    /// Zombie children of this test process (reaped children never show up here).
    static func zombieChildren() -> [Int32] {
        let me = getpid()
        return ProcessTable.entries().filter { $0.parent == me && $0.state == "Z" }.map(\.pid)
    }

    /// Polls `condition` every 100 ms, at most `attempts` times; returns whether it became true.
    static func eventually(attempts: Int = 100, _ condition: () async -> Bool) async -> Bool {
        for _ in 0..<attempts {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }
}
