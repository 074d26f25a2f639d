import Foundation
import Testing
import TriageStore

/// `triage export`'s exit statuses, as docs/EXPORTS.md lists them, from the real binary.
@Suite struct ExportExitStatusTests {
    @Test func anExportThatWorksIsStatus0() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let new = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--state", state.path])
        #expect(new.status == 0, "stderr: \(new.standardError)")
        let run = try CLIRun(["export", "timeline", "--format", "json", "--state", state.path])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        #expect(run.standardError.isEmpty)
    }

    @Test func noSuchIncidentIsStatus1() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        // No incident at all yet.
        let none = try CLIRun(["export", "status", "--state", state.path])
        #expect(none.status == 1, "stderr: \(none.standardError)")
        #expect(none.standardError.hasPrefix("triage export: no incidents in "), "\(none.standardError)")
        #expect(none.standardOutput.isEmpty)
        // An id that does not exist.
        _ = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--state", state.path])
        let unknown = try CLIRun(["export", "status", "--incident", "INC-19700101-0000", "--state", state.path])
        #expect(unknown.status == 1, "stderr: \(unknown.standardError)")
        #expect(unknown.standardError == "triage export: no incident INC-19700101-0000\n")
    }

    @Test func aDamagedDatabaseIsStatus2() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let path = StateDirectory.databasePath(inDirectory: state.path)
        var garbage = Array("not an SQLite database\n".utf8)
        for i in 0..<8192 { garbage.append(UInt8(truncatingIfNeeded: i &* 31 &+ 7)) }
        try Data(garbage).write(to: URL(fileURLWithPath: path))
        let run = try CLIRun(["export", "timeline", "--state", state.path])
        #expect(run.status == 2, "stderr: \(run.standardError)")
        #expect(run.standardError.hasPrefix("triage export: the incident database \(path) is damaged"), "\(run.standardError)")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == garbage)
    }

    @Test func aStateDirectoryThatIsAFileIsStatus2() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let file = scratch.path + "/not-a-directory"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let run = try CLIRun(["export", "status", "--state", file])
        #expect(run.status == 2, "stderr: \(run.standardError)")
        #expect(run.standardError.hasPrefix("triage export: "), "\(run.standardError)")
    }

    @Test func anOutputFileThatCannotBeWrittenIsStatus2() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        _ = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--state", state.path])
        let output = state.path + "/no/such/directory/status.md"
        let run = try CLIRun(["export", "status", "--output", output, "--state", state.path])
        #expect(run.status == 2, "stderr: \(run.standardError)")
        #expect(run.standardError.hasPrefix("triage export: "), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func aBadFormatIsAUsageError() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        for arguments in [["export", "status", "--format", "yaml"], ["export", "postmortem", "--format", "json"]] {
            let run = try CLIRun(arguments + ["--state", state.path])
            #expect(run.status == 64, "\(arguments): stderr \(run.standardError)")
            #expect(run.standardError.contains("--format"), "\(run.standardError)")
        }
    }

    /// `export postmortem --format text` printed Markdown; `--format json` exited 64 without saying
    /// what to use instead. Both are refused, naming the export that does it.
    @Test func aPostmortemInTextOrJSONIsRefusedWithWhatToUseInstead() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        _ = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--state", state.path])
        for format in ["text", "json"] {
            let run = try CLIRun(["export", "postmortem", "--format", format, "--state", state.path])
            #expect(run.status == 64, "\(format): stderr \(run.standardError)")
            #expect(run.standardOutput.isEmpty, "\(format) printed: \(run.standardOutput)")
            #expect(run.standardError.contains("export timeline --format json"), "\(run.standardError)")
        }
    }
}
