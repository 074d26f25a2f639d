import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// File-level checks and set-up done around SQLite.
///
/// Only `stat`, `chmod` and (for a file that does not exist yet) `open(O_CREAT|O_EXCL)` are used,
/// never `open`+`close` of an existing database: closing any descriptor of the file drops every POSIX
/// lock this process holds on it, including the SQLite connections' locks. Another process then
/// believes it is the last user, deletes the WAL and shared-memory files under our open connections,
/// and they never see a commit again. (Found the hard way: a header check done this way silenced
/// the change watcher.) Content checks therefore go through SQLite itself.
enum DatabaseFile {
    /// What the path holds before opening.
    enum State: Equatable {
        case absent
        /// Zero bytes: SQLite treats it as a new, empty database.
        case empty
        /// A non-empty regular file, still to be checked by SQLite.
        case nonEmpty(size: Int64)
    }

    /// Looks at the path with `stat` only.
    static func inspect(_ path: String) throws(StoreError) -> State {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return .absent }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .corrupt(path: path, reason: "not a regular file")
        }
        return info.st_size == 0 ? .empty : .nonEmpty(size: Int64(info.st_size))
    }

    /// A database file is always a whole number of pages; anything else was cut short.
    static func checkWholePages(path: String, pageSize: Int64) throws(StoreError) {
        guard pageSize >= 512, case .nonEmpty(let size) = try inspect(path) else { return }
        guard size % pageSize == 0 else {
            throw .corrupt(
                path: path, reason: "truncated: \(size) bytes is not a whole number of \(pageSize)-byte pages")
        }
    }

    /// Creates an empty database file with mode 0600; SQLite then gives -wal and -shm the same mode.
    static func createPrivate(_ path: String) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }  // another process created it first: fine
            throw .failed(path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        // Safe to close: the file did not exist, so no connection of ours can hold a lock on it.
        close(fd)
    }

    /// Makes the database and its -wal and -shm companions 0600 (those that exist).
    static func makePrivate(_ path: String) {
        for file in [path, path + "-wal", path + "-shm"] {
            _ = chmod(file, 0o600)
        }
    }
}
