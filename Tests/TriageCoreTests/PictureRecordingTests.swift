import Foundation
import Testing
@testable import TriageCore

/// The picture recorder's diff and key frames, rebuilding a picture at a moment, and what the screen showed.
@Suite struct PictureRecordingTests {
    /// 2026-11-23 12:00:00 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_435_200)

    static func entity(_ key: String, _ state: HealthState, _ reason: String? = nil) -> OutageEntity {
        OutageEntity(state: state, kind: .service, name: key, reason: reason, source: "services", key: "service:" + key)
    }

    @Test func firstPictureIsAllAppearedWithAKeyFrame() throws {
        var recorder = PictureRecorder()
        let takenBatch = recorder.take([Self.entity("backend", .ok), Self.entity("slow", .warn, "3.0s")], at: Self.t0)
        let batch = try #require(takenBatch)
        #expect(batch.transitions.map(\.kind) == [.appeared, .appeared])
        #expect(batch.keyFrame?.entities.map(\.key) == ["service:backend", "service:slow"])
    }

    @Test func samePictureWritesNothingUntilTheKeyFrameIsDue() throws {
        var recorder = PictureRecorder()
        let picture = [Self.entity("backend", .ok)]
        _ = recorder.take(picture, at: Self.t0)
        let quiet1 = recorder.take(picture, at: Self.t0.addingTimeInterval(1))
        #expect(quiet1 == nil)
        let quiet59 = recorder.take(picture, at: Self.t0.addingTimeInterval(59))
        #expect(quiet59 == nil)
        let takenDue = recorder.take(picture, at: Self.t0.addingTimeInterval(60))
        let due = try #require(takenDue)
        #expect(due.transitions.isEmpty)
        #expect(due.keyFrame?.time == Self.t0.addingTimeInterval(60))
    }

    @Test func writesOnlyWhatChangedWithTheLogLines() throws {
        var recorder = PictureRecorder()
        _ = recorder.take([Self.entity("backend", .ok), Self.entity("web", .ok), Self.entity("db", .crit, "refused")], at: Self.t0)
        let lines = (1...30).map { "line \($0)" }
        let takenBatch = recorder.take(
            [Self.entity("backend", .crit, "HTTP 500"), Self.entity("web", .ok), Self.entity("db", .crit, "timed out")],
            at: Self.t0.addingTimeInterval(5), logLines: { lines })
        let batch = try #require(takenBatch)
        #expect(batch.keyFrame == nil)
        #expect(batch.transitions.map(\.kind) == [.state, .reason])
        #expect(batch.transitions.map(\.entity.key) == ["service:backend", "service:db"])
        #expect(batch.transitions[0].previousState == .ok)
        #expect(batch.transitions[0].logLines == Array(lines.suffix(20)))
        let takenGone = recorder.take([Self.entity("web", .ok)], at: Self.t0.addingTimeInterval(6))
        let gone = try #require(takenGone)
        #expect(gone.transitions.map(\.kind) == [.gone, .gone])
        #expect(gone.transitions.map(\.entity.key) == ["service:backend", "service:db"])
    }

    @Test func redactsReasonsAndLogLines() throws {
        var recorder = PictureRecorder()
        let takenBatch = recorder.take(
            [Self.entity("api", .crit, "401 token=ghp_abcdefghijklmnopqrstuvwxyz0123456789")], at: Self.t0,
            logLines: { ["Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789"] })
        let batch = try #require(takenBatch)
        #expect(!(batch.transitions[0].entity.reason ?? "").contains("ghp_abcdefghijklmnopqrstuvwxyz0123456789"))
        #expect(!(batch.transitions[0].logLines.first ?? "").contains("abcdefghijklmnopqrstuvwxyz0123456789"))
        let frameText = batch.keyFrame?.encoded() ?? ""
        #expect(!frameText.isEmpty)
        #expect(!frameText.contains("ghp_abcdefghijklmnopqrstuvwxyz0123456789"))
    }

    /// A recording of: backend and web ok; backend breaks at +10s, web at +70s (after the second key
    /// frame), backend heals at +130s.
    static func recording() -> PictureRecording {
        var recorder = PictureRecorder()
        var frames: [PictureKeyFrame] = []
        var transitions: [PictureTransition] = []
        let script: [(TimeInterval, [OutageEntity])] = [
            (0, [entity("backend", .ok), entity("web", .ok)]),
            (10, [entity("backend", .crit, "HTTP 500"), entity("web", .ok)]),
            (60, [entity("backend", .crit, "HTTP 500"), entity("web", .ok)]),
            (70, [entity("backend", .crit, "HTTP 500"), entity("web", .warn, "slow")]),
            (130, [entity("backend", .ok), entity("web", .warn, "slow")]),
        ]
        for (offset, picture) in script {
            guard let batch = recorder.take(picture, at: t0.addingTimeInterval(offset)) else { continue }
            transitions += batch.transitions
            if let frame = batch.keyFrame { frames.append(frame) }
        }
        return PictureRecording(keyFrames: frames, transitions: transitions)
    }

    @Test func rebuildsThePictureAtAnyMoment() {
        let recording = Self.recording()
        #expect(recording.keyFrames.map(\.time) == [Self.t0, Self.t0.addingTimeInterval(60), Self.t0.addingTimeInterval(130)])
        func states(_ offset: TimeInterval) -> [HealthState] { recording.picture(at: Self.t0.addingTimeInterval(offset)).map(\.state) }
        #expect(states(0) == [.ok, .ok])
        #expect(states(9) == [.ok, .ok])
        #expect(states(10) == [.crit, .ok])
        #expect(states(65) == [.crit, .ok])
        #expect(states(70) == [.crit, .warn])
        #expect(states(200) == [.ok, .warn])
        #expect(recording.transitionTimes == [0, 10, 70, 130].map { Self.t0.addingTimeInterval($0) })
    }

    @Test func screenHistoryFindsFirstFailureOrderAndWorstMoment() throws {
        let history = ScreenHistory(Self.recording())
        #expect(history.firstFailure?.entity.key == "service:backend")
        #expect(history.firstFailure?.time == Self.t0.addingTimeInterval(10))
        #expect(history.breaks.map(\.entity.key) == ["service:backend", "service:web"])
        let worst = try #require(history.worst)
        #expect(worst.count == 2)
        #expect(worst.time == Self.t0.addingTimeInterval(70))
    }

    @Test func keyFrameRoundTripsAsCompactJSON() throws {
        let frame = PictureKeyFrame(time: Self.t0, entities: [RecordedEntity(Self.entity("backend", .crit, "HTTP 500"))])
        let text = frame.encoded()
        #expect(!text.contains("\": ") && !text.contains(", \""))
        #expect(PictureKeyFrame.decoded(text, time: Self.t0) == frame)
    }
}
