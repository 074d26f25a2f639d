/// How much `LogFile` writes: `debug` every child process triage runs, `info` what each command
/// did (start, exit status), `warning` only what went wrong (a child that could not start or timed
/// out, a crash).
public enum LogLevel: String, CaseIterable, Comparable, Sendable {
    case debug
    case info
    case warning

    private var rank: Int {
        switch self {
        case .debug: 0
        case .info: 1
        case .warning: 2
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}
