/// One process as `/proc/PID/stat` describes it: what the Host detail view ranks by CPU and memory.
public struct ProcessStat: Sendable, Equatable {
    public var pid: Int
    /// The command name (at most 15 bytes, as the kernel keeps it); may hold spaces and parentheses.
    public var command: String
    /// R running, S sleeping, D uninterruptible (disk), Z zombie, …
    public var state: Character
    /// User plus system CPU time, in clock ticks.
    public var cpuTicks: UInt64
    public var residentPages: UInt64

    public init(pid: Int, command: String, state: Character, cpuTicks: UInt64, residentPages: UInt64) {
        self.pid = pid
        self.command = command
        self.state = state
        self.cpuTicks = cpuTicks
        self.residentPages = residentPages
    }

    /// Parses one `/proc/PID/stat` line; nil when it is not one. The command sits between the first
    /// `(` and the *last* `)`, since a process may name itself `a) R 1 (b`.
    public static func parse(_ line: String) -> ProcessStat? {
        guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close,
              let pid = Int(line[..<open].filter { $0 != " " }) else { return nil }
        let command = String(line[line.index(after: open)..<close])
        let fields = line[line.index(after: close)...].split(separator: " ")
        // After the command: state(0) ppid(1) … utime(11) stime(12) … rss(21).
        guard fields.count > 21, let state = fields[0].first,
              let user = UInt64(fields[11]), let system = UInt64(fields[12]), let rss = Int64(fields[21]) else { return nil }
        return ProcessStat(pid: pid, command: command, state: state, cpuTicks: user + system, residentPages: UInt64(max(0, rss)))
    }
}
