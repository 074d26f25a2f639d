import Foundation
import Testing
@testable import TriageConfig

@Suite("ConfigLocator")
struct ConfigLocatorTests {
    final class Sandbox {
        let root = NSTemporaryDirectory() + "triage-config-\(UUID().uuidString)"
        init() throws {
            try FileManager.default.createDirectory(atPath: root + "/work", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/xdg/triage", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/home/.config/triage", withIntermediateDirectories: true)
        }
        func write(_ relative: String, _ text: String) throws {
            try text.write(toFile: root + "/" + relative, atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func orderIsFlagThenWorkingDirectoryThenXDG() throws {
        let box = try Sandbox()
        let env = ["XDG_CONFIG_HOME": box.root + "/xdg", "HOME": box.root + "/home"]
        let work = box.root + "/work"
        #expect(try ConfigLocator.locate(explicit: nil, currentDirectory: work, environment: env) == .none)
        try box.write("home/.config/triage/config.yaml", "refresh: 1s\n")
        #expect(try ConfigLocator.locate(explicit: nil, currentDirectory: work, environment: env) == .none, "XDG_CONFIG_HOME wins over ~/.config")
        #expect(try ConfigLocator.locate(explicit: nil, currentDirectory: work, environment: ["HOME": box.root + "/home"])
            == .file(path: box.root + "/home/.config/triage/config.yaml", origin: .userConfig))
        try box.write("xdg/triage/config.yaml", "refresh: 3s\n")
        #expect(try ConfigLocator.locate(explicit: nil, currentDirectory: work, environment: env)
            == .file(path: box.root + "/xdg/triage/config.yaml", origin: .userConfig))
        try box.write("work/triage.yaml", "refresh: 4s\n")
        #expect(try ConfigLocator.locate(explicit: nil, currentDirectory: work, environment: env)
            == .file(path: work + "/triage.yaml", origin: .workingDirectory))
        try box.write("other.yaml", "refresh: 5s\n")
        #expect(try ConfigLocator.locate(explicit: box.root + "/other.yaml", currentDirectory: work, environment: env)
            == .file(path: box.root + "/other.yaml", origin: .commandLine))
        let loaded = try ConfigLocator.loadConfiguration(explicit: nil, currentDirectory: work, environment: env)
        #expect(loaded?.refresh == .seconds(4))
    }

    @Test func missingExplicitFileIsAnError() throws {
        let box = try Sandbox()
        try box.write("work/triage.yaml", "refresh: 4s\n")
        let missing = box.root + "/nope.yaml"
        #expect(throws: ConfigurationError(file: missing, message: "no such file (given with --config)")) {
            try ConfigLocator.locate(explicit: missing, currentDirectory: box.root + "/work", environment: [:])
        }
    }

    @Test func relativeXDGIsIgnored() {
        #expect(ConfigLocator.userConfigPath(environment: ["XDG_CONFIG_HOME": "cfg", "HOME": "/h"]) == "/h/.config/triage/config.yaml")
        #expect(ConfigLocator.userConfigPath(environment: [:]) == nil)
    }

    @Test func loadResolvesRelativePathsAgainstTheFile() throws {
        let box = try Sandbox()
        try box.write("work/triage.yaml", "runbook: books/db.md\nstate: /abs/state.sqlite\nlogs:\n  - file: app.log\n")
        let config = try ConfigParser.load(path: box.root + "/work/triage.yaml")
        #expect(config.runbook == box.root + "/work/books/db.md")
        #expect(config.state == "/abs/state.sqlite")
        #expect(config.logs == [.file(path: box.root + "/work/app.log")])
        #expect(config.sourcePath == box.root + "/work/triage.yaml")
    }

    @Test func errorsNameTheFileAsGiven() throws {
        let box = try Sandbox()
        try box.write("work/triage.yaml", "services:\n  - name: a\n    url: http://h/\n    timeout: 5\n")
        do {
            _ = try ConfigLocator.loadConfiguration(explicit: nil, currentDirectory: box.root + "/work", environment: [:])
            Issue.record("accepted a bare number")
        } catch {
            #expect(error.description == "\(box.root)/work/triage.yaml:4:14: services[0].timeout: invalid duration \"5\": use a number with a unit, e.g. 500ms, 2s, 1m, 1h")
        }
    }
}

@Suite("ConfigTemplate")
struct ConfigTemplateTests {
    @Test func nothingFoundStillParses() throws {
        let text = ConfigTemplate.render(discovered: .init())
        let config = try ConfigParser.parse(yaml: text, file: "triage.yaml")
        #expect(config.configuresNothing)
        #expect(text.contains("#  - name: backend"))
        #expect(text.contains("No docker engine answered"))
    }

    @Test func discoveredEnginesAndContextAreActive() throws {
        let text = ConfigTemplate.render(discovered: .init(
            dockerEndpoints: [.default, .host("unix:///tmp/lab.sock"), .context("my ctx")], dockerContainers: ["web", "db"],
            kubernetesContext: "kind-lab", kubernetesNamespaces: ["default", "payments"]))
        let config = try ConfigParser.parse(yaml: text, file: "triage.yaml")
        #expect(config.docker == [DockerTarget(), DockerTarget(endpoint: .host("unix:///tmp/lab.sock")), DockerTarget(endpoint: .context("my ctx"))])
        #expect(config.kubernetes == [KubernetesTarget(context: "kind-lab")])
        #expect(text.contains("containers seen: web, db"))
        #expect(text.contains("namespaces seen: default, payments"))
    }
}
