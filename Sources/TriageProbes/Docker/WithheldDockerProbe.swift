import Foundation
import TriageCore

/// A remote docker host named by a configuration that is not trusted: each round reports why it is
/// not contacted and starts no process, so the host is one UNKNOWN row with that reason.
public struct WithheldDockerProbe: Probe {
    public let id: ProbeID
    private let target: DockerHostTarget
    private let reason: String

    public init(target: DockerHostTarget, reason: String) {
        id = ProbeID(.docker, target.tag)
        self.target = target
        self.reason = reason
    }

    public func poll(deadline: Duration) async -> ProbeData {
        .docker(DockerSnapshot(host: target.tag, containers: [], lastGoodAt: nil, roundAt: Date(), failure: reason))
    }
}
