import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// HostSampler over a /proc laid out in a temporary directory with the real files' shapes, and over
/// the machine's own /proc.
@Suite("HostSampler: the host pane's readings")
struct HostSamplerTests {
    static let meminfo = """
        MemTotal:       24576000 kB
        MemFree:         1024000 kB
        MemAvailable:   20480000 kB
        Buffers:          102400 kB
        Cached:          8192000 kB
        SwapTotal:             0 kB
        SwapFree:              0 kB

        """
    static let mounts = """
        /dev/vda / ext4 rw,relatime 0 0
        proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
        tmpfs /run tmpfs rw,nosuid,nodev 0 0

        """

    func procRoot() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hostsampler-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/self", withIntermediateDirectories: true)
        try Self.meminfo.write(toFile: root + "/meminfo", atomically: true, encoding: .utf8)
        try "0.50 0.40 0.30 1/200 4242\n".write(toFile: root + "/loadavg", atomically: true, encoding: .utf8)
        try "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 100 0 100 800 0 0 0 0 0 0\n".write(toFile: root + "/stat", atomically: true, encoding: .utf8)
        try Self.mounts.write(toFile: root + "/self/mounts", atomically: true, encoding: .utf8)
        return root
    }

    /// The mount table is parsed once while it stays the same, and again when it changes: parsing it
    /// every second was a tenth of the idle dashboard's CPU.
    @Test func theMountTableIsParsedOnlyWhenItChanges() throws {
        let root = try procRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var sampler = HostSampler(procRoot: root)
        var last: HostSnapshot?
        let start = Date()
        // Ten seconds of samples: the mount table is read twice (``HostSampler/diskInterval``).
        for second in 0..<10 { last = sampler.sample(now: start.addingTimeInterval(Double(second))) }
        #expect(sampler.diskReadings == 2)
        #expect(sampler.mountTablesParsed == 1)
        #expect(last?.disks.map(\.mountPoint) == ["/"])
        #expect(last?.problems == [])
        #expect(last?.memory?.totalKiB == 24_576_000)
        #expect(last?.load?.one == 0.5)

        try (Self.mounts + "/dev/vdb /data ext4 rw 0 0\n").write(toFile: root + "/self/mounts", atomically: true, encoding: .utf8)
        let changed = sampler.sample(now: start.addingTimeInterval(10))
        #expect(sampler.mountTablesParsed == 2)
        // /data is statvfs'ed on this machine's filesystem, where it may not exist: only the parse is certain.
        #expect(changed.disks.first?.mountPoint == "/")
    }

    /// A minute of one-second samples reads the disks (the mount table, a statvfs each) 12 times, not
    /// 60; CPU, memory and load are read at every sample, and a disk figure is never older than
    /// ``HostSampler/diskInterval``. Reading the disks every second was most of a sample's cost.
    @Test func theDisksAreReadEveryFiveSecondsTheRestEverySample() throws {
        let root = try procRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var sampler = HostSampler(procRoot: root)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var loads: [Double] = []
        var disksSeen = 0
        for second in 0..<60 {
            try "\(second).00 0.40 0.30 1/200 4242\n".write(toFile: root + "/loadavg", atomically: true, encoding: .utf8)
            let sample = sampler.sample(now: start.addingTimeInterval(Double(second)))
            loads.append(sample.load?.one ?? -1)
            if sample.disks.map(\.mountPoint) == ["/"] { disksSeen += 1 }
            #expect(sample.cpuCount >= 1)
        }
        #expect(sampler.diskReadings == 12)
        #expect(loads == (0..<60).map(Double.init))
        #expect(disksSeen == 60)
        // A clock that went back (NTP) reads them again rather than keeping them for long.
        _ = sampler.sample(now: start)
        #expect(sampler.diskReadings == 13)
    }

    /// A file that cannot be read is a problem named with its path, not a crash or a silent blank.
    @Test func anUnreadableFileIsNamed() throws {
        let root = try procRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.removeItem(atPath: root + "/loadavg")
        var sampler = HostSampler(procRoot: root)
        let snapshot = sampler.sample()
        #expect(snapshot.load == nil)
        #expect(snapshot.problems == [root + "/loadavg: cannot read"])
    }

    /// /proc files report a size of 0; they are read to their end, also past one read's chunk.
    @Test func procFilesAreReadToTheirEnd() throws {
        let own = try #require(HostSampler.readSmallFile("/proc/self/maps"))
        #expect(own.count > 0)
        let root = try procRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let long = String(repeating: "x", count: 100_000)
        try long.write(toFile: root + "/long", atomically: true, encoding: .utf8)
        #expect(HostSampler.readSmallFile(root + "/long")?.count == 100_000)
        #expect(HostSampler.readSmallFile(root + "/missing") == nil)
        var sampler = HostSampler()
        let machine = sampler.sample()
        #expect(machine.memory != nil && machine.load != nil && machine.problems.isEmpty)
    }
}
