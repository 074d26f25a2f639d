import Foundation
import Testing

/// `triage doctor` run as the real binary with a controlled environment (`env -i`, argv only):
/// what it says about a machine lacking docker and kubectl with a read-only state directory, and
/// about one that has what triage needs.
@Suite(.serialized) struct DoctorEndToEndTests {
    let binary = TmuxSession.triageBinary

    /// Runs `triage doctor arguments…` under exactly `environment`; the exit status and stdout.
    func doctor(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let run = try spawnAndWait("/usr/bin/env", ["-i"] + assignments + [binary, "doctor"] + arguments, captureOutput: true)
        let exited = run.status & 0x7f == 0
        return (exited ? (run.status >> 8) & 0xff : 128 + (run.status & 0x7f), run.output)
    }

    func scratchDirectory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "triage-e2e-doctor-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The lines of the text report for one section and subject (advice lines excluded).
    func lines(_ output: String, section: String, subject: String) -> [Substring] {
        output.split(separator: "\n").filter { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            return words.count >= 3 && words[1] == section && words[2] == subject
        }
    }

    @Test func missingDockerAndKubectlWarnAndAReadOnlyStateDirectoryFails() throws {
        // Large enough that free space is no finding of its own (tmpfs takes memory only as it is written).
        guard let disk = try Tmpfs.mount(size: "300m") else { return }
        defer { disk.unmount() }
        let state = disk.path + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try disk.remount(readOnly: true)
        // A PATH holding curl and nothing else triage looks for.
        let bin = try scratchDirectory("bin")
        defer { try? FileManager.default.removeItem(atPath: bin) }
        try FileManager.default.createSymbolicLink(atPath: bin + "/curl", withDestinationPath: "/usr/bin/curl")

        let result = try doctor(["--state", state], environment: [
            "PATH": bin, "HOME": bin, "TERM": "xterm-256color", "LANG": "C.UTF-8", "XDG_CONFIG_HOME": bin,
        ])
        #expect(result.status == 2, "\(result.output)")
        for tool in ["docker", "kubectl"] {
            let found = lines(result.output, section: "tools", subject: tool)
            #expect(found.count == 1 && found[0].hasPrefix("warn") && found[0].contains("\(tool) not found on PATH"), "\(result.output)")
        }
        let curl = lines(result.output, section: "tools", subject: "curl")
        #expect(curl.count == 1 && curl[0].hasPrefix("ok"), "\(result.output)")
        let directory = lines(result.output, section: "state", subject: "directory")
        #expect(directory.count == 1 && directory[0].hasPrefix("fail") && directory[0].contains("not writable")
                && directory[0].contains("Read-only file system"), "\(result.output)")
        #expect(result.output.contains("→ pass --state DIR or set TRIAGE_STATE"), "\(result.output)")
        #expect(result.output.split(separator: "\n").last?.hasPrefix("1 failed, ") == true, "\(result.output)")
    }

    @Test func aMachineWithWhatTriageNeedsPassesInTextAndJSON() throws {
        let home = try scratchDirectory("home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let config = home + "/triage.yaml"
        try """
            services:
              - name: api
                url: http://127.0.0.1:9/health
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": home + "/config",
        ]
        let text = try doctor(["--state", home + "/state", "--config", config, "--timeout", "2s"], environment: environment)
        #expect(text.status == 0, "\(text.output)")
        #expect(!text.output.split(separator: "\n").contains { $0.hasPrefix("fail") }, "\(text.output)")
        for (section, subject) in [("terminal", "TERM"), ("terminal", "colours"), ("terminal", "locale"), ("tools", "curl"),
                                   ("state", "directory"), ("state", "database"), ("config", "file")] {
            let found = lines(text.output, section: section, subject: subject)
            #expect(found.count == 1 && found[0].hasPrefix("ok"), "\(section) \(subject): \(text.output)")
        }
        #expect(lines(text.output, section: "config", subject: "file").first?.contains(config) == true)
        // Read-only: the state directory was not created.
        #expect(!FileManager.default.fileExists(atPath: home + "/state"))

        let json = try doctor(["--state", home + "/state", "--config", config, "--timeout", "2s", "--json"], environment: environment)
        #expect(json.status == 0, "\(json.output)")
        let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(document?["schemaVersion"] as? Int == 1)
        #expect(["ok", "warn"].contains(document?["status"] as? String ?? ""), "\(json.output)")
        let checks = document?["checks"] as? [[String: Any]] ?? []
        #expect(checks.contains { $0["subject"] as? String == "curl" && $0["level"] as? String == "ok" }, "\(json.output)")
        let verdicts = text.output.split(separator: "\n").filter { $0.hasPrefix("ok  ") || $0.hasPrefix("warn") || $0.hasPrefix("fail") }
        #expect(checks.count == verdicts.count, "\(json.output)")
    }
}
