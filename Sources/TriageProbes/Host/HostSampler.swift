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
    /// The mount table as last read, and its real filesystems: it changes about never, and parsing
    /// it every second was a tenth of an idle dashboard's CPU (docs/PERFORMANCE.md (i), round four).
    private var lastMounts: (text: String, mounts: [ProcParsers.Mount])?
    /// Times the mount table was parsed (not merely read): once while it does not change.
    public private(set) var mountTablesParsed = 0
    /// The disks and CPU count as last read, when, and the problems reading them had.
    private var slowFigures: (at: Date, disks: [DiskUsage], cpuCount: Int, problems: [String])?
    /// Times the disks were read (the mount table and a statvfs per real filesystem).
    public private(set) var diskReadings = 0

    /// How old the disks' figures (and the CPU count) may be before they are read again. CPU, memory
    /// and load move every second; a disk's figures move slowly, and reading them (the kernel writes
    /// out the whole mount table, then a statvfs per filesystem) was most of a sample's cost. A disk
    /// filling at 1 GB/s is 5 GB further on when next read: the pane still shows it filling.
    public static let diskInterval: TimeInterval = 5

    public init(procRoot: String = "/proc") {
        self.procRoot = procRoot
    }

    /// The bytes of the /proc file last read: one buffer for every read of every sample.
    private var buffer: [UInt8] = []

    public mutating func sample(now: Date = Date()) -> HostSnapshot {
        var problems: [String] = []
        // Each file read into the one buffer and parsed there as bytes (``ProcParsers``).
        func read<Figure>(_ name: String, _ parse: (UnsafeRawBufferPointer) -> Figure?) -> Figure? {
            let path = procRoot + "/" + name
            guard Self.readSmallFile(path, into: &buffer) else {
                problems.append("\(path): cannot read")
                return nil
            }
            return buffer.withUnsafeBytes(parse)
        }
        let memory = read("meminfo", ProcParsers.meminfo(bytes:))
        let load = read("loadavg", ProcParsers.loadavg(bytes:))
        var cpuPercent: Double?
        if let times = read("stat", ProcParsers.cpuTimes(bytes:)) {
            if let previous = previousCPU, times.total > previous.total {
                cpuPercent = Double(times.busy - previous.busy) * 100 / Double(times.total - previous.total)
            }
            previousCPU = times
        }
        let slow = slowFigures.flatMap { now >= $0.at && now.timeIntervalSince($0.at) < Self.diskInterval ? $0 : nil }
            ?? readSlowFigures(now: now)
        slowFigures = slow
        return HostSnapshot(time: now, hostname: ProcessInfo.processInfo.hostName, disks: slow.disks, memory: memory, load: load,
                            cpuCount: slow.cpuCount, cpuPercent: cpuPercent, problems: problems + slow.problems)
    }

    /// The disks of the real local filesystems and the CPU count, read now.
    private mutating func readSlowFigures(now: Date) -> (at: Date, disks: [DiskUsage], cpuCount: Int, problems: [String]) {
        diskReadings += 1
        var disks: [DiskUsage] = []
        let path = procRoot + "/self/mounts"
        let table = Self.readSmallFile(path).map { String(decoding: $0, as: UTF8.self) }
        for mount in (table.map { realMounts($0) } ?? []) {
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
        return (now, disks, cpus, table == nil ? ["\(path): cannot read"] : [])
    }

    private mutating func realMounts(_ text: String) -> [ProcParsers.Mount] {
        if let lastMounts, lastMounts.text == text { return lastMounts.mounts }
        let mounts = ProcParsers.realMounts(text)
        lastMounts = (text, mounts)
        mountTablesParsed += 1
        return mounts
    }

    /// A /proc file's bytes by open(2) and read(2): /proc files report a size of 0, and
    /// `FileManager.contents(atPath:)` stats, sizes and copies through `Data` for what is a few KB.
    /// Nil when it cannot be opened or read; at most `limit` bytes.
    static func readSmallFile(_ path: String, limit: Int = 1 << 20) -> [UInt8]? {
        var bytes: [UInt8] = []
        return readSmallFile(path, into: &bytes, limit: limit) ? bytes : nil
    }

    /// ``readSmallFile(_:limit:)`` into `bytes`, replacing what it held and keeping its capacity:
    /// read straight into the buffer, with no chunk to copy from. False when it cannot be opened or read.
    static func readSmallFile(_ path: String, into bytes: inout [UInt8], limit: Int = 1 << 20) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        bytes.removeAll(keepingCapacity: true)
        let chunk = 8192
        while bytes.count < limit {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + start, chunk) }
            bytes.removeLast(chunk - max(0, count))
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            if count == 0 { break }
        }
        return true
    }
}
