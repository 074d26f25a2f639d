import Foundation

/// What the screen showed over a recorded incident, for the post-mortem: the first failure, the order
/// in which things broke and the worst moment. "Broken" is warn or crit: an entity the probes could
/// not judge yet (unknown, "no result yet") has not broken.
public struct ScreenHistory: Sendable, Equatable {
    /// An entity breaking for the first time in the recording.
    public struct Break: Sendable, Equatable {
        public var time: Date
        public var entity: RecordedEntity
    }

    /// Every entity that broke, in the order it first did (ties in the order recorded).
    public var breaks: [Break]
    /// The moment the most entities were broken at once (the first such moment), and how many.
    public var worst: (time: Date, count: Int)?

    public var firstFailure: Break? { breaks.first }

    public static func == (a: ScreenHistory, b: ScreenHistory) -> Bool {
        a.breaks == b.breaks && a.worst?.time == b.worst?.time && a.worst?.count == b.worst?.count
    }

    public init(_ recording: PictureRecording) {
        var broken: Set<String> = []
        var everBroken: Set<String> = []
        var breaks: [Break] = []
        var worst: (time: Date, count: Int)?
        // Transitions alone tell the story: the recorder writes the first picture as "appeared".
        // Key frames matter only for a recording whose early transitions were lost; start from the first one then.
        var transitions = recording.transitions
        if let first = recording.keyFrames.first, transitions.first.map({ $0.time > first.time }) ?? true {
            transitions.insert(contentsOf: first.entities.map { PictureTransition(time: first.time, kind: .appeared, entity: $0) }, at: 0)
        }
        var index = 0
        while index < transitions.count {
            let time = transitions[index].time
            // One moment at a time: a round's transitions land together, and the count is read after all of them.
            while index < transitions.count, transitions[index].time == time {
                let transition = transitions[index]
                let key = transition.entity.key
                if let state = transition.stateAfter, state >= .warn {
                    broken.insert(key)
                    if everBroken.insert(key).inserted { breaks.append(Break(time: time, entity: transition.entity)) }
                } else {
                    broken.remove(key)
                }
                index += 1
            }
            if broken.count > (worst?.count ?? 0) { worst = (time, broken.count) }
        }
        self.breaks = breaks
        self.worst = worst
    }
}
