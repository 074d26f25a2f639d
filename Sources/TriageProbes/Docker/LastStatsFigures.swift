import Foundation
import TriageCore

/// The last real `docker stats` figures of each container and when they came: what the Containers
/// pane shows between samples.
///
/// Podman's stream sends `--` for every figure in many of its frames, and docker does before a
/// container's first sample. Taken as they came, those lines blanked CPU% and MEM in most frames
/// and reordered a CPU sort at every refresh; here a line without figures changes nothing, and a
/// line with some keeps the others from the previous sample. Bounded: at most `capacity` containers.
struct LastStatsFigures: Sendable {
    private var entries: [String: (figures: ContainerStats, at: Date)] = [:]
    let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    /// Records one sample read at `time`; a sample without CPU or memory figures is ignored.
    mutating func record(_ sample: DockerStatsSample, at time: Date, maxAge: TimeInterval) {
        guard sample.stats.hasFigures else { return }
        let key = String(sample.containerID.prefix(12))
        var figures = sample.stats
        if let previous = entries[key]?.figures {
            figures.cpuPercent = figures.cpuPercent ?? previous.cpuPercent
            if figures.memoryUsageBytes == nil {
                figures.memoryUsageBytes = previous.memoryUsageBytes
                figures.memoryLimitBytes = previous.memoryLimitBytes
                figures.memoryPercent = figures.memoryPercent ?? previous.memoryPercent
            }
        }
        figures.sampledAt = time
        entries[key] = (figures, time)
        if entries.count > capacity {
            let cutoff = time.addingTimeInterval(-maxAge)
            entries = entries.filter { $0.value.at >= cutoff }
        }
    }

    /// The container's figures (their `sampledAt` says how old) unless older than `maxAge` at `time`.
    func figures(for containerID: String, at time: Date, maxAge: TimeInterval) -> ContainerStats? {
        guard let entry = entries[containerID], time.timeIntervalSince(entry.at) <= maxAge else { return nil }
        return entry.figures
    }

    /// True when the container has no figures younger than `ContainerStats.freshFor` at `time`.
    func lacksFreshFigures(_ containerID: String, at time: Date) -> Bool {
        guard let entry = entries[containerID] else { return true }
        return time.timeIntervalSince(entry.at) > ContainerStats.freshFor
    }
}
