import Foundation
import Testing

/// `triage check` against a `docker` on PATH that exits 0 and prints no JSON: the engine is UNKNOWN
/// with what it printed, and the exit status says something could not be checked. It used to read
/// "0 containers, ok". The stand-in CLI is the point: the malformed output is what is under test.
@Suite struct DockerNotJSONCheckTests {
    @Test func aDockerPrintingNoJSONIsUnknownWithTheReason() throws {
        let directory = NSTemporaryDirectory() + "triage-check-docker-garbage-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory + "/bin", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fake = directory + "/bin/docker"
        try "#!/bin/sh\necho 'docker: this is not the engine you are looking for'\nexit 0\n".write(toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)
        try "docker:\n  - {}\n".write(toFile: directory + "/checked.yaml", atomically: true, encoding: .utf8)
        var environment = TriageProcess.cleanEnvironment(home: directory)
        environment["PATH"] = directory + "/bin:/usr/bin:/bin"
        environment["TRIAGE_STATE"] = directory + "/state"

        let result = try TriageProcess.run(["check", "--json", "--config", "checked.yaml", "--timeout", "5s"], environment: environment, directory: directory)
        let document = try result.json()
        CheckJSON.expectWellFormed(document)
        let reason = #"docker ps output is not JSON: "docker: this is not the engine you are looking for""#
        let source = CheckJSON.entries(document, "sources").first { $0["kind"] as? String == "docker" }
        let containers = CheckJSON.entries(document, "containers")
        #expect(containers.count == 1 && containers.first?["state"] as? String == "unknown", "\(containers)")
        #expect(containers.first?["reason"] as? String == reason)
        #expect(source?["state"] as? String == "unknown", "\(String(describing: document["sources"]))")
        #expect(result.status == CheckJSON.expectedExit(worst: "unknown", document: document) && result.status >= 1)

        let table = try TriageProcess.run(["check", "--config", "checked.yaml", "--timeout", "5s"], environment: environment, directory: directory)
        #expect(table.stdout.contains(reason), "table:\n\(table.stdout)")
    }
}
