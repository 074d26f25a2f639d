import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where triage keeps its incident database: `--state`, else `$TRIAGE_STATE`, else
/// `$XDG_STATE_HOME/triage`, else `~/.local/state/triage`.
///
/// Incident state is not configuration (it changes every second) and not cache (losing it loses the
/// timeline), which is what the XDG state directory is for. The directory is created 0700: the
/// timeline names people and systems and may hold command output.
public enum StateDirectory {
    /// The database file's name inside the state directory.
    public static let databaseFileName = "incidents.sqlite"

    /// The state directory's absolute path, without touching the file system.
    ///
    /// Empty variables count as unset; a relative `$XDG_STATE_HOME` is ignored, as the XDG spec says.
    /// A leading `~/` is expanded with `$HOME`; relative paths are taken from the working directory.
    public static func path(
        explicit: String?, environment: [String: String],
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) -> String {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        let home = value("HOME") ?? NSHomeDirectory()
        let chosen: String
        if let explicit, !explicit.isEmpty {
            chosen = explicit
        } else if let state = value("TRIAGE_STATE") {
            chosen = state
        } else if let xdg = value("XDG_STATE_HOME"), xdg.hasPrefix("/") {
            chosen = (xdg as NSString).appendingPathComponent("triage")
        } else {
            chosen = (home as NSString).appendingPathComponent(".local/state/triage")
        }
        var expanded = chosen
        if expanded == "~" {
            expanded = home
        } else if expanded.hasPrefix("~/") {
            expanded = (home as NSString).appendingPathComponent(String(expanded.dropFirst(2)))
        }
        if !expanded.hasPrefix("/") {
            expanded = (workingDirectory as NSString).appendingPathComponent(expanded)
        }
        return (expanded as NSString).standardizingPath
    }

    /// Resolves the state directory and creates it (and missing parents) with mode 0700.
    ///
    /// An existing directory of ours that others can enter is tightened to 0700 (see ``create(_:)``).
    @discardableResult
    public static func resolve(explicit: String?, environment: [String: String]) throws(StoreError) -> String {
        let directory = path(explicit: explicit, environment: environment)
        try create(directory)
        return directory
    }

    /// The database path inside a state directory.
    public static func databasePath(inDirectory directory: String) -> String {
        (directory as NSString).appendingPathComponent(databaseFileName)
    }

    /// Creates `directory` 0700, or tightens an existing one of ours to 0700; fails clearly if it
    /// is a file or cannot be made.
    ///
    /// The timeline names people and systems and holds command output, so a state directory left
    /// group- or world-readable (made by hand, by an old version, under umask 000) is closed up
    /// rather than trusted. A directory someone else owns is left as it is: chmod would fail, and a
    /// read-only wall may well be looking at another account's state on purpose.
    public static func create(_ directory: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .stateDirectory(path: directory, reason: "it exists and is not a directory")
            }
            tightenIfOurs(directory, to: 0o700)
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw .stateDirectory(path: directory, reason: error.localizedDescription)
        }
        // The umask can only remove bits, but make the mode exact whatever created the path.
        if chmod(directory, 0o700) != 0 {
            throw .stateDirectory(path: directory, reason: String(cString: strerror(errno)))
        }
    }

    /// Sets `path` to `mode` when the current user owns it and its mode is looser; returns whether it did.
    @discardableResult
    public static func tightenIfOurs(_ path: String, to mode: mode_t) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_uid == geteuid() else { return false }
        guard info.st_mode & 0o7777 & ~mode != 0 else { return false }
        return chmod(path, mode) == 0
    }
}
