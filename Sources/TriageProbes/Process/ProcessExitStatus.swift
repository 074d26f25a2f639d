/// How a child process ended, including the ways triage ended it.
public enum ProcessExitStatus: Sendable, Hashable, CustomStringConvertible {
    /// The process exited by itself with this status code.
    case exited(Int32)
    /// The process died from a signal that triage did not send (OOM killer, `kill -9` by someone).
    case signaled(Int32)
    /// Triage tore down the process group at the deadline.
    case timedOut
    /// The calling task was cancelled (pane closed, app quitting); the group was torn down.
    case cancelled
    /// The process never ran: binary not found or refused, spawn error.
    case failedToStart(String)

    public var isSuccess: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let code): "exited with status \(code)"
        case .signaled(let signal): "killed by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")"
        case .timedOut: "timed out"
        case .cancelled: "cancelled"
        case .failedToStart(let reason): reason
        }
    }

    static func signalName(_ signal: Int32) -> String? {
        switch signal {
        case 1: "HUP"
        case 2: "INT"
        case 3: "QUIT"
        case 6: "ABRT"
        case 9: "KILL"
        case 11: "SEGV"
        case 13: "PIPE"
        case 15: "TERM"
        default: nil
        }
    }
}
