import Foundation
import Testing
import TriageCore
@testable import TriageApp

/// The pure parts of `triage check`: JSON text, entry invariants, exit statuses, table sanitizing.
@Suite("CheckReport: JSON, states, table")
struct CheckReportTests {
    @Test(arguments: [
        (HealthState.ok, TriageCore.ExitStatus.ok), (.unknown, .warningOrNotFound), (.warn, .warningOrNotFound), (.crit, .failure),
    ])
    func exitStatusOfEachState(state: HealthState, status: TriageCore.ExitStatus) {
        #expect(CheckReport.exitStatus(for: state) == status)
    }

    @Test func jsonTextEscapesEveryControlCharacterAndParsesBack() throws {
        let hostile = "a\"b\\c\nd\u{1B}[31me\u{07}\u{7F}\u{85}\u{2028}日本"
        let value = JSONValue.object([
            JSONField("name", .string(hostile)), JSONField("n", .number(.nan)), JSONField("i", .int(nil)),
            JSONField("d", .double(0.07)), JSONField("w", .double(3)), JSONField("list", .array([.bool(true), .null])),
            JSONField("empty", .object([])),
        ])
        let text = value.serialized()
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || $0.value == 0x85 || $0.value == 0x2028 })
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["name"] as? String == hostile)
        #expect(parsed["n"] is NSNull && parsed["i"] is NSNull)
        #expect(parsed["d"] as? Double == 0.07)
        #expect(parsed["w"] as? Int == 3)
        #expect(text.contains("\"w\": 3,"))
        // Keys stay in the order they were given.
        #expect(text.range(of: "\"name\"")!.lowerBound < text.range(of: "\"empty\"")!.lowerBound)
    }

    @Test func anEntryHasAReasonExactlyWhenItIsNotOk() {
        #expect(CheckEntry(name: "a", state: .ok, reason: "fine").reason == nil)
        #expect(CheckEntry(name: "a", state: .warn, reason: "  ").reason == "state warn, no reason reported")
        #expect(CheckEntry(name: "a", state: .crit, reason: "down").json["reason"] == .string("down"))
        #expect(CheckEntry(name: "a", state: .ok, reason: nil).json["reason"] == nil)
    }

    @Test func theTableShowsOutsideTextAsPicturesNeverAsControls() {
        let host = HostSnapshot(time: Date(), hostname: "h\u{1B}]0;x\u{07}", disks: [], memory: nil, load: nil, cpuCount: 2, cpuPercent: nil)
        let evil = ContainerInfo(host: "local", containerID: "0123456789ab", name: "web\u{1B}[2J\u{202E}", state: .exited,
                                 statusText: "Exited (3) 1 second ago", exitCode: 3)
        let round = CheckRound(
            startedAt: Date(), finishedAt: Date(),
            docker: [.init(target: .init(endpoint: .cliDefault), containers: [evil], failure: nil)], host: host)
        let report = CheckReport(round: round, plan: CheckPlan())
        let table = CheckTableRenderer.render(report)
        #expect(!table.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x202E })
        #expect(table.contains("web␛[2J<RLO>"), "\(table)")
        #expect(table.contains("CRIT") && table.contains("exited 3"))
        #expect(report.containers.first?.state == .crit)
        #expect(report.exitStatus == .failure)
        #expect(report.problems.first == "container local/web\u{1B}[2J\u{202E}: exited 3")
    }
}
