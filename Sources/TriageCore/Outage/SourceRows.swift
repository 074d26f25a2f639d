import Foundation

/// What the dashboard's panes were built from at one moment, as recorded: for each source
/// ("services", "docker:local", "kube:lab", "host", "probes"), its rows by key, each row a compact
/// JSON body. The row with the empty key is the source's own (its failure, when it last answered).
///
/// Sources keep the order they were first set in, rows the order they were first seen in: the order
/// the panes list them in when nothing else sorts them.
public struct SourceRows: Sendable, Equatable {
    /// One source's rows.
    ///
    /// A table remembers its last changes (``changedKeys(since:)``): the recorder diffs a context of
    /// thousands of pods by the few keys set since the table it saw last, not row by row, and skips
    /// a table that is the very one it saw (a round that changed nothing).
    public struct Table: Sendable, Equatable {
        public private(set) var keys: [String] = []
        public private(set) var bodies: [String: String] = [:]
        /// Who made the last change: a new one at every change, so two tables with the same stamp
        /// are the same contents (copies that changed apart have different stamps).
        private var stamp = Stamp()
        /// The latest changes, oldest first: the stamp each made and the key it set or removed.
        private var journal: [(stamp: Stamp, key: String)] = []

        /// How many changes a table remembers; a table further behind is diffed row by row.
        static let journalLimit = 256

        public init() {}

        /// The rows in order, as (key, body).
        public var rows: [(key: String, body: String)] { keys.compactMap { key in bodies[key].map { (key, $0) } } }

        /// Sets one row (nil removes it); setting a row to the body it has is no change.
        mutating func set(_ key: String, _ body: String?) {
            if let body {
                guard let old = bodies.updateValue(body, forKey: key) else {
                    keys.append(key)
                    noteChange(key)
                    return
                }
                if old != body { noteChange(key) }
            } else if bodies.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
                noteChange(key)
            }
        }

        private mutating func noteChange(_ key: String) {
            stamp = Stamp()
            journal.append((stamp, key))
            if journal.count > 2 * Self.journalLimit { journal.removeFirst(journal.count - Self.journalLimit) }
        }

        /// True when `other` is this very table, unchanged since (one comparison, whatever its size).
        public func isSame(as other: Table) -> Bool { stamp === other.stamp }

        /// The keys set or removed since `old`, oldest first, when this table is `old` with later
        /// changes and remembers them all; nil when it cannot tell (then compare row by row).
        public func changedKeys(since old: Table) -> [String]? {
            if old.stamp === stamp { return [] }
            guard let start = journal.lastIndex(where: { $0.stamp === old.stamp }) else { return nil }
            var seen: Set<String> = []
            return journal[(start + 1)...].compactMap { seen.insert($0.key).inserted ? $0.key : nil }
        }

        /// The same rows in the same order (the journal is how they came about, not what they are).
        public static func == (a: Table, b: Table) -> Bool {
            a.stamp === b.stamp || (a.keys == b.keys && a.bodies == b.bodies)
        }

        /// Who last changed a table: compared by identity only.
        private final class Stamp: Sendable {}
    }

    public private(set) var sources: [String] = []
    public private(set) var tables: [String: Table] = [:]

    public init() {}

    public subscript(source: String) -> Table? { tables[source] }

    /// Sets one row (nil removes it); a source whose last row goes is dropped. The table changes
    /// in place: copying it out and back would copy every row of the source at every set.
    public mutating func set(source: String, key: String, body: String?) {
        if tables[source] == nil {
            guard body != nil else { return }
            sources.append(source)
            tables[source] = Table()
        }
        tables[source]!.set(key, body)
        if tables[source]!.keys.isEmpty {
            sources.removeAll { $0 == source }
            tables[source] = nil
        }
    }

    /// Puts a source's whole table in (an empty one removes the source), keeping the source's place.
    public mutating func set(source: String, table: Table) {
        if table.keys.isEmpty {
            if tables.removeValue(forKey: source) != nil { sources.removeAll { $0 == source } }
            return
        }
        if tables.updateValue(table, forKey: source) == nil { sources.append(source) }
    }

    /// The body of one row.
    public func body(source: String, key: String) -> String? { tables[source]?.bodies[key] }

    /// Every row, source by source, in order.
    public var all: [(source: String, key: String, body: String)] {
        sources.flatMap { source in (tables[source]?.rows ?? []).map { (source, $0.key, $0.body) } }
    }

    /// The changes that turn `old` into `self`: rows new or changed (in this value's order), then rows gone.
    public func changes(since old: SourceRows, at time: Date) -> [SourceRowChange] {
        var compared = 0
        return changes(since: old, at: time, compared: &compared)
    }

    /// The changes, and in `compared` how many rows were looked at to find them: none for a table
    /// that is the very one `old` holds, the keys it changed since for a table that remembers them,
    /// every row of both otherwise.
    public func changes(since old: SourceRows, at time: Date, compared: inout Int) -> [SourceRowChange] {
        var result: [SourceRowChange] = []
        var gone: [SourceRowChange] = []
        for source in sources {
            guard let table = tables[source] else { continue }
            let before = old.tables[source]
            if let before, let keys = table.changedKeys(since: before) {
                compared += keys.count
                for key in keys where before.bodies[key] != table.bodies[key] {
                    if let body = table.bodies[key] {
                        result.append(SourceRowChange(time: time, source: source, key: key, body: body))
                    } else {
                        gone.append(SourceRowChange(time: time, source: source, key: key, body: nil))
                    }
                }
                continue
            }
            compared += table.keys.count + (before?.keys.count ?? 0)
            for (key, body) in table.rows where before?.bodies[key] != body {
                result.append(SourceRowChange(time: time, source: source, key: key, body: body))
            }
            for key in before?.keys ?? [] where table.bodies[key] == nil {
                gone.append(SourceRowChange(time: time, source: source, key: key, body: nil))
            }
        }
        for source in old.sources where tables[source] == nil {
            let keys = old.tables[source]?.keys ?? []
            compared += keys.count
            gone += keys.map { SourceRowChange(time: time, source: source, key: $0, body: nil) }
        }
        return result + gone
    }

    /// Total size of the bodies, for the key frame's spacing.
    public var byteCount: Int { all.reduce(0) { $0 + $1.source.utf8.count + $1.key.utf8.count + $1.body.utf8.count + 3 } }

    /// One line per row, "source TAB key TAB body": bodies are JSON, which never holds a raw tab or
    /// newline, and sources and keys have theirs replaced by spaces.
    public func encoded() -> String {
        all.map { Self.field($0.source) + "\t" + Self.field($0.key) + "\t" + $0.body }.joined(separator: "\n")
    }

    /// Reads what ``encoded()`` wrote; nil for a line that is not three fields.
    public static func decoded(_ text: String) -> SourceRows? {
        var rows = SourceRows()
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            rows.set(source: String(fields[0]), key: String(fields[1]), body: String(fields[2]))
        }
        return rows
    }

    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" })
            ? String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) : text
    }
}

/// One recorded row changing: its new body, or nil when the row left.
public struct SourceRowChange: Sendable, Equatable {
    public var time: Date
    public var source: String
    public var key: String
    public var body: String?

    public init(time: Date, source: String, key: String, body: String?) {
        self.time = time
        self.source = source
        self.key = key
        self.body = body
    }
}
