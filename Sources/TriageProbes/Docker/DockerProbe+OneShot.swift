import Foundation
import TriageCore

/// One docker host as a registered probe (`TwoModeProbe<DockerProbe>`): continuous polls this probe,
/// with its stats stream; one-shot (`triage check`) stops it before its first poll, so it starts no
/// stream, and takes the figures from one `docker stats --no-stream` run beside it.
extension DockerProbe: TwoModeSource {
    public nonisolated var probeID: ProbeID { ProbeID(.docker, target.tag) }

    public static func data(_ round: DockerSnapshot) -> ProbeData { .docker(round) }

    /// `docker ps` and `inspect` through `poll`, with figures from one `docker stats --no-stream`.
    public func oneShot(deadline: Duration) async -> DockerSnapshot {
        // Stopped before its first poll, the probe never starts its stats stream: one round needs none.
        await stop()
        async let snapshot = poll(deadline: deadline)
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
