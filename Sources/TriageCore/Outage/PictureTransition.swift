import Foundation

/// One change in the recorded outage picture: an entity appeared, changed state or reason, or went away.
public struct PictureTransition: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A key the previous picture did not have.
        case appeared
        /// Its state changed (ok → crit, crit → ok…).
        case state
        /// Same state, a different reason ("CrashLoopBackOff" → "Error").
        case reason
        /// The key left the picture (a container removed, a pod deleted).
        case gone
    }

    public var time: Date
    public var kind: Kind
    /// The entity after the change; for ``Kind/gone`` the entity as it last was.
    public var entity: RecordedEntity
    /// Its state before (nil for ``Kind/appeared``).
    public var previousState: HealthState?
    /// The last lines the Logs pane showed when it happened (at most ``PictureTransition/logLineLimit``).
    public var logLines: [String]

    /// How many Logs pane lines are kept with one transition.
    public static let logLineLimit = 20

    public init(time: Date, kind: Kind, entity: RecordedEntity, previousState: HealthState? = nil, logLines: [String] = []) {
        self.time = time
        self.kind = kind
        self.entity = entity
        self.previousState = previousState
        self.logLines = logLines
    }

    /// The state the entity is in after this transition; nil once it is gone.
    public var stateAfter: HealthState? { kind == .gone ? nil : entity.state }
}
