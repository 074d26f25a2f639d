import Foundation
import Testing
@testable import TriageConfig
import TriageCore

/// `include:` and conf.d: entries of other files join the configuration, relative to the file that
/// names them, and every problem names its own file:line:column.
@Suite("ConfigInclude")
struct ConfigIncludeTests {
    final class Sandbox {
        let root = NSTemporaryDirectory() + "triage-include-\(UUID().uuidString)"
        init() throws {
            try FileManager.default.createDirectory(atPath: root + "/teams/db", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/xdg/triage/conf.d", withIntermediateDirectories: true)
        }
        @discardableResult
        func write(_ relative: String, _ text: String) throws -> String {
            try text.write(toFile: root + "/" + relative, atomically: true, encoding: .utf8)
            return root + "/" + relative
        }
        func load(_ relative: String, directoryFiles: [String] = []) throws(ConfigurationError) -> ConfigAssembler.Assembled {
            let path = root + "/" + relative
            return try ConfigAssembler.load(path: path, contents: FileManager.default.contents(atPath: path) ?? Data(), directoryFiles: directoryFiles)
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    static func issues(_ body: () throws(ConfigurationError) -> ConfigAssembler.Assembled) -> [String] {
        do {
            _ = try body()
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func includedEntriesJoinInOrderRelativeToTheIncludingFile() throws {
        let box = try Sandbox()
        try box.write("triage.yaml", "refresh: 5s\ninclude: [teams/web.yaml, teams/db/main.yaml]\nservices:\n  - {name: api, url: http://127.0.0.1:1/}\n")
        try box.write("teams/web.yaml", "services:\n  - {name: web, url: http://127.0.0.1:2/}\nalertmanager:\n  - {name: web-alerts, url: http://127.0.0.1:3/}\n")
        // Relative to teams/db/, where main.yaml is, not to the top file.
        try box.write("teams/db/main.yaml", "include: more.yaml\nchecks:\n  - {name: pg, run: [pg_isready]}\n")
        try box.write("teams/db/more.yaml", "checks:\n  - {name: redis, run: [redis-cli, ping]}\ndocker:\n  - {context: db}\n")
        let assembled = try box.load("triage.yaml")
        #expect(assembled.configuration.services.map(\.name) == ["api", "web"])
        #expect(assembled.configuration.checks.map(\.name) == ["pg", "redis"])
        #expect(assembled.configuration.alertmanager.map(\.name) == ["web-alerts"])
        #expect(assembled.configuration.docker.count == 1)
        #expect(assembled.configuration.refresh == .seconds(5))
        #expect(assembled.files.map { String($0.dropFirst(box.root.count + 1)) } == ["triage.yaml", "teams/web.yaml", "teams/db/main.yaml", "teams/db/more.yaml"])
    }

    @Test func anErrorInAnIncludedFileNamesThatFileLineAndColumn() throws {
        let box = try Sandbox()
        try box.write("triage.yaml", "include: teams/web.yaml\nservices:\n  - {name: api, url: http://127.0.0.1:1/}\n")
        let web = try box.write("teams/web.yaml", "services:\n  - name: web\n    url: http://127.0.0.1:2/\n    timout: 2s\n")
        let issues = Self.issues { () throws(ConfigurationError) in try box.load("triage.yaml") }
        #expect(issues == ["\(web):4:5: services[0].timout: unknown key \"timout\" (did you mean \"timeout\"?)"], "\(issues)")
        // The main file's own mistakes are its own, and stop there.
        try box.write("triage.yaml", "include: teams/web.yaml\nservices:\n  - {name: api, url: http://127.0.0.1:1/, timeout: 5}\n")
        let own = Self.issues { () throws(ConfigurationError) in try box.load("triage.yaml") }
        #expect(own.count == 1 && own[0].hasPrefix(box.root + "/triage.yaml:3:") && own[0].contains("services[0].timeout"), "\(own)")
    }

    @Test func anIncludedFileOnlyAddsEntries() throws {
        let box = try Sandbox()
        try box.write("triage.yaml", "include: teams/web.yaml\n")
        let web = try box.write("teams/web.yaml", "services: []\nrefresh: 1s\nvars:\n  CONTEXT: prod\n")
        let issues = Self.issues { () throws(ConfigurationError) in try box.load("triage.yaml") }
        #expect(issues.contains { $0.hasPrefix("\(web):2:1: refresh: only the main configuration file sets refresh") }, "\(issues)")
        #expect(issues.contains { $0.hasPrefix("\(web):3:1: vars: only the main configuration file sets vars") }, "\(issues)")
    }

    @Test func aMissingFileACycleAndARepeatAreReportedWhereTheyAreNamed() throws {
        let box = try Sandbox()
        let top = try box.write("triage.yaml", "include:\n  - teams/web.yaml\n  - teams/none.yaml\n  - teams/web.yaml\n")
        let web = try box.write("teams/web.yaml", "include: ../triage.yaml\n")
        let issues = Self.issues { () throws(ConfigurationError) in try box.load("triage.yaml") }
        #expect(issues.contains { $0.hasPrefix("\(top):3:5: include: \(box.root)/teams/none.yaml does not exist") }, "\(issues)")
        #expect(issues.contains { $0.hasPrefix("\(web):1:10: include: \(box.root)/teams/../triage.yaml is already part of the configuration") }, "\(issues)")
        #expect(issues.contains { $0.hasPrefix("\(top):4:5: include: \(box.root)/teams/web.yaml is already part") }, "\(issues)")
    }

    @Test func aNameUsedInTwoFilesIsReportedAtTheRepeat() throws {
        let box = try Sandbox()
        try box.write("triage.yaml", "include: teams/web.yaml\nchecks:\n  - {name: redis, run: [redis-cli, ping]}\n")
        let web = try box.write("teams/web.yaml", "checks:\n  - {name: disk, run: [df]}\n  - name: redis\n    run: [true]\n")
        let issues = Self.issues { () throws(ConfigurationError) in try box.load("triage.yaml") }
        #expect(issues == ["\(web):3:11: checks.name: duplicate name \"redis\": another file of the configuration already uses it; names identify rows"])
    }

    @Test func confDirectoryFilesJoinInNameOrder() throws {
        let box = try Sandbox()
        let environment = ["XDG_CONFIG_HOME": box.root + "/xdg"]
        try box.write("xdg/triage/conf.d/20-db.yaml", "checks:\n  - {name: pg, run: [pg_isready]}\n")
        try box.write("xdg/triage/conf.d/10-web.yaml", "services:\n  - {name: web, url: http://127.0.0.1:2/}\n")
        try box.write("xdg/triage/conf.d/notes.txt", "not yaml")
        try box.write("xdg/triage/conf.d/.hidden.yaml", "refresh: 1s\n")
        let files = ConfigLocator.confDirectoryFiles(environment: environment)
        #expect(files == [box.root + "/xdg/triage/conf.d/10-web.yaml", box.root + "/xdg/triage/conf.d/20-db.yaml"])
        try box.write("xdg/triage/config.yaml", "services:\n  - {name: api, url: http://127.0.0.1:1/}\n")
        let assembled = try box.load("xdg/triage/config.yaml", directoryFiles: files)
        #expect(assembled.configuration.services.map(\.name) == ["api", "web"])
        #expect(assembled.configuration.checks.map(\.name) == ["pg"])
        let alone = try ConfigAssembler.load(directoryFiles: files, directory: box.root + "/xdg/triage/conf.d")
        #expect(alone.configuration.services.map(\.name) == ["web"])
        #expect(ConfigLocator.confDirectoryFiles(environment: ["XDG_CONFIG_HOME": box.root + "/nowhere"]).isEmpty)
    }

    /// What `triage trust` records: the main file's own hash while it includes nothing (so existing
    /// trust stays valid), and a hash that changes with any included file's contents.
    @Test func theContentHashCoversEveryIncludedFile() throws {
        let box = try Sandbox()
        let top = try box.write("triage.yaml", "checks:\n  - {name: a, run: [true]}\n")
        let alone = try box.load("triage.yaml").contentHash
        #expect(alone == ContentHash.sha256Hex(Array(try Data(contentsOf: URL(fileURLWithPath: top)))))
        try box.write("triage.yaml", "include: teams/web.yaml\nchecks:\n  - {name: a, run: [true]}\n")
        try box.write("teams/web.yaml", "checks:\n  - {name: b, run: [true]}\n")
        let first = try box.load("triage.yaml").contentHash
        try box.write("teams/web.yaml", "checks:\n  - {name: b, run: [rm, -rf, /tmp/x]}\n")
        let edited = try box.load("triage.yaml").contentHash
        #expect(first != alone && edited != first)
    }
}
