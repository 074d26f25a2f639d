import Foundation

/// An incident's recorded outage picture: its key frames and transitions, oldest first, and the
/// picture at any moment rebuilt from them.
public struct PictureRecording: Sendable, Equatable {
    public private(set) var keyFrames: [PictureKeyFrame]
    public private(set) var transitions: [PictureTransition]

    public init(keyFrames: [PictureKeyFrame], transitions: [PictureTransition]) {
        self.keyFrames = keyFrames.sorted { $0.time < $1.time }
        // Stable: transitions of one round keep the order they were recorded in.
        self.transitions = transitions.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    public var isEmpty: Bool { keyFrames.isEmpty && transitions.isEmpty }

    /// The first and last moment recorded.
    public var start: Date? { [keyFrames.first?.time, transitions.first?.time].compactMap { $0 }.min() }
    public var end: Date? { [keyFrames.last?.time, transitions.last?.time].compactMap { $0 }.max() }

    /// The distinct moments something changed, oldest first: where `[` and `]` seek to.
    public var transitionTimes: [Date] {
        var times: [Date] = []
        for transition in transitions where times.last != transition.time { times.append(transition.time) }
        return times
    }

    /// The picture as it was at `time`: the newest key frame at or before it, with every transition
    /// after that frame up to `time` applied (a key frame is written after its round's transitions,
    /// so it already holds the ones at its own time). Entities in the order they were first seen.
    public func picture(at time: Date) -> [RecordedEntity] {
        var order: [String] = []
        var byKey: [String: RecordedEntity] = [:]
        func put(_ entity: RecordedEntity) {
            if byKey[entity.key] == nil { order.append(entity.key) }
            byKey[entity.key] = entity
        }
        let frame = keyFrames.last { $0.time <= time }
        for entity in frame?.entities ?? [] { put(entity) }
        for transition in transitions where transition.time <= time {
            if let frame, transition.time <= frame.time { continue }
            if transition.kind == .gone { byKey[transition.entity.key] = nil } else { put(transition.entity) }
        }
        return order.compactMap { byKey[$0] }
    }
}
