/// Pure parsers for the /proc files the host pane reads. Each takes the file's text.
public enum ProcParsers {
    /// `/proc/meminfo` → memory figures. Nil when MemTotal is missing (not a Linux meminfo).
    public static func meminfo(_ text: String) -> MemoryUsage? {
        var values: [Substring: UInt64] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            let number = line[line.index(after: colon)...].split(separator: " ").first.flatMap { UInt64($0) }
            if let number { values[key] = number }
        }
        guard let total = values["MemTotal"] else { return nil }
        let free = values["MemFree"] ?? 0
        let buffers = values["Buffers"] ?? 0
        let cache = (values["Cached"] ?? 0) + (values["SReclaimable"] ?? 0)
        // Kernels before 3.14 have no MemAvailable; estimate it the way procps does then.
        let available = values["MemAvailable"] ?? min(total, free + buffers + cache)
        return MemoryUsage(totalKiB: total, availableKiB: available, freeKiB: free, buffersKiB: buffers, cacheKiB: cache,
                           swapTotalKiB: values["SwapTotal"] ?? 0, swapFreeKiB: values["SwapFree"] ?? 0)
    }

    /// `/proc/loadavg` → load averages.
    public static func loadavg(_ text: String) -> LoadAverage? {
        let fields = text.split(separator: " ")
        guard fields.count >= 3, let a = Double(fields[0]), let b = Double(fields[1]), let c = Double(fields[2]) else { return nil }
        return LoadAverage(one: a, five: b, fifteen: c)
    }

    /// One line of `/proc/self/mounts`, with octal escapes (`\040` for space) decoded.
    public struct Mount: Sendable, Equatable {
        public var device: String
        public var mountPoint: String
        public var fsType: String
    }

    /// Filesystems that hold no user data: never shown as disks.
    public static let pseudoFilesystems: Set<String> = [
        "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "cgroup", "cgroup2", "securityfs", "debugfs", "tracefs",
        "pstore", "bpf", "mqueue", "hugetlbfs", "configfs", "fusectl", "autofs", "binfmt_misc", "rpc_pipefs",
        "nsfs", "ramfs", "efivarfs", "selinuxfs", "overlay", "squashfs", "fuse.lxcfs", "fuse.gvfsd-fuse", "fuse.portal", "nfsd",
    ]

    /// `/proc/self/mounts` → the real filesystems, one per device (bind mounts of the same device
    /// are listed once, under their shortest mount point).
    public static func realMounts(_ text: String) -> [Mount] {
        var byDevice: [String: Mount] = [:]
        var order: [String] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mount = Mount(device: unescape(fields[0]), mountPoint: unescape(fields[1]), fsType: String(fields[2]))
            guard !pseudoFilesystems.contains(mount.fsType) else { continue }
            guard mount.device.hasPrefix("/") || mount.fsType.hasPrefix("nfs") || mount.fsType == "zfs" || mount.fsType == "btrfs" || mount.fsType == "cifs" else { continue }
            if let existing = byDevice[mount.device] {
                if mount.mountPoint.count < existing.mountPoint.count { byDevice[mount.device] = mount }
            } else {
                byDevice[mount.device] = mount
                order.append(mount.device)
            }
        }
        return order.compactMap { byDevice[$0] }
    }

    /// `/proc/stat`'s first line → (busy, total) jiffies, for a CPU percentage between two readings.
    public static func cpuTimes(_ text: String) -> (busy: UInt64, total: UInt64)? {
        guard let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let numbers = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard numbers.count >= 4 else { return nil }
        let total = numbers.reduce(0, +)
        let idle = numbers[3] + (numbers.count > 4 ? numbers[4] : 0)
        return (total - idle, total)
    }

    static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "\\"), utf8.count >= 3 {
                let digits = utf8.prefix(3)
                if let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 8) {
                    bytes.append(value)
                    utf8 = utf8.dropFirst(3)
                    continue
                }
            }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
