import Foundation

/// Turns each new outage picture into what needs writing: the transitions since the last picture it
/// saw and, every ``keyFrameInterval``, a key frame of the whole picture. Pure: the caller writes the
/// batch (off the terminal thread) and hands in the Logs pane's lines.
public struct PictureRecorder: Sendable {
    /// A key frame at least this often while the picture keeps coming.
    public static let keyFrameInterval: TimeInterval = 60

    /// The last picture seen, by key, as the probes judged it (not yet redacted: the diff compares
    /// raw values, and only what is written passes the redactor, so an unchanged picture costs no
    /// redaction at all).
    public private(set) var last: [String: RecordedEntity] = [:]
    private var lastKeyFrameAt: Date?

    public init() {}

    /// The batch for the picture at `time` (nil when nothing changed and no key frame is due).
    /// - Parameter logLines: the lines the Logs pane shows now, oldest first; asked only when
    ///   something changed, and the last ``PictureTransition/logLineLimit`` kept with each transition.
    public mutating func take(_ entities: [OutageEntity], at time: Date, logLines: () -> [String] = { [] }) -> PictureBatch? {
        let current = entities.map(RecordedEntity.init)
        var transitions = Self.transitions(from: last, to: current, at: time)
        if !transitions.isEmpty {
            let lines = Array(logLines().suffix(PictureTransition.logLineLimit)).map(SecretRedactor.redact)
            for index in transitions.indices {
                transitions[index].entity = transitions[index].entity.redacted
                transitions[index].logLines = lines
            }
        }
        if !transitions.isEmpty || current.count != last.count {
            var next: [String: RecordedEntity] = [:]
            next.reserveCapacity(current.count)
            for entity in current { next[entity.key] = entity }
            last = next
        }
        var frame: PictureKeyFrame?
        if lastKeyFrameAt.map({ time.timeIntervalSince($0) >= Self.keyFrameInterval }) ?? true {
            frame = PictureKeyFrame(time: time, entities: current.map(\.redacted))
            lastKeyFrameAt = time
        }
        let batch = PictureBatch(transitions: transitions, keyFrame: frame)
        return batch.isEmpty ? nil : batch
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
