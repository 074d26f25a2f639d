import Foundation
import Testing
import TriageApp
import TriageCore
import TriageRunbook
import TriageStore

/// `triage incident new/list/show` against a temporary state directory, run as the real binary.
@Suite struct IncidentCommandTests {
    @Test func newListShowRoundTrip() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let new = try CLIRun(["incident", "new", "--title", "Checkout API down", "--severity", "P1", "--commander", "alice", "--state", state.path])
        #expect(new.status == 0, "stderr: \(new.standardError)")
        let id = new.standardOutput.trimmingCharacters(in: .newlines)
        #expect(id.hasPrefix("INC-"), "printed: \(new.standardOutput)")
        #expect(!id.contains("\n"))

        let list = try CLIRun(["incident", "list", "--state", state.path])
        #expect(list.status == 0, "stderr: \(list.standardError)")
        let lines = list.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("ID ") == true)
        #expect(lines.last?.hasPrefix(id + " ") == true)
        for word in ["P1", "Investigating", "Checkout API down", "UTC"] {
            #expect(list.standardOutput.contains(word), "\(word) in \(list.standardOutput)")
        }

        let show = try CLIRun(["incident", "show", id, "--state", state.path])
        #expect(show.status == 0, "stderr: \(show.standardError)")
        #expect(show.standardOutput.hasPrefix("\(id)  Checkout API down\n"))
        #expect(show.standardOutput.contains("Commander:    alice"))
        #expect(show.standardOutput.contains("Service Outage Runbook (builtin:service-outage)"))
        let total = BuiltinRunbook.parsed.allItems.count
        #expect(show.standardOutput.contains("Checklist 0/\(total)"))
        #expect(show.standardOutput.contains("tester: Declared \"Checkout API down\" (P1, Investigating), commander alice"))
        #expect(!show.standardOutput.contains("warning:"))

        // The database as the store sees it: runbook path and the built-in text's hash.
        let store = try IncidentStore(stateDirectory: state.path, mode: .readWrite)
        let incident = try store.incident(id: id)
        #expect(incident.runbookPath == BuiltinRunbook.sourceName)
        #expect(incident.runbookHash == ContentHash.sha256Hex(Array(BuiltinRunbook.serviceOutage.utf8)))
        // A tick made by another process shows in the next `show`.
        let first = try #require(BuiltinRunbook.parsed.sections.first { !$0.items.isEmpty })
        try store.setTick(incidentID: id, itemKey: first.items[0].key, checked: true, actor: "bob", label: first.items[0].text)
        try store.close()

        let after = try CLIRun(["incident", "show", id, "--state", state.path])
        #expect(after.standardOutput.contains("Checklist 1/\(total)"))
        #expect(after.standardOutput.contains("  \(first.title)"))
        #expect(after.standardOutput.contains("1/\(first.items.count)"))
        #expect(after.standardOutput.contains("tick      bob: \(first.items[0].text)"))
    }

    @Test func runbookFileIsStoredWithItsHash() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let path = Fixtures.directory.appendingPathComponent("codexos-service-outages.md").path
        let new = try CLIRun(["incident", "new", "--title", "Search slow", "--severity", "P2", "--runbook", path, "--state", state.path])
        #expect(new.status == 0, "stderr: \(new.standardError)")
        let id = new.standardOutput.trimmingCharacters(in: .newlines)

        let json = try CLIRun(["incident", "list", "--json", "--state", state.path])
        #expect(json.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let array = document?["incidents"] as? [[String: Any]]
        let entry = try #require(array?.first)
        #expect(array?.count == 1)
        #expect(entry["id"] as? String == id)
        #expect(entry["runbookPath"] as? String == path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(entry["runbookHash"] as? String == ContentHash.sha256Hex(bytes))
        #expect(entry["status"] as? String == "investigating")
        #expect(entry["resolvedAt"] is NSNull)

        let show = try CLIRun(["incident", "show", id, "--json", "--state", state.path])
        #expect(show.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any]
        let checklist = object?["checklist"] as? [[String: Any]] ?? []
        #expect(checklist.reduce(0) { $0 + (($1["total"] as? Int) ?? 0) } == 25)
        let events = object?["events"] as? [[String: Any]] ?? []
        #expect(events.count == 1)
        #expect(events.first?["actor"] as? String == "tester")
        #expect((object?["runbook"] as? [String: Any])?["warning"] is NSNull)
    }

    @Test func relativeRunbookPathIsStoredAbsolute() throws {
        let runbooks = try TemporaryDirectory()
        defer { runbooks.remove() }
        let file = (runbooks.path as NSString).appendingPathComponent("mine.md")
        try "# Mine\n\n## Do\n\n- [ ] one\n- [ ] two\n".write(toFile: file, atomically: true, encoding: .utf8)
        let loaded = try IncidentRunbookLoader.loadForNewIncident(path: "mine.md", workingDirectory: runbooks.path)
        #expect(loaded.path == file)
        #expect(loaded.runbook.taskCount == 2)
    }

    @Test func changedAndMissingRunbooksWarn() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = (folder.path as NSString).appendingPathComponent("runbook.md")
        try "# Mine\n\n## Do\n\n- [ ] one\n- [ ] two\n".write(toFile: file, atomically: true, encoding: .utf8)
        let new = try CLIRun(["incident", "new", "--title", "T", "--severity", "P3", "--runbook", file, "--state", state.path])
        let id = new.standardOutput.trimmingCharacters(in: .newlines)
        #expect(new.status == 0)

        try "# Mine\n\n## Do\n\n- [ ] one\n- [ ] two\n- [ ] three\n".write(toFile: file, atomically: true, encoding: .utf8)
        let changed = try CLIRun(["incident", "show", id, "--state", state.path])
        #expect(changed.status == 0)
        #expect(changed.standardOutput.contains("warning: runbook \(file) changed since this incident started"))
        #expect(changed.standardOutput.contains("Checklist 0/3"))

        try FileManager.default.removeItem(atPath: file)
        let missing = try CLIRun(["incident", "show", id, "--state", state.path])
        #expect(missing.status == 0)
        #expect(missing.standardOutput.contains("warning: cannot read runbook \(file): No such file or directory; showing the built-in runbook instead"))
        #expect(missing.standardOutput.contains("Checklist 0/\(BuiltinRunbook.parsed.allItems.count)"))
    }

    @Test func unreadableRunbookRefusesToDeclare() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let run = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--runbook", "/nonexistent.md", "--state", state.path])
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("cannot read runbook /nonexistent.md"))
        #expect(!FileManager.default.fileExists(atPath: StateDirectory.databasePath(inDirectory: state.path)))
    }

    @Test func emptyStateListsNothingAndShowSaysNotFound() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let list = try CLIRun(["incident", "list", "--state", state.path])
        #expect(list.status == 0)
        #expect(list.standardOutput == "No incidents.\n")
        let json = try CLIRun(["incident", "list", "--json", "--state", state.path])
        #expect(json.standardOutput == "{\n  \"incidents\": [],\n  \"schemaVersion\": 1\n}\n")
        let show = try CLIRun(["incident", "show", "INC-1", "--state", state.path])
        #expect(show.status == 1)
        #expect(show.standardError.contains("no incident INC-1"))
        // Listing never creates a database.
        #expect(!FileManager.default.fileExists(atPath: StateDirectory.databasePath(inDirectory: state.path)))
    }

    @Test func unknownIdIsStatus1() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        _ = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--state", state.path])
        let show = try CLIRun(["incident", "show", "INC-19700101-0000", "--state", state.path])
        #expect(show.status == 1)
        #expect(show.standardError == "triage: no incident INC-19700101-0000\n")
    }

    @Test func stateComesFromTheEnvironmentToo() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let new = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1"], environment: ["TRIAGE_STATE": state.path])
        #expect(new.status == 0, "stderr: \(new.standardError)")
        #expect(FileManager.default.fileExists(atPath: StateDirectory.databasePath(inDirectory: state.path)))
    }

    /// A damaged database: every subcommand says so on stderr, exits 2, and leaves the bytes alone.
    @Test func corruptDatabaseIsStatus2AndUntouched() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let path = StateDirectory.databasePath(inDirectory: state.path)
        var garbage = Array("this is not an SQLite database, it is a note someone saved here\n".utf8)
        for i in 0..<8192 { garbage.append(UInt8(truncatingIfNeeded: i &* 31 &+ 7)) }
        try Data(garbage).write(to: URL(fileURLWithPath: path))
        let runs: [[String]] = [
            ["incident", "list", "--state", state.path],
            ["incident", "list", "--json", "--state", state.path],
            ["incident", "show", "INC-1", "--state", state.path],
            ["incident", "new", "--title", "T", "--severity", "P1", "--state", state.path],
        ]
        for arguments in runs {
            let run = try CLIRun(arguments)
            #expect(run.status == 2, "\(arguments): status \(run.status), stderr \(run.standardError)")
            #expect(run.standardOutput.isEmpty, "\(arguments)")
            #expect(run.standardError.hasPrefix("triage: the incident database \(path) is damaged"), "\(arguments): \(run.standardError)")
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == garbage, "\(arguments) changed the file")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: state.path)
        #expect(leftovers == [StateDirectory.databaseFileName], "\(leftovers)")
    }

    /// A valid SQLite header with the rest of the file cut off is damaged too.
    @Test func truncatedDatabaseIsStatus2AndUntouched() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let new = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--state", state.path])
        #expect(new.status == 0)
        let path = StateDirectory.databasePath(inDirectory: state.path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let cut = Array(whole.prefix(whole.count / 2 + 100))
        try Data(cut).write(to: URL(fileURLWithPath: path))
        let run = try CLIRun(["incident", "list", "--state", state.path])
        #expect(run.status == 2, "stderr: \(run.standardError)")
        #expect(run.standardError.contains("damaged"))
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == cut)
    }

    @Test func missingRequiredOptionsAreUsageErrors() throws {
        let run = try CLIRun(["incident", "new", "--title", "T"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("--severity"))
    }
}
