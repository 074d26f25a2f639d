import Foundation
import Testing
@testable import TriageProbes

#if canImport(Glibc)
import Glibc
#endif

/// The diagnostic log's file: one line per event whatever the values hold, secrets masked, 0600,
/// rotated at its size cap without losing or splitting a line.
@Suite("LogFile")
struct LogFileTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("triage-log-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func lines(_ path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func aLineIsTimeLevelEventAndFieldsOnOneLine() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try LogFile(directory: directory, level: .debug)
        log.write(.debug, "process", [
            ("probe", .string("curl")),
            ("argv", .argv(["/usr/bin/curl", "-u", "admin:hunter2secret", "http://h/x\nforged 2026 info exit"])),
            ("durationMs", .int(12)),
            ("exit", .string("exited with status 0")),
        ])
        let lines = try Self.lines(log.path)
        #expect(lines.count == 1, "\(lines)")
        let line = try #require(lines.first)
        #expect(line.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z debug process probe=curl argv=".*" durationMs=12 exit="exited with status 0"/) != nil, "\(line)")
        #expect(!line.contains("hunter2secret"), "\(line)")
        #expect(line.contains("-u admin:****"), "\(line)")
        #expect(line.contains("x\\nforged"), "the newline is escaped, not a line of its own: \(line)")
    }

    @Test func linesBelowTheLevelAreNotWritten() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try LogFile(directory: directory, level: .info)
        log.write(.debug, "process", [("probe", .string("curl"))])
        log.write(.info, "start", [])
        log.write(.warning, "process", [("exit", .string("timed out"))])
        let events = try Self.lines(log.path).map { $0.split(separator: " ").dropFirst().prefix(2).joined(separator: " ") }
        #expect(events == ["info start", "warning process"])
    }

    @Test func theFileIs0600WhateverTheUmaskAndAnOlderFile() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + LogFile.fileName
        FileManager.default.createFile(atPath: path, contents: Data("old line\n".utf8), attributes: [.posixPermissions: 0o644])
        let old = umask(0)
        defer { umask(old) }
        let log = try LogFile(directory: directory + "/nested", level: .debug)
        log.write(.info, "start", [])
        let again = try LogFile(directory: directory, level: .debug)
        again.write(.info, "start", [])
        for file in [log.path, again.path] {
            let mode = try #require(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(file): \(String(mode, radix: 8))")
        }
        let created = try #require(FileManager.default.attributesOfItem(atPath: directory + "/nested")[.posixPermissions] as? Int)
        #expect(created == 0o700)
        #expect(try Self.lines(again.path).first == "old line", "appends, never truncates on open")
    }

    @Test func rotatesAtTheCapWithoutLosingOrSplittingALine() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cap = 4096
        let log = try LogFile(directory: directory, level: .debug, sizeCap: cap)
        let count = 200
        for index in 0..<count { log.write(.debug, "n", [("index", .int(index)), ("pad", .string(String(repeating: "x", count: 40)))]) }
        let current = try Self.lines(log.path)
        let previous = try Self.lines(log.path + ".1")
        #expect(!previous.isEmpty, "rotated at least once")
        #expect(!FileManager.default.fileExists(atPath: log.path + ".2"), "one older file only")
        for file in [log.path, log.path + ".1"] {
            let size = try #require(FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
            #expect(size <= cap, "\(file) is \(size) bytes")
        }
        // The newest lines are all there, in order, each whole: rotation cut between lines.
        let indices = (previous + current).compactMap { line in line.firstMatch(of: /index=(\d+) pad=x{40}$/).flatMap { Int($0.1) } }
        #expect(indices.count == previous.count + current.count, "a line was split")
        #expect(indices.last == count - 1)
        #expect(indices == Array((count - indices.count)..<count))
        let mode = try #require(FileManager.default.attributesOfItem(atPath: log.path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    @Test func aValueThatIsOnePlainWordIsBareAndAnythingElseQuoted() {
        #expect(LogValue.string("curl").text == "curl")
        #expect(LogValue.string("exited with status 1").text == "\"exited with status 1\"")
        #expect(LogValue.string("a=b").text == "\"a=b\"")
        #expect(LogValue.string("").text == "\"\"")
        #expect(LogValue.string("\u{1B}[2J").text == "\"\\u001b[2J\"")
        #expect(LogValue.argv(["redis-cli", "-a", "s3cretpass", "ping"]).text == "\"redis-cli -a **** ping\"")
        #expect(LogValue.argv(["echo", "two words"]).text == "\"echo 'two words'\"")
    }
}

/// The hooks in `ProcessRunner`: with a log installed, a run and a stream each leave their line.
/// Serialized apart from `LogFile`'s own tests because the log it installs is process-wide (other
/// suites' children may add lines too; only this test's marked ones are looked at).
@Suite("LogFile hooks", .serialized)
struct LogFileHookTests {
    @Test func aRunAndAStreamAreLoggedThroughTheInstalledLog() async throws {
        let directory = try LogFileTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let marker = "marker-\(UUID().uuidString)"
        let log = try LogFile(directory: directory, level: .debug)
        DiagnosticLog.install(log)
        let run = await ProcessRunner.run("sh", ["-c", "printf 12345; exit 3", marker], deadline: .seconds(10))
        let end = await ProcessRunner.streamLines("sh", ["-c", "echo line; echo oops >&2", marker + "-stream"]) { _ in }
        DiagnosticLog.install(nil)
        #expect(run.exitStatus == .exited(3) && end.exitStatus == .exited(0))
        let lines = try LogFileTests.lines(log.path)
        let runLine = try #require(lines.first { $0.contains(marker + "\"") }, "\(lines)")
        #expect(runLine.contains(" debug process probe=sh argv=\""), "\(runLine)")
        #expect(runLine.contains("exit=\"exited with status 3\" stdoutBytes=5 stderrBytes=0"), "\(runLine)")
        let streamLine = try #require(lines.first { $0.contains(marker + "-stream\"") }, "\(lines)")
        #expect(streamLine.contains(" debug stream probe=sh ") && streamLine.contains("exit=\"exited with status 0\" stderrTailBytes=5"), "\(streamLine)")
    }
}
