import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The config files the person has trusted to run commands (`triage trust`), each with the SHA-256
/// of the exact bytes they trusted: a file found in the current directory runs none of its command
/// checks unless its path and content are listed here, so an edit makes it untrusted again.
///
/// Kept in the state directory as `trusted-configs`, one `SHA256-HEX PATH` line per file, mode 0600
/// like the other state files. A list that someone else owns or that others may write is ignored
/// (nothing is trusted): whoever can write it could vouch for any file.
public struct TrustList: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// Absolute, symlinks resolved.
        public var path: String
        /// Lowercase hex SHA-256 of the file's bytes when it was trusted.
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    public static let fileName = "trusted-configs"

    public private(set) var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    public static func filePath(inDirectory directory: String) -> String {
        (directory as NSString).appendingPathComponent(fileName)
    }

    /// Reads the list; creates nothing. A missing, unreadable, foreign or loosely-permitted file is an empty list.
    public static func load(stateDirectory: String) -> TrustList {
        let path = filePath(inDirectory: stateDirectory)
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
            info.st_mode & 0o022 == 0, let data = FileManager.default.contents(atPath: path)
        else { return TrustList() }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Lines of `HEX PATH`; anything else is skipped.
    static func parse(_ text: String) -> TrustList {
        var entries: [Entry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let space = line.firstIndex(of: " ") else { continue }
            let hash = String(line[..<space])
            let path = String(line[line.index(after: space)...])
            guard hash.count == 64, hash.allSatisfy(\.isHexDigit), path.hasPrefix("/") else { continue }
            entries.append(Entry(path: path, sha256: hash.lowercased()))
        }
        return TrustList(entries: entries)
    }

    var text: String { entries.map { "\($0.sha256) \($0.path)\n" }.joined() }

    /// True when `path` is listed with exactly this content hash.
    public func trusts(path: String, sha256: String) -> Bool {
        entries.contains { $0.path == path && $0.sha256 == sha256.lowercased() }
    }

    /// Lists `path` with `sha256`, replacing what was recorded for it before.
    public mutating func trust(path: String, sha256: String) {
        entries.removeAll { $0.path == path }
        entries.append(Entry(path: path, sha256: sha256.lowercased()))
    }

    /// Removes `path`; returns whether it was listed.
    @discardableResult
    public mutating func untrust(path: String) -> Bool {
        let before = entries.count
        entries.removeAll { $0.path == path }
        return entries.count != before
    }

    /// Writes the list into the state directory (created 0700 if missing), the file 0600.
    public func save(stateDirectory: String) throws(StoreError) {
        try StateDirectory.create(stateDirectory)
        let path = Self.filePath(inDirectory: stateDirectory)
        do {
            try PrivateFile.write(Data(text.utf8), to: path)
        } catch {
            throw .failed(path: path, reason: error.reason)
        }
    }
}
