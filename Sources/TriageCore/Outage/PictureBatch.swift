import Foundation

/// What one round of the picture recorder writes, in one transaction: the transitions since the last
/// picture and, once a minute, a key frame.
public struct PictureBatch: Sendable, Equatable {
    public var transitions: [PictureTransition]
    public var keyFrame: PictureKeyFrame?

    public init(transitions: [PictureTransition] = [], keyFrame: PictureKeyFrame? = nil) {
        self.transitions = transitions
        self.keyFrame = keyFrame
    }

    public var isEmpty: Bool { transitions.isEmpty && keyFrame == nil }
}
