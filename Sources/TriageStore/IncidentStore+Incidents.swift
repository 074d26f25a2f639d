import Foundation
import GRDB
import TriageCore

extension IncidentStore {
    // MARK: - Reading

    /// Every incident, most recently started first.
    public func listIncidents() throws(StoreError) -> [Incident] {
        let rows = try access {
            try pool.read { try IncidentRow.order(Column("startedAt").desc, Column("id").desc).fetchAll($0) }
        }
        return try rows.map { row throws(StoreError) in try row.incident(path: path) }
    }

    /// The incident with this id.
    /// - Throws: `.notFound` when there is none.
    public func incident(id: String) throws(StoreError) -> Incident {
        let row = try access { try pool.read { try IncidentRow.fetchOne($0, key: id) } }
        guard let row else { throw .notFound(incidentID: id) }
        return try row.incident(path: path)
    }

    /// The most recently started incident that is not resolved and not a drill: what `triage` and
    /// `triage wall` open by default (a drill is opened only by naming it).
    public func latestOpenIncident() throws(StoreError) -> Incident? {
        let row = try access {
            try pool.read {
                try IncidentRow
                    .filter(Column("status") != IncidentStatus.resolved.rawValue)
                    .filter(sql: "id NOT IN (SELECT incidentID FROM incidentDrill)")
                    .order(Column("startedAt").desc, Column("id").desc)
                    .fetchOne($0)
            }
        }
        return try row?.incident(path: path)
    }

    // MARK: - Writing

    /// Declares an incident (status Investigating) and records the declaration in its timeline.
    ///
    /// The id is "INC-" plus the UTC start minute ("INC-20261123-1942"), with "-2", "-3"… appended
    /// when another incident already took that minute.
    @discardableResult
    public func createIncident(
        title: String, severity: String, runbookPath: String? = nil, runbookHash: String? = nil,
        commander: String? = nil, detectedAt: Date? = nil, at time: Date = Date(), actor: String
    ) throws(StoreError) -> Incident {
        // The title, severity and commander are stored on the incident row itself, not only in the
        // (redacted) timeline, so they pass the redactor too: a token pasted into a title must not sit
        // in the file.
        let title = SecretRedactor.redact(title)
        let severity = SecretRedactor.redact(severity)
        let commander = commander.map(SecretRedactor.redact)
        return try write { db in
            let base = "INC-" + Self.idStamp(time)
            var id = base
            var suffix = 1
            while try IncidentRow.exists(db, key: id) {
                suffix += 1
                id = "\(base)-\(suffix)"
            }
            let incident = Incident(
                id: id, title: title, severity: severity, status: .investigating, commander: commander,
                runbookPath: runbookPath, runbookHash: runbookHash, startedAt: time, detectedAt: detectedAt)
            try IncidentRow(incident).insert(db)
            var text = "Declared \"\(title)\" (\(severity), \(IncidentStatus.investigating.displayName))"
            if let commander { text += ", commander \(commander)" }
            try Self.insertEvent(db, incidentID: id, kind: .status, text: text, actor: actor, time: time)
            return try Self.fetchIncident(db, id: id, path: path)
        }
    }

    /// Ticks or unticks a checklist item, recording a tick/untick event in the same transaction.
    ///
    /// Returns after the commit. When the item already has this state (another session got there
    /// first), nothing is written and the result is false.
    /// - Parameters:
    ///   - label: the item's text for the timeline; the key is used when nil.
    ///   - evidence: what the item was about when ticked; stored with a tick (not an untick) in the
    ///     same transaction, and its line added to the timeline text.
    @discardableResult
    public func setTick(
        incidentID: String, itemKey: String, checked: Bool, actor: String, at time: Date = Date(),
        label: String? = nil, evidence: TickEvidence? = nil
    ) throws(StoreError) -> Bool {
        let evidence = checked ? evidence.map { var e = $0; e.at = time; return e } : nil
        return try write { db in
            try Self.requireIncident(db, id: incidentID)
            let current = try ChecklistTickRow.fetchOne(db, key: ["incidentID": incidentID, "itemKey": itemKey])
            if current?.checked == checked || (current == nil && !checked) { return false }
            try ChecklistTickRow(incidentID: incidentID, itemKey: itemKey, checked: checked, actor: actor, time: time)
                .save(db)
            if let evidence { try TickEvidenceRow(incidentID: incidentID, itemKey: itemKey, evidence: evidence).save(db) }
            try Self.insertEvent(
                db, incidentID: incidentID, kind: checked ? .tick : .untick,
                text: TickEvidence.timelineText(label: label ?? itemKey, evidence: evidence), actor: actor, time: time)
            return true
        }
    }

    /// Adds a note to the timeline (redacted before it is stored).
    @discardableResult
    public func addNote(
        incidentID: String, text: String, actor: String, at time: Date = Date()
    ) throws(StoreError) -> TimelineEvent {
        try appendEvent(incidentID: incidentID, kind: .note, text: text, actor: actor, at: time)
    }

    /// Changes the severity ("P2" → "P1"); returns false, writing nothing, when it is unchanged.
    @discardableResult
    public func setSeverity(
        incidentID: String, severity: String, actor: String, at time: Date = Date()
    ) throws(StoreError) -> Bool {
        let severity = SecretRedactor.redact(severity)  // free text on the row, like the title
        return try write { db in
            var row = try Self.requireIncident(db, id: incidentID)
            guard row.severity != severity else { return false }
            let old = row.severity
            row.severity = severity
            try row.update(db)
            try Self.insertEvent(
                db, incidentID: incidentID, kind: .severity, text: "Severity \(old) → \(severity)", actor: actor,
                time: time)
            return true
        }
    }

    /// Moves the incident to a new status, keeping the milestone times in step.
    ///
    /// `mitigatedAt` is set when the incident first reaches Monitoring or Resolved (the impact has
    /// stopped) and cleared when it falls back to an earlier status (the fix did not hold).
    /// `resolvedAt` is set on Resolved and cleared on reopening. Returns false when unchanged.
    @discardableResult
    public func setStatus(
        incidentID: String, status: IncidentStatus, actor: String, at time: Date = Date()
    ) throws(StoreError) -> Bool {
        try write { db in
            var row = try Self.requireIncident(db, id: incidentID)
            let old = IncidentStatus(rawValue: row.status)
            guard old != status else { return false }
            row.status = status.rawValue
            if status.isMitigated {
                if row.mitigatedAt == nil { row.mitigatedAt = time }
            } else {
                row.mitigatedAt = nil
            }
            row.resolvedAt = status == .resolved ? time : nil
            try row.update(db)
            let from = old?.displayName ?? row.status
            try Self.insertEvent(
                db, incidentID: incidentID, kind: .status, text: "Status \(from) → \(status.displayName)",
                actor: actor, time: time)
            return true
        }
    }

    /// Hands command to someone (nil clears it); returns false when unchanged.
    @discardableResult
    public func setCommander(
        incidentID: String, commander: String?, actor: String, at time: Date = Date()
    ) throws(StoreError) -> Bool {
        let commander = commander.map(SecretRedactor.redact)
        return try write { db in
            var row = try Self.requireIncident(db, id: incidentID)
            guard row.commander != commander else { return false }
            let old = row.commander
            row.commander = commander
            try row.update(db)
            var text = commander.map { "Commander: \($0)" } ?? "Commander cleared"
            if let old { text += " (was \(old))" }
            try Self.insertEvent(db, incidentID: incidentID, kind: .commander, text: text, actor: actor, time: time)
            return true
        }
    }

    /// Acknowledges the incident; only the first acknowledgement counts (and is recorded).
    /// Returns true when this call acknowledged it.
    @discardableResult
    public func acknowledge(incidentID: String, actor: String, at time: Date = Date()) throws(StoreError) -> Bool {
        try write { db in
            var row = try Self.requireIncident(db, id: incidentID)
            guard row.acknowledgedAt == nil else { return false }
            row.acknowledgedAt = time
            try row.update(db)
            try Self.insertEvent(db, incidentID: incidentID, kind: .ack, text: "Acknowledged", actor: actor, time: time)
            return true
        }
    }

    // MARK: - Support

    /// A write transaction: synchronous, durable on return, errors mapped.
    func write<T>(_ work: (Database) throws -> T) throws(StoreError) -> T {
        try access { try pool.write(work) }
    }

    @discardableResult
    static func requireIncident(_ db: Database, id: String) throws -> IncidentRow {
        guard let row = try IncidentRow.fetchOne(db, key: id) else { throw StoreError.notFound(incidentID: id) }
        return row
    }

    static func fetchIncident(_ db: Database, id: String, path: String) throws -> Incident {
        try requireIncident(db, id: id).incident(path: path)
    }

    /// "20261123-1942" for an instant, in UTC so ids agree across time zones.
    static func idStamp(_ time: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: time)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(c.year ?? 0)\(two(c.month))\(two(c.day))-\(two(c.hour))\(two(c.minute))"
    }
}
