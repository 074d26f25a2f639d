import Foundation
import TriageCore
import TriageRunbook

#if canImport(Glibc)
import Glibc
#endif

/// Finds and reads the runbook behind an incident: the one to declare it with, and later the one it
/// was declared with.
///
/// A runbook is plain Markdown that people keep editing, so an incident stores the path and a
/// SHA-256 of the content it started with. Re-reading later never fails: a file that has gone
/// missing falls back to the built-in runbook, and a changed file is used with a warning, because
/// the checklist is still more useful than an error in the middle of an outage.
public enum IncidentRunbookLoader {
    /// Runbooks are a few kilobytes; this bound keeps a wrong path (a log, a device) from eating memory.
    public static let maximumFileBytes = 8 << 20

    /// The runbook for a new incident: the file at `path` (from `--runbook` or `runbook:` in the
    /// configuration), else the built-in service-outage runbook.
    ///
    /// A relative path is made absolute against `workingDirectory`, so the incident finds its runbook
    /// again from any directory.
    /// - Throws: `RunbookFileError` when the file cannot be read (missing, a directory, too large).
    public static func loadForNewIncident(
        path: String?, workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(RunbookFileError) -> LoadedRunbook {
        guard let path, !path.isEmpty, path != BuiltinRunbook.sourceName else { return builtin() }
        let absolute = absolutePath(path, workingDirectory: workingDirectory)
        let bytes = try readFile(absolute)
        return LoadedRunbook(
            runbook: RunbookParser.parse(bytes: bytes, path: absolute), path: absolute, hash: ContentHash.sha256Hex(bytes))
    }

    /// The built-in runbook, with the hash of its text.
    public static func builtin() -> LoadedRunbook {
        LoadedRunbook(
            runbook: BuiltinRunbook.parsed, path: BuiltinRunbook.sourceName,
            hash: ContentHash.sha256Hex(Array(BuiltinRunbook.serviceOutage.utf8)))
    }

    /// The runbook an incident was declared with, re-read now, and a warning to show when it is not
    /// exactly that runbook any more.
    ///
    /// - No runbook recorded, or the built-in one: the built-in runbook (a warning if this triage's
    ///   built-in text differs from the one the incident started with).
    /// - The file is missing or unreadable: the built-in runbook, with a warning naming the file.
    /// - The file's content hash differs from the stored one: the file as it is now, with a warning
    ///   that ticks of changed items may no longer show.
    public static func load(incident: Incident) -> (runbook: Runbook, warning: String?) {
        guard let path = incident.runbookPath, !path.isEmpty, path != BuiltinRunbook.sourceName else {
            let loaded = builtin()
            if let stored = incident.runbookHash, !stored.isEmpty, stored != loaded.hash {
                return (loaded.runbook, "the built-in runbook changed since this incident started; some ticks may not show")
            }
            return (loaded.runbook, nil)
        }
        let bytes: [UInt8]
        do {
            bytes = try readFile(path)
        } catch {
            return (builtin().runbook, "\(error); showing the built-in runbook instead")
        }
        let runbook = RunbookParser.parse(bytes: bytes, path: path)
        if let stored = incident.runbookHash, !stored.isEmpty, stored != ContentHash.sha256Hex(bytes) {
            return (runbook, "runbook \(path) changed since this incident started; ticks of changed items may not show")
        }
        return (runbook, nil)
    }

    /// Reads a whole file with POSIX calls, so the error says exactly why (`strerror`).
    public static func readFile(_ path: String) throws(RunbookFileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RunbookFileError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw RunbookFileError(path: path, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw RunbookFileError(path: path, reason: "it is a directory") }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw RunbookFileError(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > maximumFileBytes {
                throw RunbookFileError(path: path, reason: "larger than \(maximumFileBytes >> 20) MiB; not a runbook")
            }
        }
        return bytes
    }

    /// `path` made absolute against `workingDirectory`, with `.` and `..` resolved.
    public static func absolutePath(_ path: String, workingDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        let joined = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}
