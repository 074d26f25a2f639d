import Foundation

/// What the dashboard's panes were built from at one moment, as recorded: for each source
/// ("services", "docker:local", "kube:lab", "host", "probes"), its rows by key, each row a compact
/// JSON body. The row with the empty key is the source's own (its failure, when it last answered).
///
/// Sources keep the order they were first set in, rows the order they were first seen in: the order
/// the panes list them in when nothing else sorts them.
public struct SourceRows: Sendable, Equatable {
    /// One source's rows.
    public struct Table: Sendable, Equatable {
        public private(set) var keys: [String] = []
        public private(set) var bodies: [String: String] = [:]

        public init() {}

        /// The rows in order, as (key, body).
        public var rows: [(key: String, body: String)] { keys.compactMap { key in bodies[key].map { (key, $0) } } }

        mutating func set(_ key: String, _ body: String?) {
            if let body {
                if bodies.updateValue(body, forKey: key) == nil { keys.append(key) }
            } else if bodies.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public private(set) var sources: [String] = []
    public private(set) var tables: [String: Table] = [:]

    public init() {}

    public subscript(source: String) -> Table? { tables[source] }

    /// Sets one row (nil removes it); a source whose last row goes is dropped.
    public mutating func set(source: String, key: String, body: String?) {
        var table = tables[source] ?? Table()
        let isNew = tables[source] == nil
        table.set(key, body)
        if table.keys.isEmpty {
            if !isNew { sources.removeAll { $0 == source } }
            tables[source] = nil
        } else {
            if isNew { sources.append(source) }
            tables[source] = table
        }
    }

    /// The body of one row.
    public func body(source: String, key: String) -> String? { tables[source]?.bodies[key] }

    /// Every row, source by source, in order.
    public var all: [(source: String, key: String, body: String)] {
        sources.flatMap { source in (tables[source]?.rows ?? []).map { (source, $0.key, $0.body) } }
    }

    /// The changes that turn `old` into `self`: rows new or changed (in this value's order), then rows gone.
    public func changes(since old: SourceRows, at time: Date) -> [SourceRowChange] {
        var result: [SourceRowChange] = []
        for (source, key, body) in all where old.body(source: source, key: key) != body {
            result.append(SourceRowChange(time: time, source: source, key: key, body: body))
        }
        for (source, key, _) in old.all where body(source: source, key: key) == nil {
            result.append(SourceRowChange(time: time, source: source, key: key, body: nil))
        }
        return result
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
