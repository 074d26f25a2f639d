import GRDB

/// The database schema as an ordered list of migrations; each runs once, in its own transaction.
///
/// Never edit a shipped migration: add a new one. A database that has migrations this build does not
/// know (written by a newer triage) is refused rather than touched.
enum IncidentSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-incidents-timeline-ticks") { db in
            try db.create(table: "incident") { t in
                t.primaryKey("id", .text)
                t.column("title", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("status", .text).notNull()
                t.column("commander", .text)
                t.column("runbookPath", .text)
                t.column("runbookHash", .text)
                t.column("startedAt", .datetime).notNull()
                t.column("detectedAt", .datetime)
                t.column("acknowledgedAt", .datetime)
                t.column("mitigatedAt", .datetime)
                t.column("resolvedAt", .datetime)
            }
            try db.create(index: "incident_on_startedAt", on: "incident", columns: ["startedAt"])
            try db.create(table: "timelineEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("incidentID", .text).notNull()
                    .references("incident", onDelete: .cascade)
                t.column("time", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("text", .text).notNull()
                t.column("automatic", .boolean).notNull()
            }
            try db.create(
                index: "timelineEvent_on_incident_time", on: "timelineEvent", columns: ["incidentID", "time"])
            try db.create(table: "checklistTick") { t in
                t.column("incidentID", .text).notNull()
                    .references("incident", onDelete: .cascade)
                t.column("itemKey", .text).notNull()
                t.column("checked", .boolean).notNull()
                t.column("actor", .text).notNull()
                t.column("time", .datetime).notNull()
                t.primaryKey(["incidentID", "itemKey"])
            }
        }
        migrator.registerMigration("v2-picture-recording") { db in
            // The outage picture recorded while an incident is open (see IncidentStore+Recording):
            // transitions, the Logs pane's lines around each, and a key frame of the whole picture
            // once a minute. `state` is null for an entity that left the picture.
            try db.create(table: "pictureTransition") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("incidentID", .text).notNull()
                    .references("incident", onDelete: .cascade)
                t.column("time", .datetime).notNull()
                t.column("key", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("state", .text)
                t.column("reason", .text)
                /// The rest of the entity (kind, name, source, since, the state before) as compact JSON.
                t.column("figures", .text).notNull()
            }
            try db.create(
                index: "pictureTransition_on_incident_time", on: "pictureTransition", columns: ["incidentID", "time"])
            try db.create(table: "pictureLogLine") { t in
                t.column("transitionID", .integer).notNull()
                    .references("pictureTransition", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("text", .text).notNull()
                t.primaryKey(["transitionID", "position"])
            }
            try db.create(table: "pictureKeyFrame") { t in
                t.column("incidentID", .text).notNull()
                    .references("incident", onDelete: .cascade)
                t.column("time", .datetime).notNull()
                t.column("frame", .text).notNull()
                t.primaryKey(["incidentID", "time"], onConflict: .replace)
            }
            // A practice incident run from another incident's recording (`triage drill`).
            try db.create(table: "incidentDrill") { t in
                t.primaryKey("incidentID", .text)
                    .references("incident", onDelete: .cascade)
                t.column("recordingID", .text).notNull()
            }
        }
        // The state of what an item is about when it was ticked (TickEvidence): one row per tick,
        // kept beside the latest-state `checklistTick` row, so an item ticked twice keeps both.
        migrator.registerMigration("v3-tick-evidence") { db in
            try db.create(table: "tickEvidence") { t in
                t.column("incidentID", .text).notNull()
                    .references("incident", onDelete: .cascade)
                t.column("itemKey", .text).notNull()
                t.column("time", .datetime).notNull()
                t.column("entityKey", .text)
                t.column("entityName", .text)
                t.column("state", .text)
                t.column("reason", .text)
                t.column("figures", .text)
                t.column("since", .datetime)
                t.column("summary", .text)
                t.primaryKey(["incidentID", "itemKey", "time"])
            }
        }
        // What the dashboard's panes are built from, recorded while an incident is open (see
        // IncidentStore+SourceRecording): source rows that changed (`body` null for a row that
        // left), a key frame of every row now and then, and the log lines around transitions.
        migrator.registerMigration("v4-source-recording") { db in
            try db.create(table: "sourceRowChange") { t in
                t.column("incidentID", .text).notNull()
                    .references("incident", onDelete: .cascade)
                t.column("time", .datetime).notNull()
                t.column("source", .text).notNull()
                t.column("key", .text).notNull()
                t.column("body", .text)
            }
            try db.create(index: "sourceRowChange_on_incident_time", on: "sourceRowChange", columns: ["incidentID", "time"])
            try db.create(table: "sourceKeyFrame") { t in
                t.column("incidentID", .text).notNull()
                    .references("incident", onDelete: .cascade)
                t.column("time", .datetime).notNull()
                t.column("frame", .text).notNull()
                t.primaryKey(["incidentID", "time"], onConflict: .replace)
            }
            try db.create(table: "sourceLogLine") { t in
                t.column("incidentID", .text).notNull()
                    .references("incident", onDelete: .cascade)
                t.column("time", .datetime).notNull()
                t.column("source", .text).notNull()
                t.column("text", .text).notNull()
            }
            try db.create(index: "sourceLogLine_on_incident_time", on: "sourceLogLine", columns: ["incidentID", "time"])
        }
        return migrator
    }
}
