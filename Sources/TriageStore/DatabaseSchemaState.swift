import Foundation
import GRDB

/// Which schema migrations an incident database has, read without writing to it.
public struct DatabaseSchemaState: Sendable, Equatable {
    /// Migrations recorded in the file, in the order applied.
    public var applied: [String]
    /// Migrations this build knows, in order.
    public var known: [String]

    /// Migrations the file has that this build does not know: a newer triage wrote it.
    public var unknown: [String] { applied.filter { !known.contains($0) } }
    /// Migrations this build would still apply on the next read-write open.
    public var pending: [String] { known.filter { !applied.contains($0) } }

    /// The file's state, opened read-only (never migrated, never created); throws when SQLite
    /// cannot read it.
    public static func read(databasePath: String) throws -> DatabaseSchemaState {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        defer { try? queue.close() }
        let migrator = IncidentSchema.migrator
        let applied = try queue.read { db in try migrator.appliedIdentifiers(db) }
        return DatabaseSchemaState(applied: applied.sorted(), known: migrator.migrations)
    }
}
