import Foundation
import GRDB
import GRDBSQLite
import TriageCore

/// The incident database: incidents, their checklist ticks and timelines, shared between processes.
///
/// One SQLite file in WAL mode through a GRDB `DatabasePool`. Every write method is synchronous and
/// returns only after its transaction committed with `synchronous = FULL`, so what the screen shows
/// as done survives `kill -9` (and power loss). Several interactive sessions may write at once: SQLite
/// serialises writers, and a writer that waits longer than the busy timeout gets `.locked` instead of
/// hanging. A read-only store (the wall display) opens every connection with SQLite's read-only flag,
/// so a write attempt is refused by SQLite itself, not by a check of ours that could be bypassed.
///
/// Other processes' commits are not observable through GRDB; use `ChangeWatcher` for that.
public final class IncidentStore: Sendable {
    /// Whether the store may write.
    public enum Mode: Sendable, Equatable {
        case readWrite
        /// SQLite-level read-only: for the wall display and `incident list/show`.
        case readOnly
    }

    /// The database file.
    public let path: String
    public let mode: Mode
    /// How long a write waits for another process's lock before failing with `.locked`.
    public let busyTimeout: TimeInterval

    let pool: DatabasePool

    /// Opens (and in `.readWrite` mode creates and migrates) the database at `path`.
    ///
    /// - Throws: `.corrupt` for a file that is not an SQLite database or fails the integrity check
    ///   (left untouched), `.missing` when a read-only open finds no database, `.incompatible` for a
    ///   schema from a newer triage, `.locked` when another process holds the lock too long.
    public init(path: String, mode: Mode = .readWrite, busyTimeout: TimeInterval = 5) throws(StoreError) {
        self.path = path
        self.mode = mode
        self.busyTimeout = busyTimeout

        let state = try DatabaseFile.inspect(path)
        switch (state, mode) {
        case (.absent, .readOnly), (.empty, .readOnly):
            throw .missing(path: path)
        case (.absent, .readWrite):
            try DatabaseFile.createPrivate(path)
        case (.nonEmpty, _):
            try Self.checkIntegrity(path: path, busyTimeout: busyTimeout)
        case (.empty, .readWrite):
            break
        }

        var configuration = Configuration()
        configuration.readonly = mode == .readOnly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "triage.incidents"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.storeError(error, path: path, busyTimeout: busyTimeout)
        }

        switch mode {
        case .readWrite:
            try Self.access(path: path, busyTimeout: busyTimeout) {
                // On a read-only file system SQLite quietly opens the file read-only instead of
                // failing; every write would then fail. Refuse the open, so the caller knows now.
                let writable = try pool.writeWithoutTransaction { db in
                    db.sqliteConnection.map { sqlite3_db_readonly($0, "main") == 0 } ?? false
                }
                guard writable else {
                    throw StoreError.readOnly(path: path, reason: "read-only file system or no write permission")
                }
                // GRDB sets NORMAL for WAL; FULL also syncs the WAL at every commit (power-loss safe).
                try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
                try Self.migrate(pool, path: path)
            }
            // Every read-write open, not only the first: a database copied in or left 0644 by an
            // older version is made private too.
            DatabaseFile.makePrivate(path)
        case .readOnly:
            try Self.access(path: path, busyTimeout: busyTimeout) {
                try pool.read { db in
                    let migrator = IncidentSchema.migrator
                    if try migrator.hasBeenSuperseded(db) {
                        throw StoreError.incompatible(path: path, reason: "written by a newer triage")
                    }
                    if try !migrator.hasCompletedMigrations(db) {
                        throw StoreError.incompatible(
                            path: path, reason: "schema not up to date: open it once without --read-only")
                    }
                }
            }
        }
    }

    /// Opens the database in a state directory (see `StateDirectory`).
    public convenience init(
        stateDirectory: String, mode: Mode = .readWrite, busyTimeout: TimeInterval = 5
    ) throws(StoreError) {
        try self.init(
            path: StateDirectory.databasePath(inDirectory: stateDirectory), mode: mode, busyTimeout: busyTimeout)
    }

    /// Closes every connection now rather than at deinit; later calls fail.
    ///
    /// A read-write store first copies the WAL into the database file (a passive checkpoint, which
    /// never waits for other processes), so the file alone holds everything after the close.
    public func close() throws(StoreError) {
        if mode == .readWrite {
            _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.passive) }
        }
        try access { try pool.close() }
    }

    // MARK: - Opening

    /// Checks an existing file on a read-only connection before anything (WAL set-up, migrations)
    /// could write to it: SQLite rejects a file without its header (`SQLITE_NOTADB`) or whose header
    /// promises pages the file does not have, the quick check walks every b-tree, the size must
    /// be whole pages, and the schema must not be from a newer triage.
    static func checkIntegrity(path: String, busyTimeout: TimeInterval) throws(StoreError) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let (pageSize, result, superseded) = try queue.read { db in
                (
                    try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0,
                    try String.fetchAll(db, sql: "PRAGMA quick_check(5)"),
                    try IncidentSchema.migrator.hasBeenSuperseded(db)
                )
            }
            try queue.close()
            if result != ["ok"] {
                throw StoreError.corrupt(path: path, reason: result.joined(separator: "; "))
            }
            try DatabaseFile.checkWholePages(path: path, pageSize: pageSize)
            // Here, on the read-only connection, not after the pool is open: setting up the pool
            // (WAL, synchronous, the writability probe) and closing it writes to the file, and a
            // newer triage's database must come back exactly as it was.
            if superseded {
                throw StoreError.incompatible(path: path, reason: "written by a newer triage")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw storeError(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// Applies missing migrations, refusing a database from a newer triage.
    ///
    /// Checks in a read first, so opening an up-to-date database never takes the write lock.
    static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = IncidentSchema.migrator
        let (superseded, complete) = try pool.read { db in
            (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
        }
        if superseded {
            throw StoreError.incompatible(path: path, reason: "written by a newer triage")
        }
        if !complete {
            try migrator.migrate(pool)
        }
    }

    // MARK: - Errors

    /// Runs database work, turning every error into a `StoreError`.
    func access<T>(_ work: () throws -> T) throws(StoreError) -> T {
        try Self.access(path: path, busyTimeout: busyTimeout, work)
    }

    static func access<T>(path: String, busyTimeout: TimeInterval, _ work: () throws -> T) throws(StoreError) -> T {
        do {
            return try work()
        } catch let error as StoreError {
            throw error
        } catch {
            throw storeError(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// Maps SQLite result codes to the cases callers act on.
    static func storeError(_ error: any Error, path: String, busyTimeout: TimeInterval) -> StoreError {
        guard let error = error as? DatabaseError else {
            return .failed(path: path, reason: String(describing: error))
        }
        let reason = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked(path: path, waitedSeconds: busyTimeout)
        case .SQLITE_READONLY:
            return .readOnly(path: path, reason: reason)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .corrupt(path: path, reason: reason)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .unreadable(path: path, reason: reason)
        default:
            return .failed(path: path, reason: reason)
        }
    }
}
