import Foundation
import Testing
@testable import TriageApp

/// A notifier is a command the file chooses: an untrusted implicit `./triage.yaml` runs none (its
/// `notify:` entries never reach the dashboard), the notice says so, and trust lets them run.
@Suite struct NotifierTrustTests {
    @Test func anUntrustedImplicitConfigRunsNoNotifierUntilTrusted() throws {
        let directory = NSTemporaryDirectory() + "triage-notify-trust-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/triage.yaml"
        try "notify:\n  - name: chat\n    run: [touch, \(directory)/told]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let state = directory + "/state"
        func load(explicit: String? = nil) throws -> LoadedConfiguration {
            try ConfigTrust.load(explicit: explicit, stateDirectory: state, currentDirectory: directory, environment: ["HOME": directory])
        }

        let untrusted = try load()
        #expect(untrusted.configuration?.notifiers.count == 1)
        #expect(untrusted.notifiers.isEmpty, "an untrusted ./triage.yaml's notifier would run")
        #expect(untrusted.untrustedNotice?.contains("its 1 notifier will not run") == true, "\(untrusted.untrustedNotice ?? "nil")")

        // Named with --config, the file is the person's own choice.
        #expect(try load(explicit: path).notifiers.map(\.name) == ["chat"])

        let trust = try TriageProcess.run(["trust", path, "--state", state], environment: TriageProcess.cleanEnvironment(home: directory),
                                          directory: directory, limit: .seconds(30))
        #expect(trust.status == 0, "\(trust.stderr)")
        #expect(trust.stdout.contains("its notifiers will run on incident events:\n  chat: touch \(directory)/told"), "\(trust.stdout)")
        #expect(try load().notifiers.map(\.name) == ["chat"])
    }
}
