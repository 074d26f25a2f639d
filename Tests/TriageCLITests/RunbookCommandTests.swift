import Foundation
import Testing
import TriageCore
import TriageRunbook

/// `triage runbook lint` and `triage runbook default`, run as the real binary.
@Suite struct RunbookCommandTests {
    @Test func fixturesAreThere() {
        #expect(Fixtures.runbooks.count == 3, "runbook fixtures missing in \(Fixtures.directory.path)")
    }

    @Test(arguments: Fixtures.runbooks)
    func lintTextMatchesTheParser(path: String) throws {
        let run = try CLIRun(["runbook", "lint", path])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let expected = RunbookLint.text(RunbookParser.parse(bytes: bytes, path: path))
        #expect(run.standardOutput == (expected.hasSuffix("\n") ? expected : expected + "\n"))
        #expect(run.standardOutput.hasPrefix("Runbook: "))
        #expect(run.standardOutput.contains("\nSections\n"))
        #expect(run.standardError.isEmpty)
    }

    @Test(arguments: Fixtures.runbooks)
    func lintJSONHasTheDocumentedKeys(path: String) throws {
        let run = try CLIRun(["runbook", "lint", "--json", path])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(run.standardOutput == RunbookLint.json(RunbookParser.parse(bytes: bytes, path: path)))
        let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let keys = Set(object?.keys.map { $0 } ?? [])
        for key in ["title", "sections", "severities", "phases", "escalations"] {
            #expect(keys.contains(key), "missing \(key) in \(keys.sorted())")
        }
        let sections = object?["sections"] as? [[String: Any]] ?? []
        #expect(!sections.isEmpty)
    }

    /// The Codex OS runbook has 25 task items (the count cmark-gfm itself gives for it).
    @Test func lintCountsTasksOfARealRunbook() throws {
        let path = Fixtures.directory.appendingPathComponent("codexos-service-outages.md").path
        let run = try CLIRun(["runbook", "lint", path])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("25 tasks"), "\(run.standardOutput.prefix(300))")
        let json = try CLIRun(["runbook", "lint", "--json", path])
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let sections = object?["sections"] as? [[String: Any]] ?? []
        let tasks = sections.flatMap { ($0["items"] as? [[String: Any]]) ?? [] }.filter { $0["kind"] as? String == "task" }
        #expect(tasks.count == 25)
    }

    /// Issue 11: commands that needed only `y` are flagged, with the reason, in `runbook lint --json`
    /// run as the real binary; safe ones carry `destructive: false` and a null reason.
    @Test func lintJSONFlagsDestructiveCommandsWithTheReason() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-lint-destructive-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("runbook.md").path
        try """
            # Cleanup

            ## Fix

            ```bash
            sh -c "rm -rf /data"
            ```

            ```bash
            psql app <<SQL
            DROP TABLE sessions;
            SQL
            ```

            ```bash
            kubectl -n prod delete pod web-1
            ```

            ```bash
            echo "rm -rf /"
            kubectl get pods
            ```
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLIRun(["runbook", "lint", "--json", path])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let sections = object?["sections"] as? [[String: Any]] ?? []
        let commands = sections.flatMap { ($0["commands"] as? [[String: Any]]) ?? [] }
        // The last block's two commands are a row each (echo, kubectl get): both safe.
        #expect(commands.map { $0["destructive"] as? Bool } == [true, true, true, false, false])
        #expect(commands.map { $0["destructiveReason"] as? String } == [
            "destructive: rm -rf (inside sh -c)", "destructive: SQL DROP TABLE (psql heredoc)", "destructive: kubectl delete", nil, nil,
        ])
        #expect(commands.last?["destructiveReason"] is NSNull, "a safe command's reason is present and null")
        let warnings = (object?["warnings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(warnings.contains("destructive: kubectl delete in \"Fix\": kubectl -n prod delete pod web-1"), "\(warnings)")

        let text = try CLIRun(["runbook", "lint", path])
        #expect(text.standardOutput.contains("bash: sh -c \"rm -rf /data\"  [destructive: rm -rf (inside sh -c)]"), "\(text.standardOutput)")
    }

    @Test func lintOfAMissingFileFailsWithStatus2() throws {
        let run = try CLIRun(["runbook", "lint", "/nonexistent/runbook.md"])
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("cannot read runbook /nonexistent/runbook.md: No such file or directory"))
    }

    @Test func lintOfADirectoryFailsWithStatus2() throws {
        let run = try CLIRun(["runbook", "lint", Fixtures.directory.path])
        #expect(run.status == 2)
        #expect(run.standardError.contains("it is a directory"))
    }

    @Test func defaultPrintsTheBuiltinRunbook() throws {
        let run = try CLIRun(["runbook", "default"])
        #expect(run.status == 0)
        #expect(run.standardOutput.trimmingCharacters(in: .newlines) == BuiltinRunbook.serviceOutage.trimmingCharacters(in: .newlines))
        #expect(run.standardOutput.hasPrefix("# Service Outage Runbook"))
    }

    /// What `default` prints lints cleanly into the same runbook the built-in one parses to.
    @Test func defaultOutputLintsLikeTheBuiltin() throws {
        let run = try CLIRun(["runbook", "default"])
        let parsed = RunbookParser.parse(text: run.standardOutput)
        #expect(parsed.taskCount == BuiltinRunbook.parsed.taskCount)
        #expect(parsed.taskCount > 0)
    }
}
