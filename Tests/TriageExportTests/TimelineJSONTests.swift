import Foundation
import Testing
import TriageCore
@testable import TriageExport

/// The timeline JSON's documented shape: `{schemaVersion, incidentID, events}`, the events an array
/// of `{time, actor, kind, text}`, oldest first.
@Suite struct TimelineJSONTests {
    @Test func schema() throws {
        let input = ScriptedIncident.input(runbook: nil, resolved: true)
        let text = TimelineExport.render(input, format: .json)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["schemaVersion"] as? Int == 1)
        #expect(parsed["incidentID"] as? String == input.incident.id)
        let array = try #require(parsed["events"] as? [[String: Any]])
        #expect(array.count == ScriptedIncident.events(resolved: true).count)
        let kinds = Set(TimelineKind.allCases.map(\.rawValue))
        #expect(kinds == ["tick", "untick", "note", "severity", "status", "commander", "ack", "probe", "command", "timer", "export", "notify"])
        var previous = ""
        for object in array {
            #expect(Set(object.keys) == ["time", "actor", "kind", "text"])
            let time = try #require(object["time"] as? String)
            #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil, "\(time) is not RFC 3339 UTC")
            #expect(time >= previous, "not sorted oldest first")
            previous = time
            #expect(kinds.contains(try #require(object["kind"] as? String)))
            #expect(object["actor"] is String)
            #expect(object["text"] is String)
        }
        #expect(array.first?["time"] as? String == "2026-11-23T19:40:10Z")
        // Keys in the documented order, for people reading the file.
        #expect(text.contains("{\n      \"time\": \"2026-11-23T19:40:10Z\",\n      \"actor\": \"triage\",\n      \"kind\": \"probe\",\n      \"text\": "))
    }

    @Test func emptyTimelineIsAnEmptyArray() throws {
        var input = ScriptedIncident.input(runbook: nil)
        input.events = []
        #expect(TimelineExport.render(input, format: .json).contains("\"events\": []\n}\n"))
    }

    @Test func secondsAreTruncatedNotRounded() {
        #expect(ExportTime.rfc3339(ScriptedIncident.date("2026-11-23T19:42:03Z").addingTimeInterval(0.9995)) == "2026-11-23T19:42:03Z")
        #expect(ExportTime.rfc3339(ScriptedIncident.date("2026-12-31T23:59:59Z").addingTimeInterval(0.999)) == "2026-12-31T23:59:59Z")
    }

    @Test func controlCharactersAreEscaped() throws {
        let value = JSONValue.array([.string("tab\there \"quoted\" back\\slash \u{1B}[31m bell\u{07}")])
        let text = value.rendered()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String])
        #expect(parsed == ["tab\there \"quoted\" back\\slash \u{1B}[31m bell\u{07}"])
    }
}
