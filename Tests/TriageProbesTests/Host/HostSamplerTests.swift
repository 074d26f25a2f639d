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
        for _ in 0..<10 { last = sampler.sample() }
        #expect(sampler.mountTablesParsed == 1)
        #expect(last?.disks.map(\.mountPoint) == ["/"])
        #expect(last?.problems == [])
        #expect(last?.memory?.totalKiB == 24_576_000)
        #expect(last?.load?.one == 0.5)

        try (Self.mounts + "/dev/vdb /data ext4 rw 0 0\n").write(toFile: root + "/self/mounts", atomically: true, encoding: .utf8)
        let changed = sampler.sample()
        #expect(sampler.mountTablesParsed == 2)
        // /data is statvfs'ed on this machine's filesystem, where it may not exist: only the parse is certain.
        #expect(changed.disks.first?.mountPoint == "/")
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
