import Foundation
import Testing
import TriageConfig

/// `scripts/soak.sh` is run by hand (it takes 10 minutes), so the suite checks what it can without
/// running it: the script parses as bash, and the triage.yaml it gives triage is valid and puts every
/// load of the soak in front of triage.
@Suite("Soak script")
struct SoakConfigTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let script = root.appendingPathComponent("scripts/soak.sh").path

    private func bash(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func soakScriptIsValidBash() throws {
        #expect(try bash(["-n", Self.script]).status == 0)
    }

    @Test func soakConfigParsesAndFollowsEveryLoad() throws {
        // `soak.sh config` only prints; it starts nothing.
        let lab = "/tmp/triage-soak-config-test"
        let (status, yaml) = try bash([Self.script, "config"],
                                      environment: ["TRIAGE_LAB_DIR": lab, "LAB_FLAP_PORT": "18003", "LAB_BACKEND_PORT": "18004"])
        #expect(status == 0)
        let config = try ConfigParser.parse(yaml: yaml, file: "soak.sh config")
        #expect(config.services.map(\.name) == ["flapping", "backend"])
        #expect(config.services.map(\.url) == ["http://127.0.0.1:18003/health", "http://127.0.0.1:18004/health"])
        #expect(config.kubernetes.map(\.context) == ["soak", "soak-hang"])
        let host = DockerTarget.Endpoint.host("unix://\(lab)/podman.sock")
        #expect(config.docker.map(\.endpoint) == [host])
        let prefix = try #require(config.docker.first?.containers.first).dropLast(1)  // "triage-soak-PID-*"
        #expect(prefix.hasPrefix("triage-soak-"))
        // Under load: the firehose's and the restarter's docker logs -f, a rotated file, a pod's kubectl logs -f.
        #expect(config.logs == [
            .docker(container: prefix + "firehose", endpoint: host),
            .docker(container: prefix + "restarter", endpoint: host),
            .file(path: lab + "/app.log"),
            .kubectl(target: "pod/checkout-7d9f8b6c5-x2x9q", context: "soak", namespace: "shop", selector: nil),
        ])
    }
}
