import Foundation
import Testing
import TriageTestSupport

/// `triage check --skip host` and `host: {enabled: false}`: a busy host does not decide the exit status.
@Suite("triage check: leaving the host out", .serialized)
struct SkipHostCommandTests {
    @Test func theHostIsShownButNotCounted() async throws {
        let server = try await LoopbackServer.start()
        let directory = try CheckLab.temporaryDirectory("skiphost")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = TriageProcess.cleanEnvironment(home: directory)
        let service = "services:\n  - name: up\n    url: \(server.base)/ok\n"
        let plain = try CheckLab.write(service, "plain.yaml", in: directory)
        let disabled = try CheckLab.write(service + "host:\n  enabled: false\n", "disabled.yaml", in: directory)

        for arguments in [["--config", plain, "--skip", "host"], ["--config", disabled]] {
            let result = try TriageProcess.run(["check"] + arguments + ["--json"], environment: environment, directory: directory)
            let document = try result.json()
            let summary = document["summary"] as? [String: Any]
            // Only the service counts: on a loaded machine the host alone made this exit 1 or 2.
            #expect(summary?["total"] as? Int == 1, "\(arguments): \(String(describing: summary))")
            #expect(summary?["state"] as? String == "ok", "\(arguments): \(String(describing: summary))")
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let host = document["host"] as? [String: Any]
            #expect(host?["counted"] as? Bool == false)
            #expect(host?["state"] is String, "the host is still sampled and shown")
            #expect((summary?["problems"] as? [String])?.contains { $0.hasPrefix("host ") } == false)
        }
        let counted = try TriageProcess.run(["check", "--config", plain, "--json"], environment: environment, directory: directory)
        let countedDocument = try counted.json()
        #expect((countedDocument["summary"] as? [String: Any])?["total"] as? Int == 2)
        #expect((countedDocument["host"] as? [String: Any])?["counted"] == nil)

        let table = try TriageProcess.run(["check", "--config", disabled], environment: environment, directory: directory)
        #expect(table.stdout.contains("(not counted)"), "\(table.stdout)")
        let wrong = try TriageProcess.run(["check", "--config", plain, "--skip", "services"], environment: environment, directory: directory)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--skip"), "\(wrong.stderr)")
        await server.stop()
    }
}
