import Foundation
import Testing
@testable import TriageApp

/// `vars:` reach runbook commands (a `DOCKER_HOST` pointing elsewhere), so an untrusted
/// `./triage.yaml` with only `vars:` is withheld like one with command checks.
@Suite struct RunbookVarsTrustTests {
    @Test func anUntrustedImplicitConfigWithVarsIsWithheld() throws {
        let directory = NSTemporaryDirectory() + "triage-vars-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "vars:\n  DOCKER_HOST: tcp://elsewhere:2375\n".write(toFile: directory + "/triage.yaml", atomically: true, encoding: .utf8)
        let loaded = try ConfigTrust.load(explicit: nil, stateDirectory: directory + "/state", currentDirectory: directory,
                                          environment: ["HOME": directory])
        #expect(loaded.configuration?.vars["DOCKER_HOST"] == "tcp://elsewhere:2375")
        #expect(loaded.commandsWithheld != nil)
        #expect(loaded.untrustedNotice?.contains("vars: were ignored") == true, "\(loaded.untrustedNotice ?? "nil")")
    }
}
