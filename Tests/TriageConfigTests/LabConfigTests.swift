import Foundation
import Testing
import TriageConfig

/// The sample triage.yaml that `scripts/lab.sh up` prints must stay a valid configuration.
@Suite("Lab sample config")
struct LabConfigTests {
    @Test func labSampleConfigParses() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("scripts/lab.sh").path, "config"]
        process.environment = ["PATH": "/usr/bin:/bin", "TRIAGE_LAB_DIR": "/tmp/triage-lab-config-test"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        // `lab.sh config` only prints; it starts nothing.
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let yaml = String(decoding: output, as: UTF8.self)
        let config = try ConfigParser.parse(yaml: yaml, file: "lab.sh config")
        #expect(config.docker.first?.containers == ["lab-*"])
        #expect(config.docker.first.map { "\($0.endpoint)" } == "host(\"unix:///tmp/triage-lab-config-test/podman.sock\")")
        #expect(config.kubernetes.map(\.context) == ["lab", "lab-down"])
        #expect(config.services.map(\.name) == ["backend", "slow"])
        // The Logs pane starts with lines, as in the README: two lab containers and the crashing pod.
        #expect(config.logs.count == 3)
        #expect(config.logs.contains { "\($0)".contains("lab-crashloop") } && config.logs.contains { "\($0)".contains("payments-6b8d-crash") })
    }
}
