/// Pure parsers for the /proc files the host pane reads. Each takes the file's text, or (meminfo,
/// loadavg, stat, read every second) its bytes (``ProcBytes``).
public enum ProcParsers {
    /// `/proc/meminfo` → memory figures. Nil when MemTotal is missing (not a Linux meminfo).
    ///
    /// Read as bytes, line by line in place: the host probe reads it every second, and splitting
    /// it into substrings and a dictionary was a quarter of an idle dashboard's instructions
    /// (docs/PERFORMANCE.md (k), round six).
    public static func meminfo(_ text: String) -> MemoryUsage? {
        var text = text
        return text.withUTF8 { meminfo(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// ``meminfo(_:)`` of the file's bytes.
    public static func meminfo(bytes: UnsafeRawBufferPointer) -> MemoryUsage? {
        // The keys read, in the order of `values`; a key given twice keeps its last number.
        var values = [UInt64?](repeating: nil, count: 8)
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = ProcBytes.end(ofLineFrom: lineStart, in: bytes)
            if let colon = ProcBytes.index(of: UInt8(ascii: ":"), from: lineStart, to: lineEnd, in: bytes),
               let key = meminfoKeys.firstIndex(where: { ProcBytes.equals($0, bytes, from: lineStart, to: colon) }),
               let number = ProcBytes.firstNumber(from: colon + 1, to: lineEnd, in: bytes) {
                values[key] = number
            }
            lineStart = lineEnd + 1
        }
        guard let total = values[0] else { return nil }
        let free = values[1] ?? 0
        let buffers = values[3] ?? 0
        let cache = (values[4] ?? 0) + (values[5] ?? 0)
        // Kernels before 3.14 have no MemAvailable; estimate it the way procps does then.
        let available = values[2] ?? min(total, free + buffers + cache)
        return MemoryUsage(totalKiB: total, availableKiB: available, freeKiB: free, buffersKiB: buffers, cacheKiB: cache,
                           swapTotalKiB: values[6] ?? 0, swapFreeKiB: values[7] ?? 0)
    }

    static let meminfoKeys: [[UInt8]] = ["MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SReclaimable", "SwapTotal", "SwapFree"]
        .map { Array($0.utf8) }

    /// `/proc/loadavg` → load averages.
    public static func loadavg(_ text: String) -> LoadAverage? {
        var text = text
        return text.withUTF8 { loadavg(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// ``loadavg(_:)`` of the file's bytes: its first three space-separated fields.
    public static func loadavg(bytes: UnsafeRawBufferPointer) -> LoadAverage? {
        var averages = (0.0, 0.0, 0.0), count = 0, valid = true
        ProcBytes.forEachField(from: 0, to: bytes.count, in: bytes) { field in
            guard let value = ProcBytes.double(bytes, field) else { valid = false; return false }
            switch count {
            case 0: averages.0 = value
            case 1: averages.1 = value
            default: averages.2 = value
            }
            count += 1
            return count < 3
        }
        guard valid, count == 3 else { return nil }
        return LoadAverage(one: averages.0, five: averages.1, fifteen: averages.2)
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
        var text = text
        return text.withUTF8 { cpuTimes(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// ``cpuTimes(_:)`` of the file's bytes: the numbers of its first line, read in place.
    public static func cpuTimes(bytes: UnsafeRawBufferPointer) -> (busy: UInt64, total: UInt64)? {
        var lineStart = 0
        while lineStart < bytes.count, bytes[lineStart] == ProcBytes.newline { lineStart += 1 }
        let lineEnd = ProcBytes.end(ofLineFrom: lineStart, in: bytes)
        guard lineEnd - lineStart >= 4, ProcBytes.equals(cpuPrefix, bytes, from: lineStart, to: lineStart + 4) else { return nil }
        var count = 0, total: UInt64 = 0, idle: UInt64 = 0, isName = true
        ProcBytes.forEachField(from: lineStart, to: lineEnd, in: bytes) { field in
            // The first field is the line's name, `cpu`; a field that is not a number is left out.
            if isName { isName = false; return true }
            guard let number = ProcBytes.unsigned(bytes, field) else { return true }
            total += number
            if count == 3 || count == 4 { idle += number }
            count += 1
            return true
        }
        guard count >= 4 else { return nil }
        return (total - idle, total)
    }

    static let cpuPrefix = Array("cpu ".utf8)

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
