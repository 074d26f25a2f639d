import Foundation
import TriageCore

/// One docker host as a registered probe.
///
/// Continuous (the dashboard): a `DockerProbe`, with its stats stream, polled every round. One-shot
/// (`triage check`): the same `DockerProbe` stopped before its first poll, so it starts no stream,
/// and the figures from one `docker stats --no-stream` run beside it.
public struct DockerHostProbe: Probe {
    public let id: ProbeID
    public let target: DockerHostTarget
    private let probe: DockerProbe
    private let mode: ProbeMode
    private let executable: String
    /// Why this host is not contacted (an untrusted config named it); each round then reports it and runs nothing.
    private let withheld: String?

    public init(target: DockerHostTarget, mode: ProbeMode, executable: String = "docker", withheld: String? = nil) {
        id = ProbeID(.docker, target.tag)
        self.target = target
        self.mode = mode
        self.executable = executable
        self.withheld = withheld
        probe = DockerProbe(target: target, executable: executable)
    }

    public func poll(deadline: Duration) async -> ProbeData {
        if let withheld {
            return .docker(DockerSnapshot(host: target.tag, containers: [], lastGoodAt: nil, roundAt: Date(), failure: withheld))
        }
        switch mode {
        case .continuous: return .docker(await probe.poll(deadline: deadline))
        case .oneShot: return .docker(await oneShot(deadline: deadline))
        }
    }

    public func stop() async { await probe.stop() }

    /// `docker ps` and `inspect` through `DockerProbe`, with figures from one `docker stats --no-stream`.
    private func oneShot(deadline: Duration) async -> DockerSnapshot {
        // Stopped before its first poll, the probe never starts its stats stream: one round needs none.
        await probe.stop()
        async let snapshot = probe.poll(deadline: deadline)
        async let statsRun = ProcessRunner.run(
            executable, target.globalArguments + ["stats", "--no-stream", "--format", "{{json .}}"], deadline: deadline)
        var (round, stats) = await (snapshot, statsRun)
        var figures: [String: ContainerStats] = [:]
        for sample in DockerStatsParser.parse(stats.stdoutText) {
            figures[String(sample.containerID.prefix(12))] = sample.stats
        }
        round.containers = round.containers.map { row -> ContainerInfo in
            var row = row
            if row.stats == nil, row.state == .running || row.state == .paused, let sample = figures[row.containerID] {
                row.stats = sample
            }
            return row
        }
        round.statsFailure = stats.succeeded || round.failure != nil ? nil : "docker stats: " + (stats.failureReason ?? "failed")
        return round
    }
}
