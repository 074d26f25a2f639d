import Foundation
import Testing
import TriageCore
import TriageStore

/// What a person's terminal receives from the real binary when outside text carries controls:
/// every `--json` output escapes them (and still parses back to the exact text), and a config
/// error on stderr shows them as pictures, one line per problem.
@Suite struct ControlCharacterOutputTests {
    /// 8-bit CSI, OSC and ST, RLO, an OSC 0 title with ESC and BEL, LRI; then `/` and an emoji,
    /// which are left as they are.
    static let hostile = "A\u{9B}31mB\u{9D}0;X\u{9C}C\u{202E}D\u{1B}]0;T\u{07}E\u{2066}F/G \u{1F600}"
    static let raw: [Unicode.Scalar] = ["\u{9B}", "\u{9D}", "\u{9C}", "\u{202E}", "\u{1B}", "\u{07}", "\u{2066}"]

    /// None of the hostile scalars, and no other control but newline and tab, in `output`.
    static func expectNoRawControl(_ output: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for scalar in raw {
            #expect(!output.unicodeScalars.contains(scalar), "\(label): raw U+\(String(scalar.value, radix: 16))", sourceLocation: sourceLocation)
        }
        #expect(!output.unicodeScalars.contains(where: TerminalControl.isActiveInText), "\(label): \(output.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func incidentListAndShowJSONEscapeATitlesControlsAndParseBackToIt() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let new = try CLIRun(["incident", "new", "--title", Self.hostile, "--severity", "P1", "--state", state.path])
        #expect(new.status == 0, "stderr: \(new.standardError)")
        let id = new.standardOutput.trimmingCharacters(in: .newlines)

        let list = try CLIRun(["incident", "list", "--json", "--state", state.path])
        #expect(list.status == 0, "stderr: \(list.standardError)")
        Self.expectNoRawControl(list.standardOutput, "incident list --json")
        #expect(list.standardOutput.contains("\\u009b") && list.standardOutput.contains("\\u202e") && list.standardOutput.contains("\\u001b"))
        #expect(list.standardOutput.contains("F/G \u{1F600}"), "`/` and the emoji are written as they are")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any])
        let array = try #require(listed["incidents"] as? [[String: Any]])
        #expect(array.first?["title"] as? String == Self.hostile)

        let show = try CLIRun(["incident", "show", id, "--json", "--state", state.path])
        #expect(show.status == 0, "stderr: \(show.standardError)")
        Self.expectNoRawControl(show.standardOutput, "incident show --json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any])
        #expect((object["incident"] as? [String: Any])?["title"] as? String == Self.hostile)
        let declared = (object["events"] as? [[String: Any]])?.last?["text"] as? String
        #expect(declared?.contains(Self.hostile) == true, "\(String(describing: declared))")

        // The text forms show the controls as pictures.
        for arguments in [["incident", "list"], ["incident", "show", id]] {
            let text = try CLIRun(arguments + ["--state", state.path])
            Self.expectNoRawControl(text.standardOutput, arguments.joined(separator: " "))
        }
    }

    @Test func checkJSONEscapesAHostileServiceName() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // YAML's double-quoted escapes produce the raw characters in the name.
        let config = directory.path + "/triage.yaml"
        try #"""
            services:
              - name: "A\x9b31mB\x9d0;X\x9cC\u202eD\e]0;T\aE\u2066F/G \U0001F600"
                url: http://127.0.0.1:1/health
            """#.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try CLIRun(["check", "--config", config, "--json", "--timeout", "5s"])
        #expect(run.status == 2, "stderr: \(run.standardError)")
        Self.expectNoRawControl(run.standardOutput, "check --json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let names = (document["services"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == [Self.hostile])

        let table = try CLIRun(["check", "--config", config, "--timeout", "5s"])
        Self.expectNoRawControl(table.standardOutput, "check table")
        #expect(table.standardOutput.contains("␛]0;T"), "\(table.standardOutput)")
    }

    @Test func runbookLintJSONEscapesAHostileTitle() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/hostile.md"
        try "# \(Self.hostile)\n\n## Steps\n\n- [ ] item \u{9B}2J\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLIRun(["runbook", "lint", path, "--json"])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        Self.expectNoRawControl(run.standardOutput, "runbook lint --json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["title"] as? String == Self.hostile)

        let text = try CLIRun(["runbook", "lint", path])
        Self.expectNoRawControl(text.standardOutput, "runbook lint")
    }

    /// An OSC 52 clipboard write and a newline in a config value: the error on stderr shows the
    /// sequence as pictures, and the newline cannot start a forged line.
    @Test func aConfigErrorQuotingAnEscapeAndANewlineStaysOneVisibleLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = directory.path + "/triage.yaml"
        try #"""
            services:
              - name: api
                url: "\e]52;c;aGVsbG8=\a\ntriage: forged.yaml:1:1: all is well"
              - name: "web\u009b2J"
                url: http://127.0.0.1:1/
                timeout: "soon\e[2J\nforged"
            """#.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try CLIRun(["check", "--config", config])
        #expect(run.status == 3, "stderr: \(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        let stderr = run.standardError
        #expect(!stderr.unicodeScalars.contains("\u{1B}") && !stderr.unicodeScalars.contains("\u{07}"), "\(stderr.debugDescription)")
        #expect(!stderr.unicodeScalars.contains(where: TerminalControl.isActiveInText), "\(stderr.debugDescription)")
        // Two problems, two lines, each starting with the file's own position.
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2, "\(stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix(config + ":") }, "\(stderr)")
        #expect(!stderr.contains("\ntriage: forged"))
        #expect(stderr.contains("␛]52;c;aGVsbG8=␤triage: forged.yaml"), "\(stderr)")
    }

    /// Two keys given twice: both are reported, each at the line and column of its repeat.
    @Test func everyDuplicateKeyIsReportedAtItsOwnPlace() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = directory.path + "/triage.yaml"
        try "refresh: 2s\nservices:\n  - name: a\n    url: http://127.0.0.1:1/\n    name: b\nrefresh: 3s\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let run = try CLIRun(["check", "--config", config])
        #expect(run.status == 3)
        #expect(run.standardError == """
            \(config):5:5: services[0].name: duplicate key "name" (first at line 3); only one may be given
            \(config):6:1: refresh: duplicate key "refresh" (first at line 1); only one may be given

            """, "\(run.standardError)")
    }
}
