import Foundation
import Testing
import TriageProbes

/// Finds the real tools and scripts these tests drive, failing loudly when one is absent.
enum CheckLab {
    /// The repository root, from this file's path (Tests/TriageCheckTests/Support/CheckLab.swift).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func script(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("scripts").appendingPathComponent(relative).path
    }

    struct ToolMissing: Error { let tool: String }

    /// The absolute path of a tool the test needs; a missing tool is a test failure, not a skip.
    static func require(_ tool: String) throws -> String {
        switch ExecutableResolver.resolve(tool) {
        case .success(let path): return path
        case .failure(let failure):
            Issue.record("\(tool) is required for this test and is missing (\(failure)); scripts/setup.sh installs it")
            throw ToolMissing(tool: tool)
        }
    }

    /// A fresh private directory under /tmp (short: unix socket paths are limited to 107 bytes).
    static func temporaryDirectory(_ label: String) throws -> String {
        let path = "/tmp/tck-\(label)-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to DIR/NAME and returns the path.
    static func write(_ text: String, _ name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
