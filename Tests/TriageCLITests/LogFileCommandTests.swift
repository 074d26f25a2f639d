import Foundation
import Testing

/// `--log-level` and `TRIAGE_LOG` on a real `triage check`: the log in the state directory has the
/// start, every command with its argv (secret masked) and exit status, and the exit; stdout and
/// stderr carry nothing of it.
@Suite("LogFile commands") struct LogFileCommandTests {
    static func config(in directory: String) throws -> String {
        let config = directory + "/triage.yaml"
        try """
            checks:
              - {name: fine, run: [true, "--password=hunter2hunter2"]}
              - {name: broken, run: [false]}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func checkWithLogLevelDebugLogsArgvAndExitStatus() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let config = try Self.config(in: scratch.path)
        let run = try CLIRun(["check", "--config", config, "--state", scratch.path, "--skip", "host", "--json", "--log-level", "debug"])
        #expect(run.status == 2, "stderr: \(run.standardError)")
        #expect(run.standardError.isEmpty, "\(run.standardError)")
        #expect((try? JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))) != nil, "stdout is only the document")
        let lines = Self.lines(scratch.path + "/triage.log")
        #expect(lines.first?.contains(" info start argv=") == true, "\(lines)")
        let fine = try #require(lines.first { $0.contains(" debug process probe=true ") }, "\(lines)")
        #expect(fine.contains("argv=\"/usr/bin/true --password=****\"") || fine.contains("argv=\"/bin/true --password=****\""), "\(fine)")
        #expect(fine.contains("exit=\"exited with status 0\"") && fine.contains(" durationMs=") && fine.contains(" stdoutBytes=0 stderrBytes=0"), "\(fine)")
        let broken = try #require(lines.first { $0.contains(" debug process probe=false ") }, "\(lines)")
        #expect(broken.contains("exit=\"exited with status 1\""), "\(broken)")
        #expect(lines.last?.contains(" info exit status=2 durationMs=") == true, "\(lines)")
        #expect(!lines.joined().contains("hunter2hunter2"))
        let mode = try #require(FileManager.default.attributesOfItem(atPath: scratch.path + "/triage.log")[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    @Test func triageLogInTheEnvironmentDoesTheSameAndABadOneIsSaid() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let config = try Self.config(in: scratch.path)
        let arguments = ["check", "--config", config, "--skip", "host"]
        let info = try CLIRun(arguments, environment: ["TRIAGE_STATE": scratch.path, "TRIAGE_LOG": "info"])
        #expect(info.status == 2)
        let lines = Self.lines(scratch.path + "/triage.log")
        #expect(lines.count == 2 && lines[0].contains(" info start ") && lines[1].contains(" info exit status=2 "), "\(lines)")

        let quiet = try TemporaryDirectory()
        defer { quiet.remove() }
        let none = try CLIRun(arguments, environment: ["TRIAGE_STATE": quiet.path])
        #expect(!FileManager.default.fileExists(atPath: quiet.path + "/triage.log"), "no log unless asked for")
        #expect(none.standardError.isEmpty)
        let bad = try CLIRun(arguments, environment: ["TRIAGE_STATE": quiet.path, "TRIAGE_LOG": "loud"])
        #expect(bad.status == 2)
        #expect(bad.standardError == "triage: TRIAGE_LOG=loud: expected debug, info or warning; no log is written\n")
        #expect(!FileManager.default.fileExists(atPath: quiet.path + "/triage.log"))
        let usage = try CLIRun(arguments + ["--log-level", "loud"])
        #expect(usage.status == 64, "\(usage.standardError)")
    }
}
