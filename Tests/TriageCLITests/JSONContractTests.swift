import Foundation
import Testing

/// Every `--json` output against docs/JSON.md, from the real binary: the key tables are read from
/// the doc, so the doc and the outputs cannot drift apart. Each output must have an integer
/// `schemaVersion` equal to the one the doc names, only documented keys, every documented
/// top-level key, and camelCase keys (except inside a documented *map*).
@Suite("JSONContract") struct JSONContractTests {
    @Test func checkMatchesTheDoc() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let config = scratch.path + "/triage.yaml"
        // Loopback port 1 refuses at once: the service, the query and the docker host fail fast,
        // which still yields every list's entries; the command check runs.
        try """
            services:
              - {name: api, url: "http://127.0.0.1:1/", timeout: 2s}
            checks:
              - {name: truthy, run: [true]}
            prometheus:
              - {name: up, url: "http://127.0.0.1:1", query: up, timeout: 2s}
            docker:
              - {host: "tcp://127.0.0.1:1"}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try CLIRun(
            ["check", "--json", "--config", config, "--timeout", "5s", "--skip", "host"],
            environment: ["XDG_STATE_HOME": scratch.path, "XDG_CONFIG_HOME": scratch.path])
        try Self.expectContract(run, section: "triage check --json")
    }

    @Test func doctorMatchesTheDoc() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let run = try CLIRun(
            ["doctor", "--json", "--state", scratch.path, "--timeout", "2s"],
            environment: ["XDG_CONFIG_HOME": scratch.path, "TERM": "xterm-256color"])
        try Self.expectContract(run, section: "triage doctor --json", statuses: [0, 2])
    }

    @Test func incidentListAndShowMatchTheDoc() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let new = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--state", state.path])
        #expect(new.status == 0, "stderr: \(new.standardError)")
        let id = new.standardOutput.trimmingCharacters(in: .newlines)
        try Self.expectContract(
            try CLIRun(["incident", "list", "--json", "--state", state.path]), section: "triage incident list --json")
        try Self.expectContract(
            try CLIRun(["incident", "show", id, "--json", "--state", state.path]), section: "triage incident show ID --json")
    }

    @Test(arguments: Fixtures.runbooks)
    func runbookLintMatchesTheDoc(runbook: String) throws {
        try Self.expectContract(try CLIRun(["runbook", "lint", runbook, "--json"]), section: "triage runbook lint FILE --json")
    }

    @Test(arguments: ["status", "resolution", "timeline"])
    func exportMatchesTheDoc(kind: String) throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let runbook = try #require(Fixtures.runbooks.first)
        let new = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--runbook", runbook, "--state", state.path])
        #expect(new.status == 0, "stderr: \(new.standardError)")
        // A first status update, so the second has a `previousUpdate`.
        _ = try CLIRun(["export", "status", "--state", state.path])
        try Self.expectContract(
            try CLIRun(["export", kind, "--format", "json", "--state", state.path]),
            section: "triage export \(kind) --format json")
    }

    /// The doc's own claims hold: every section the tests use exists, and each names its version.
    @Test func everySectionOfTheDocIsTested() throws {
        let sections = try JSONContractDoc.load().sections
        #expect(Set(sections.keys) == [
            "triage check --json", "triage doctor --json", "triage incident list --json", "triage incident show ID --json",
            "triage runbook lint FILE --json", "triage export status --format json",
            "triage export resolution --format json", "triage export timeline --format json",
        ])
        for (name, section) in sections {
            #expect(section.schemaVersion != nil, "\(name): no `schemaVersion` **N** in docs/JSON.md")
            #expect(section.keys.contains("schemaVersion"), "\(name): no schemaVersion row")
        }
    }

    // MARK: Checking one output

    static func expectContract(
        _ run: CLIRun, section name: String, statuses: Set<Int32> = [0, 1, 2],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(statuses.contains(run.status), "\(name): status \(run.status), stderr \(run.standardError)", sourceLocation: sourceLocation)
        let section = try #require(try JSONContractDoc.load().sections[name], "docs/JSON.md has no section for \(name)", sourceLocation: sourceLocation)
        let parsed = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
        let document = try #require(parsed as? [String: Any], "\(name): not a JSON object", sourceLocation: sourceLocation)
        // An integer in the text itself: JSONSerialization would read 2.0 or true as a number too.
        let version = run.standardOutput.firstMatch(of: /\n  "schemaVersion": ([0-9]+)[,\n]/).flatMap { Int($0.1) }
        #expect(version != nil, "\(name): no integer schemaVersion at the top level", sourceLocation: sourceLocation)
        #expect(version == section.schemaVersion, "\(name): schemaVersion \(String(describing: version)), the doc says \(String(describing: section.schemaVersion))", sourceLocation: sourceLocation)

        var paths: Set<String> = []
        var badKeys: Set<String> = []
        collect(document, prefix: "", maps: section.maps, into: &paths, badKeys: &badKeys)
        let undocumented = paths.subtracting(section.keys)
        #expect(undocumented.isEmpty, "\(name): keys not in docs/JSON.md: \(undocumented.sorted())", sourceLocation: sourceLocation)
        #expect(badKeys.isEmpty, "\(name): keys not camelCase: \(badKeys.sorted())", sourceLocation: sourceLocation)
        let missing = section.topLevelKeys.subtracting(document.keys)
        #expect(missing.isEmpty, "\(name): documented top-level keys missing: \(missing.sorted())", sourceLocation: sourceLocation)
    }

    /// Every key path of `value` (`a.b`, `a[].b`), not descending into documented maps.
    static func collect(_ value: Any, prefix: String, maps: Set<String>, into paths: inout Set<String>, badKeys: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                let path = prefix.isEmpty ? key : prefix + "." + key
                paths.insert(path)
                if key.wholeMatch(of: /[a-z][a-zA-Z0-9]*/) == nil { badKeys.insert(path) }
                if !maps.contains(path) { collect(child, prefix: path, maps: maps, into: &paths, badKeys: &badKeys) }
            }
        } else if let array = value as? [Any] {
            for element in array { collect(element, prefix: prefix + "[]", maps: maps, into: &paths, badKeys: &badKeys) }
        }
    }
}

/// docs/JSON.md's key tables: per `## \`triage …\`` section, the key paths of its table's first
/// column (several per cell allowed), which of them are maps, and the `schemaVersion` **N** it names.
struct JSONContractDoc {
    struct Section {
        var keys: Set<String> = []
        var maps: Set<String> = []
        var schemaVersion: Int?
        var topLevelKeys: Set<String> { keys.filter { !$0.contains(".") && !$0.contains("[") } }
    }

    var sections: [String: Section] = [:]

    static func load(sourceFile: String = #filePath) throws -> JSONContractDoc {
        let path = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/JSON.md").path
        return parse(try String(contentsOfFile: path, encoding: .utf8))
    }

    static func parse(_ text: String) -> JSONContractDoc {
        var doc = JSONContractDoc()
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let heading = line.wholeMatch(of: /## `(triage [^`]+)`/) {
                current = String(heading.1)
                doc.sections[String(heading.1)] = Section()
                continue
            }
            guard let name = current else { continue }
            if doc.sections[name]?.schemaVersion == nil, let version = line.firstMatch(of: /`schemaVersion` \*\*([0-9]+)\*\*/) {
                doc.sections[name]?.schemaVersion = Int(version.1)
            }
            guard line.hasPrefix("| `") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            for key in cells[1].matches(of: /`([^`]+)`/).map({ String($0.1) }) {
                doc.sections[name]?.keys.insert(key)
                if cells[2].hasPrefix("map") { doc.sections[name]?.maps.insert(key) }
            }
        }
        return doc
    }
}
