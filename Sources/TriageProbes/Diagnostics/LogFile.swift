import CChildGroups
import Foundation
import Synchronization
import TriageCore
#if canImport(Glibc)
import Glibc
#endif

/// triage's diagnostic log: `triage.log` in the state directory, one line per event, for finding out
/// on a bastion why triage misbehaved without a debugger.
///
/// A line is `TIME LEVEL EVENT key=value…`: TIME RFC 3339 UTC with milliseconds, values bare when
/// they are one plain word and JSON strings otherwise, so a line is
/// always one line whatever a value holds. Secrets in values pass `SecretRedactor` first. The file
/// is 0600 (argv and hostnames are the incident's business) and is rotated when a line would take
/// it past `sizeCap`: `triage.log` becomes `triage.log.1` (replacing the previous one), so the log
/// never takes more than twice the cap. It only ever writes to its own file descriptor, never to
/// stdout or stderr, so nothing reaches the terminal while the dashboard's screen is up; a write
/// that fails is dropped, never reported on the screen.
public final class LogFile: Sendable {
    public static let fileName = "triage.log"
    public static let defaultSizeCap = 5 << 20

    /// Why the log could not be opened, said once on stderr before anything else runs.
    public struct OpenError: Error, CustomStringConvertible {
        public let description: String
    }

    public let path: String
    public let level: LogLevel
    public let sizeCap: Int

    private struct State {
        var descriptor: Int32
        var size: Int
    }

    private let state: Mutex<State>

    /// Opens (creating it and its directory, 0700, when missing) `directory/triage.log` for appending.
    public init(directory: String, level: LogLevel, sizeCap: Int = LogFile.defaultSizeCap) throws(OpenError) {
        path = directory + "/" + Self.fileName
        self.level = level
        self.sizeCap = max(1024, sizeCap)
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw OpenError(description: "cannot create \(directory) for the log: \(error.localizedDescription)")
        }
        let descriptor = Self.open(path, truncate: false)
        guard descriptor >= 0 else {
            throw OpenError(description: "cannot open the log \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        let size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        state = Mutex(State(descriptor: descriptor, size: size))
        // The crash handler appends its line here too, without locks or allocation.
        triage_set_crash_log(descriptor)
    }

    deinit {
        state.withLock { state in
            triage_set_crash_log(-1)
            _ = close(state.descriptor)
        }
    }

    /// Whether a line at `level` would be written: callers skip building expensive fields otherwise.
    public func records(_ level: LogLevel) -> Bool { level >= self.level }

    /// Writes one line when `level` is at or above the file's level.
    public func write(_ level: LogLevel, _ event: String, _ fields: [(String, LogValue)], at time: Date = Date()) {
        guard records(level) else { return }
        var line = Self.timestamp(time) + " " + level.rawValue + " " + event
        for (key, value) in fields { line += " " + key + "=" + value.text }
        line += "\n"
        let bytes = Array(line.utf8)
        state.withLock { state in
            if state.size > 0, state.size + bytes.count > sizeCap { rotate(&state) }
            let written = bytes.withUnsafeBytes { Glibc.write(state.descriptor, $0.baseAddress, $0.count) }
            if written > 0 { state.size += written }
        }
    }

    private func rotate(_ state: inout State) {
        _ = rename(path, path + ".1")
        let fresh = Self.open(path, truncate: true)
        guard fresh >= 0 else { return }  // Keep appending to the renamed file rather than lose lines.
        triage_set_crash_log(fresh)
        _ = close(state.descriptor)
        state.descriptor = fresh
        state.size = 0
    }

    private static func open(_ path: String, truncate: Bool) -> Int32 {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0o600)
        // 0600 whatever the umask, and for a file left by an older run with other permissions.
        if descriptor >= 0 { _ = fchmod(descriptor, 0o600) }
        return descriptor
    }

    /// `2026-12-06T20:51:03.123Z`.
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds % 1000), 3))Z"
    }
}
