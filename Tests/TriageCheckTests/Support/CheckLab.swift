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
    /// A self-signed certificate for 127.0.0.1 made by the real openssl in `directory`
    /// (`cert.pem`, `key.pem`), valid from now for `days`.
    static func selfSignedCertificate(in directory: String, days: Int, subject: String = "/CN=127.0.0.1") async throws {
        let made = await ProcessRunner.run(
            "openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem",
             "-days", String(days), "-subj", subject, "-addext", "subjectAltName=IP:127.0.0.1"],
            deadline: .seconds(30))
        try #require(made.succeeded, "openssl is needed (scripts/setup.sh installs it): \(made.failureReason ?? "")")
    }

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

    /// PIDs of live processes running `program` whose command line or environment holds `marker`.
    static func processes(named program: String, marker: String) -> [Int32] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> Int32? in
            guard let pid = Int32(name),
                let raw = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"), !raw.isEmpty
            else { return nil }
            let argv = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard let first = argv.first, first == program || first.hasSuffix("/" + program) else { return nil }
            let environment = FileManager.default.contents(atPath: "/proc/\(name)/environ").map { String(decoding: $0, as: UTF8.self) } ?? ""
            return argv.contains { $0.contains(marker) } || environment.contains(marker) ? pid : nil
        }
    }
}
