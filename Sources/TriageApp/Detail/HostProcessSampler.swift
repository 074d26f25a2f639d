import Foundation
import TriageCore

/// Samples every process's CPU time and memory from /proc, so the Host detail view can say which
/// processes use the CPU *now* (the ticks between two samples), as top and htop do.
///
/// Read on the terminal thread only while the Host detail view is open, at most once a second.
final class HostProcessSampler {
    struct Row: Equatable {
        var pid: Int
        var command: String
        var state: Character
        /// Percent of one CPU over the last interval; nil on the first sample.
        var cpuPercent: Double?
        var residentBytes: UInt64
    }

    private let procRoot: String
    private var previous: [Int: UInt64] = [:]
    private var previousAt: Date?
    private(set) var rows: [Row] = []
    private let ticksPerSecond = Double(max(1, sysconf(Int32(_SC_CLK_TCK))))
    private let pageSize = UInt64(max(1, sysconf(Int32(_SC_PAGESIZE))))

    init(procRoot: String = "/proc") { self.procRoot = procRoot }

    /// Takes a new sample unless the last is less than a second old.
    func refresh(now: Date = Date()) {
        if let previousAt, now.timeIntervalSince(previousAt) < 1 { return }
        let elapsed = previousAt.map { now.timeIntervalSince($0) }
        var current: [Int: UInt64] = [:]
        var sampled: [Row] = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: procRoot)) ?? []
        for entry in entries where entry.first?.isNumber == true {
            guard let text = try? String(contentsOfFile: procRoot + "/" + entry + "/stat", encoding: .utf8),
                  let stat = ProcessStat.parse(text) else { continue }
            current[stat.pid] = stat.cpuTicks
            var cpu: Double?
            if let elapsed, elapsed > 0 {
                let before = previous[stat.pid] ?? stat.cpuTicks
                cpu = Double(stat.cpuTicks &- min(before, stat.cpuTicks)) / ticksPerSecond / elapsed * 100
            }
            sampled.append(Row(pid: stat.pid, command: stat.command, state: stat.state, cpuPercent: cpu,
                               residentBytes: stat.residentPages * pageSize))
        }
        previous = current
        previousAt = now
        rows = sampled
    }
}
