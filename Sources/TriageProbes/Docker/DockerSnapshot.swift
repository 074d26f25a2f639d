import Foundation
import TriageCore

/// What one docker host looks like after a round: the containers, and whether this round reached it.
///
/// When a round fails, the containers are the last good ones and `failure` says why, so the pane can
/// show them greyed with the reason and their age.
public struct DockerSnapshot: Sendable {
    /// The host tag (see `DockerHostTarget.tag`).
    public var host: String
    public var containers: [ContainerInfo]
    /// When `containers` was last read successfully; nil before the first success.
    public var lastGoodAt: Date?
    /// When this round ended.
    public var roundAt: Date
    /// The tool's own reason this round failed ("Cannot connect to the Docker daemon at ...",
    /// "timed out after 5s"); nil when it succeeded.
    public var failure: String?
    /// Why the stats stream is not delivering, if it is not ("docker stats: ..."); figures then go missing.
    public var statsFailure: String?
    /// `docker inspect` calls made this round (only for containers whose `ps` line changed).
    public var inspectedThisRound: Int

    public init(
        host: String, containers: [ContainerInfo], lastGoodAt: Date?, roundAt: Date, failure: String?,
        statsFailure: String? = nil, inspectedThisRound: Int = 0
    ) {
        self.host = host
        self.containers = containers
        self.lastGoodAt = lastGoodAt
        self.roundAt = roundAt
        self.failure = failure
        self.statsFailure = statsFailure
        self.inspectedThisRound = inspectedThisRound
    }

    /// True when the containers shown are older than this round (the round failed).
    public var isStale: Bool { failure != nil }
}
