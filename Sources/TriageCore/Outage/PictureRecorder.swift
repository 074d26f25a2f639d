import Foundation

/// Turns each new outage picture into what needs writing: the transitions since the last picture it
/// saw and, every ``keyFrameInterval``, a key frame of the whole picture. Pure: the caller writes the
/// batch (off the terminal thread) and hands in the Logs pane's lines.
///
/// A big picture (a context of thousands of pods) spaces its key frames so they stay within
/// ``keyFrameBytesPerHour``, as the source recording does: a seek then applies more transitions
/// (memory reads of the recording already loaded). A picture whose entities are the ones seen last,
/// in the same order with the same states and reasons, is recognised in one pass with no
/// dictionary and no copy: that is every snapshot version of a big steady context.
public struct PictureRecorder: Sendable {
    /// A key frame at least this often while the picture keeps coming and is small.
    public static let keyFrameInterval: TimeInterval = 60
    /// What key frames may cost per hour at most (5,000 pods, about 0.65 MB a frame, key every 8–9 minutes).
    public static let keyFrameBytesPerHour = 5_000_000

    /// The last picture seen, by key, as the probes judged it (not yet redacted: the diff compares
    /// raw values, and only what is written passes the redactor, so an unchanged picture costs no
    /// redaction at all).
    public private(set) var last: [String: RecordedEntity] = [:]
    /// The last picture as handed in, for the one-pass comparison.
    private var lastEntities: [OutageEntity] = []
    private var nextKeyFrameAt: Date?
    /// Entities written in key frames so far: what key frames cost, counted.
    public private(set) var keyFrameEntities = 0

    public init() {}

    /// How long after a key frame of `bytes` the next one is due.
    public static func keyFrameSpacing(bytes: Int) -> TimeInterval {
        max(keyFrameInterval, (Double(bytes) * 3600 / Double(keyFrameBytesPerHour)).rounded(.up))
    }

    /// The batch for the picture at `time` (nil when nothing changed and no key frame is due).
    /// - Parameter logLines: the lines the Logs pane shows now, oldest first; asked only when
    ///   something changed, and the last ``PictureTransition/logLineLimit`` kept with each transition.
    public mutating func take(_ entities: [OutageEntity], at time: Date, logLines: () -> [String] = { [] }) -> PictureBatch? {
        let frameDue = nextKeyFrameAt.map { time >= $0 } ?? true
        if !frameDue, Self.sameJudgements(entities, lastEntities) { return nil }
        lastEntities = entities
        var transitions = Self.transitions(from: last, to: entities, at: time)
        // `last` changes by the transitions alone: rebuilding it from 5,000 entities at every
        // change cost more than the rest of the recording.
        for transition in transitions {
            last[transition.entity.key] = transition.kind == .gone ? nil : transition.entity
        }
        if !transitions.isEmpty {
            let lines = Array(logLines().suffix(PictureTransition.logLineLimit)).map(SecretRedactor.redact)
            for index in transitions.indices {
                transitions[index].entity = transitions[index].entity.redacted
                transitions[index].logLines = lines
            }
        }
        var frame: PictureKeyFrame?
        if frameDue {
            let current = entities.map(RecordedEntity.init)
            frame = PictureKeyFrame(time: time, entities: current.map(\.redacted))
            keyFrameEntities += current.count
            nextKeyFrameAt = time.addingTimeInterval(Self.keyFrameSpacing(bytes: PictureKeyFrame.estimatedBytes(of: current)))
        }
        let batch = PictureBatch(transitions: transitions, keyFrame: frame)
        return batch.isEmpty ? nil : batch
    }

    /// Makes the next picture a key frame: a round that could not be written is put back then,
    /// not only when the next spaced key frame is due.
    public mutating func requestKeyFrame() { nextKeyFrameAt = nil }

    /// True when `new` judges the same entities as `old`, in the same order, with the same states
    /// and reasons: no transition (what else an entity holds is written with the next key frame).
    static func sameJudgements(_ new: [OutageEntity], _ old: [OutageEntity]) -> Bool {
        guard new.count == old.count else { return false }
        for index in new.indices {
            let (a, b) = (new[index], old[index])
            if a.state != b.state || a.key != b.key || a.reason != b.reason { return false }
        }
        return true
    }

    /// The transitions from `old` to `new`, as ``transitions(from:to:at:)`` finds them, with a
    /// recorded entity made only for an entity that changed, and the keys that left looked for
    /// only when fewer of `old`'s keys were met than it holds.
    static func transitions(from old: [String: RecordedEntity], to new: [OutageEntity], at time: Date) -> [PictureTransition] {
        var result: [PictureTransition] = []
        var met = 0
        for entity in new {
            guard let before = old[entity.key] else {
                result.append(PictureTransition(time: time, kind: .appeared, entity: RecordedEntity(entity)))
                continue
            }
            met += 1
            if before.state != entity.state {
                result.append(PictureTransition(time: time, kind: .state, entity: RecordedEntity(entity), previousState: before.state))
            } else if before.reason != entity.reason {
                result.append(PictureTransition(time: time, kind: .reason, entity: RecordedEntity(entity), previousState: before.state))
            }
        }
        if met != old.count {
            let present = Set(new.map(\.key))
            for key in old.keys.sorted() where !present.contains(key) {
                guard let before = old[key] else { continue }
                result.append(PictureTransition(time: time, kind: .gone, entity: before, previousState: before.state))
            }
        }
        return result
    }

    /// What changed between two pictures: new keys, changed states or reasons (in the new picture's
    /// order), then keys that left (in the old picture's key order).
    public static func transitions(from old: [String: RecordedEntity], to new: [RecordedEntity], at time: Date) -> [PictureTransition] {
        var result: [PictureTransition] = []
        var seen: Set<String> = []
        for entity in new {
            seen.insert(entity.key)
            guard let before = old[entity.key] else {
                result.append(PictureTransition(time: time, kind: .appeared, entity: entity))
                continue
            }
            if before.state != entity.state {
                result.append(PictureTransition(time: time, kind: .state, entity: entity, previousState: before.state))
            } else if before.reason != entity.reason {
                result.append(PictureTransition(time: time, kind: .reason, entity: entity, previousState: before.state))
            }
        }
        for key in old.keys.sorted() where !seen.contains(key) {
            guard let before = old[key] else { continue }
            result.append(PictureTransition(time: time, kind: .gone, entity: before, previousState: before.state))
        }
        return result
    }
}
