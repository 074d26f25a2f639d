import Foundation
import Testing
@testable import TriageCore

/// The outage picture's recording with a 5,000-pod context, counted: key frames stay within their
/// byte budget (one every few minutes, not one a minute), a steady picture costs no transition and
/// no dictionary, and the picture at any moment is still rebuilt from the spaced key frames.
@Suite struct PictureRecordingCostTests {
    static let t0 = PictureRecordingTests.t0

    static func pods(_ count: Int) -> [OutageEntity] {
        (0..<count).map { index in
            OutageEntity(state: .ok, kind: .pod, name: "shop/payments-6b8d-\(index)-x2x9q", source: "kube:big",
                         key: "pod:big/shop/payments-6b8d-\(index)-x2x9q")
        }
    }

    @Test func keyFramesOf5000EntitiesStayWithinTheirBudget() throws {
        var recorder = PictureRecorder()
        var picture = Self.pods(5_000)
        var recording: (frames: [PictureKeyFrame], transitions: [PictureTransition]) = ([], [])
        var frameEntities = 0
        var pictures: [(Date, [OutageEntity])] = []
        // Ten minutes, a picture every 5 s, one pod turning bad or healing each minute.
        for step in 0...120 {
            let time = Self.t0.addingTimeInterval(Double(step) * 5)
            if step % 12 == 11 {
                let index = step * 41 % picture.count
                picture[index].state = picture[index].state == .ok ? .crit : .ok
                picture[index].reason = picture[index].state == .ok ? nil : "CrashLoopBackOff"
            }
            pictures.append((time, picture))
            guard let batch = recorder.take(picture, at: time) else { continue }
            recording.transitions += batch.transitions
            if let frame = batch.keyFrame {
                recording.frames.append(frame)
                frameEntities += frame.entities.count
            }
        }
        // A key frame a minute would be 11 frames, 55,000 entities in ten minutes.
        #expect(recording.frames.count <= 2, "key frames: \(recording.frames.map(\.time))")
        #expect(frameEntities <= 2 * 5_000)
        #expect(recorder.keyFrameEntities == frameEntities)
        let bytes = recording.frames.first.map { $0.encoded().utf8.count } ?? 0
        let spacing = PictureRecorder.keyFrameSpacing(bytes: PictureKeyFrame.estimatedBytes(of: picture.map(RecordedEntity.init)))
        #expect(Double(bytes) * 3600 / spacing <= Double(PictureRecorder.keyFrameBytesPerHour) * 1.1,
                "the estimate is within 10 % of the key frame's real size (\(bytes) bytes)")
        #expect(recording.transitions.count == 5_000 + 10, "every entity appears once, then the ten that changed")
        // Seeking anywhere still gives the picture of that moment.
        let recorded = PictureRecording(keyFrames: recording.frames, transitions: recording.transitions)
        for (time, shown) in pictures where Int(time.timeIntervalSince(Self.t0)) % 65 == 0 {
            let rebuilt = recorded.picture(at: time)
            #expect(rebuilt.filter { $0.state != .ok }.map(\.key) == shown.filter { $0.state != .ok }.map(\.key), "at \(time)")
            #expect(rebuilt.count == shown.count)
        }
    }

    @Test func aSmallPictureStillKeysEveryMinuteAndARequestKeysAtOnce() throws {
        #expect(PictureRecorder.keyFrameSpacing(bytes: 20_000) == PictureRecorder.keyFrameInterval)
        var recorder = PictureRecorder()
        let picture = Self.pods(80)
        _ = recorder.take(picture, at: Self.t0)
        #expect(recorder.take(picture, at: Self.t0.addingTimeInterval(30)) == nil)
        recorder.requestKeyFrame()
        let requested = recorder.take(picture, at: Self.t0.addingTimeInterval(31))
        #expect(requested?.keyFrame?.entities.count == 80)
        #expect(recorder.take(picture, at: Self.t0.addingTimeInterval(90)) == nil)
        #expect(recorder.take(picture, at: Self.t0.addingTimeInterval(91))?.keyFrame != nil)
    }
}
