import Foundation
import TriageCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads the host's disks, memory, load and CPU straight from /proc and statvfs: no subprocess,
/// so the host pane works even when the process table is full or `df` hangs on a dead NFS mount
/// (statvfs is only called for local real filesystems; network mounts are skipped for that reason).
public struct HostSampler: Sendable {
    public var procRoot: String
    private var previousCPU: (busy: UInt64, total: UInt64)?

    public init(procRoot: String = "/proc") {
        self.procRoot = procRoot
    }

    public mutating func sample(now: Date = Date()) -> HostSnapshot {
        var problems: [String] = []
        func read(_ name: String) -> String? {
            let path = procRoot + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("\(path): cannot read")
                return nil
            }
            return String(decoding: data, as: UTF8.self)
        }
        let memory = read("meminfo").flatMap(ProcParsers.meminfo)
        let load = read("loadavg").flatMap(ProcParsers.loadavg)
        var cpuPercent: Double?
        if let times = read("stat").flatMap(ProcParsers.cpuTimes) {
            if let previous = previousCPU, times.total > previous.total {
                cpuPercent = Double(times.busy - previous.busy) * 100 / Double(times.total - previous.total)
            }
            previousCPU = times
        }
        var disks: [DiskUsage] = []
        for mount in (read("self/mounts").map(ProcParsers.realMounts) ?? []) {
            if mount.fsType.hasPrefix("nfs") || mount.fsType == "cifs" { continue }
            var stats = statvfs()
            guard statvfs(mount.mountPoint, &stats) == 0, stats.f_blocks > 0 else { continue }
            let fragment = UInt64(stats.f_frsize)
            let total = UInt64(stats.f_blocks) * fragment
            let used = (UInt64(stats.f_blocks) - UInt64(stats.f_bfree)) * fragment
            let available = UInt64(stats.f_bavail) * fragment
            disks.append(DiskUsage(mountPoint: mount.mountPoint, device: mount.device, fsType: mount.fsType,
                                   totalBytes: total, usedBytes: used, availableBytes: available))
        }
        let cpus = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return HostSnapshot(time: now, hostname: ProcessInfo.processInfo.hostName, disks: disks, memory: memory, load: load,
                            cpuCount: cpus, cpuPercent: cpuPercent, problems: problems)
    }
}
