import Foundation

/// Disk use of one mounted filesystem, as `df` reports it.
public struct DiskUsage: Sendable, Equatable, Codable {
    public var mountPoint: String
    public var device: String
    public var fsType: String
    public var totalBytes: UInt64
    public var usedBytes: UInt64
    public var availableBytes: UInt64

    public init(mountPoint: String, device: String, fsType: String, totalBytes: UInt64, usedBytes: UInt64, availableBytes: UInt64) {
        self.mountPoint = mountPoint
        self.device = device
        self.fsType = fsType
        self.totalBytes = totalBytes
        self.usedBytes = usedBytes
        self.availableBytes = availableBytes
    }

    /// Percentage as `df` computes it: used / (used + available), rounded up, because the
    /// reserved blocks are not available to users and a runbook's "disk > 90 %" means df's figure.
    public var usedPercent: Double {
        let denominator = usedBytes + availableBytes
        guard denominator > 0 else { return 0 }
        return (Double(usedBytes) * 100 / Double(denominator)).rounded(.up)
    }

    public var state: HealthState { HostThresholds.disk.classify(usedPercent) }
}

/// Memory as `free` (procps-ng 4) computes it: used = total − available.
public struct MemoryUsage: Sendable, Equatable, Codable {
    public var totalKiB: UInt64
    public var availableKiB: UInt64
    public var freeKiB: UInt64
    public var buffersKiB: UInt64
    public var cacheKiB: UInt64
    public var swapTotalKiB: UInt64
    public var swapFreeKiB: UInt64

    public init(totalKiB: UInt64, availableKiB: UInt64, freeKiB: UInt64, buffersKiB: UInt64, cacheKiB: UInt64, swapTotalKiB: UInt64, swapFreeKiB: UInt64) {
        self.totalKiB = totalKiB
        self.availableKiB = availableKiB
        self.freeKiB = freeKiB
        self.buffersKiB = buffersKiB
        self.cacheKiB = cacheKiB
        self.swapTotalKiB = swapTotalKiB
        self.swapFreeKiB = swapFreeKiB
    }

    public var usedKiB: UInt64 { totalKiB >= availableKiB ? totalKiB - availableKiB : 0 }
    public var swapUsedKiB: UInt64 { swapTotalKiB >= swapFreeKiB ? swapTotalKiB - swapFreeKiB : 0 }
    public var usedPercent: Double { totalKiB > 0 ? Double(usedKiB) * 100 / Double(totalKiB) : .nan }
    public var swapUsedPercent: Double { swapTotalKiB > 0 ? Double(swapUsedKiB) * 100 / Double(swapTotalKiB) : 0 }
    public var state: HealthState { HostThresholds.memory.classify(usedPercent) }
}

/// The 1, 5 and 15 minute load averages.
public struct LoadAverage: Sendable, Equatable, Codable {
    public var one: Double
    public var five: Double
    public var fifteen: Double
    public init(one: Double, five: Double, fifteen: Double) {
        self.one = one
        self.five = five
        self.fifteen = fifteen
    }

    /// Load per CPU: warn at 1.0 (every core busy with a queue forming), critical at 2.0.
    public func state(cpuCount: Int) -> HealthState {
        guard cpuCount > 0 else { return .unknown }
        let perCPU = one / Double(cpuCount)
        return perCPU >= 2 ? .crit : perCPU >= 1 ? .warn : .ok
    }
}

/// A threshold pair, inclusive, as runbooks write them.
public struct Threshold: Sendable, Equatable, Codable {
    public var warnAt: Double
    public var critAt: Double
    public init(warnAt: Double, critAt: Double) {
        self.warnAt = warnAt
        self.critAt = critAt
    }
    public func classify(_ percent: Double) -> HealthState {
        HealthState.classify(percent: percent, warnAt: warnAt, critAt: critAt)
    }
}

/// The host thresholds the runbooks use: disk ≥ 90 % critical (≥ 80 % warning), memory ≥ 80 %
/// warning (≥ 90 % critical).
public enum HostThresholds {
    public static let disk = Threshold(warnAt: 80, critAt: 90)
    public static let memory = Threshold(warnAt: 80, critAt: 90)
}

/// One reading of the host, taken without subprocesses.
public struct HostSnapshot: Sendable, Equatable, Codable {
    public var time: Date
    public var hostname: String
    public var disks: [DiskUsage]
    public var memory: MemoryUsage?
    public var load: LoadAverage?
    public var cpuCount: Int
    /// Busy share of all CPUs since the previous reading; nil on the first.
    public var cpuPercent: Double?
    /// Why a part could not be read (`/proc/meminfo: permission denied`), shown instead of figures.
    public var problems: [String]

    public init(time: Date, hostname: String, disks: [DiskUsage], memory: MemoryUsage?, load: LoadAverage?, cpuCount: Int, cpuPercent: Double?, problems: [String] = []) {
        self.time = time
        self.hostname = hostname
        self.disks = disks
        self.memory = memory
        self.load = load
        self.cpuCount = cpuCount
        self.cpuPercent = cpuPercent
        self.problems = problems
    }

    /// The worst state among the host's figures.
    public var state: HealthState {
        var states = disks.map(\.state)
        if let memory { states.append(memory.state) }
        if let load { states.append(load.state(cpuCount: cpuCount)) }
        if !problems.isEmpty { states.append(.unknown) }
        return states.max() ?? .unknown
    }
}
