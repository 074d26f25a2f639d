import Foundation
import Testing
import TriageCore
@testable import TriageExport
import TriageRunbook

/// The post-mortem's "What the screen showed", from a recorded picture of the scripted incident.
@Suite struct RecordingPostmortemTests {
    static func entity(_ kind: OutageEntity.Kind, _ name: String, _ state: HealthState, _ reason: String? = nil) -> RecordedEntity {
        RecordedEntity(key: "\(kind.rawValue):\(name)", kind: kind, name: name, state: state, reason: reason)
    }

    /// Checkout's API breaks at 19:41:50, its pod at 19:42:30 and redis at 19:52:10; the API heals at 20:05.
    static let recording: PictureRecording = {
        var recorder = PictureRecorder()
        var frames: [PictureKeyFrame] = []
        var transitions: [PictureTransition] = []
        func picture(_ api: HealthState, _ pod: HealthState, _ redis: HealthState) -> [OutageEntity] {
            [entity(.service, "checkout-api", api, api == .ok ? nil : "HTTP 502").entity,
             entity(.pod, "shop/checkout-7d9f", pod, pod == .ok ? nil : "CrashLoopBackOff").entity,
             entity(.container, "redis-cache", redis, redis == .ok ? nil : "exited 137").entity]
        }
        for (time, api, pod, redis) in [
            ("2026-11-23T19:41:00Z", HealthState.ok, HealthState.ok, HealthState.ok),
            ("2026-11-23T19:41:50Z", .crit, .ok, .ok),
            ("2026-11-23T19:42:30Z", .crit, .crit, .ok),
            ("2026-11-23T19:52:10Z", .crit, .crit, .crit),
            ("2026-11-23T20:05:00Z", .ok, .crit, .ok),
        ] {
            guard let batch = recorder.take(picture(api, pod, redis), at: ScriptedIncident.date(time)) else { continue }
            transitions += batch.transitions
            frames += batch.keyFrame.map { [$0] } ?? []
        }
        return PictureRecording(keyFrames: frames, transitions: transitions)
    }()

    @Test func postmortemSaysWhatTheScreenShowed() throws {
        var input = ScriptedIncident.input(runbook: BuiltinRunbook.parsed, resolved: true)
        input.recording = Self.recording
        let text = PostmortemDraft.render(input)
        let section = try #require(text.components(separatedBy: "## What the screen showed\n\n").dropFirst().first?
            .components(separatedBy: "\n\n## ").first)
        #expect(section == """
            - **First failure:** 19:41 UTC: service checkout-api CRIT (HTTP 502)
            - **The order things broke in:**
              1. 19:41 UTC service checkout-api CRIT (HTTP 502)
              2. 19:42 UTC pod shop/checkout-7d9f CRIT (CrashLoopBackOff)
              3. 19:52 UTC container redis-cache CRIT (exited 137)
            - **Time to the first tick:** 3m55s (19:44 UTC, alice@bastion: Confirm the outage from outside: health endpoint, status page, a real request)
            - **Worst moment:** 19:52 UTC, 3 entities failing at once
            - Recorded 19:41 UTC to 20:05 UTC; `triage replay INC-20261123-1942` shows it again.
            """)
    }

    @Test func noRecordingNoSection() {
        let input = ScriptedIncident.input(runbook: BuiltinRunbook.parsed, resolved: true)
        #expect(!PostmortemDraft.render(input).contains("What the screen showed"))
    }
}
