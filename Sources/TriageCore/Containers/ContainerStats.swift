import Foundation

/// One `docker stats` sample for a container: CPU, memory, network and block I/O, process count.
///
/// Every figure is optional: engines print `--` before the first sample and podman leaves some empty.
public struct ContainerStats: Sendable, Equatable {
    /// Percent of one CPU (can exceed 100 on several cores), as docker prints it.
    public var cpuPercent: Double?
    public var memoryUsageBytes: Int64?
    public var memoryLimitBytes: Int64?
    /// The engine's own memory percentage, when it printed one.
    public var memoryPercent: Double?
    public var networkReceivedBytes: Int64?
    public var networkSentBytes: Int64?
    public var blockReadBytes: Int64?
    public var blockWrittenBytes: Int64?
    public var pids: Int?
    /// When the engine reported these figures; nil when unknown (a one-shot `triage check`). A
    /// stream that has nothing newer (podman sends `--` between samples) leaves the last real
    /// figures in place, and this says how old they are.
    public var sampledAt: Date?

    /// Figures older than this are shown as old (marked, not blanked).
    public static let freshFor: TimeInterval = 15

    /// True when the figures are older than ``freshFor`` at `now`.
    public func isOld(at now: Date) -> Bool {
        guard let sampledAt else { return false }
        return now.timeIntervalSince(sampledAt) > Self.freshFor
    }

    /// True when the sample carries CPU or memory figures (a `--` line carries none).
    public var hasFigures: Bool { cpuPercent != nil || memoryUsageBytes != nil || memoryPercent != nil }

    public init(
        cpuPercent: Double? = nil, memoryUsageBytes: Int64? = nil, memoryLimitBytes: Int64? = nil,
        memoryPercent: Double? = nil, networkReceivedBytes: Int64? = nil, networkSentBytes: Int64? = nil,
        blockReadBytes: Int64? = nil, blockWrittenBytes: Int64? = nil, pids: Int? = nil, sampledAt: Date? = nil
    ) {
        self.cpuPercent = cpuPercent
        self.memoryUsageBytes = memoryUsageBytes
        self.memoryLimitBytes = memoryLimitBytes
        self.memoryPercent = memoryPercent
        self.networkReceivedBytes = networkReceivedBytes
        self.networkSentBytes = networkSentBytes
        self.blockReadBytes = blockReadBytes
        self.blockWrittenBytes = blockWrittenBytes
        self.pids = pids
        self.sampledAt = sampledAt
    }

    /// Usage over limit in percent, computed from bytes when both are known, else the engine's figure.
    public var memoryPercentOfLimit: Double? {
        if let used = memoryUsageBytes, let limit = memoryLimitBytes, limit > 0 {
            return Double(used) / Double(limit) * 100
        }
        return memoryPercent
    }
}
