/// The Logs pane's state as a value: the merged lines, what is shown, where the view is, and the
/// rows to draw.
///
/// The UI owns one and mutates it in place: ``apply(_:)`` each frame with the hub's new lines (work
/// proportional to the new lines only), key handlers call the mutating commands, and
/// ``visibleRows(height:width:)`` lays out only what is on screen. The shown-line and search-match
/// indexes are sorted position lists kept up to date line by line; only changing a filter, the
/// search or the source selection rescans what is held.
public struct LogPaneModel: Sendable {
    public private(set) var view: MergedLogView
    /// Sources in the order they were first seen, with their latest status.
    public private(set) var sources: [LogSourceStatus] = []

    // MARK: Settings
    public private(set) var wrap = false
    public private(set) var showTimestamps = true
    /// Offset from UTC for the timestamp column (the app sets it from the local zone).
    public var utcOffsetSeconds = 0
    /// Rows the pane had at the last layout; paging and match centring use it.
    public var viewportHeight = 20
    public private(set) var search: LogQuery?
    public private(set) var filter: LogQuery?
    public private(set) var exclude: LogQuery?
    public private(set) var hiddenSources: Set<LogSourceID> = []

    // MARK: Indexes (sorted positions into `view`)
    private var shown: [Int] = []
    private var matches: [Int] = []

    // MARK: Position
    /// Position of the bottom line while paused; nil while following.
    public private(set) var anchor: Int?
    /// Position of the match last jumped to.
    public private(set) var currentMatch: Int?
    /// The view's end position when following stopped: lines from there on are "new".
    private var pausedAt: Int?

    public init(capacityPerSource: Int = 10_000, reorderWindow: Duration = .milliseconds(250)) {
        view = MergedLogView(capacityPerSource: capacityPerSource, reorderWindow: reorderWindow)
    }

    // MARK: Ingest

    /// Takes a hub batch: its lines and source statuses.
    public mutating func apply(_ batch: LogBatch) {
        if !batch.sources.isEmpty { updateSources(batch.sources) }
        ingest(batch.lines)
    }

    /// Replaces source statuses (new sources are appended in order).
    public mutating func updateSources(_ statuses: [LogSourceStatus]) {
        for status in statuses {
            if let i = sources.firstIndex(where: { $0.source.id == status.source.id }) {
                sources[i] = status
            } else {
                sources.append(status)
            }
        }
    }

    /// Adds lines in arrival order.
    public mutating func ingest(_ lines: [LogLine]) {
        for line in lines { ingest(line) }
        trimFront()
        if let compaction = view.compactIfNeeded() { remap(compaction) }
    }

    private mutating func ingest(_ line: LogLine) {
        let insertion = view.append(line)
        let p = insertion.position
        if insertion.reordered {
            shiftUp(&shown, from: p)
            shiftUp(&matches, from: p)
            if let a = anchor, a >= p { anchor = a + 1 }
            if let c = currentMatch, c >= p { currentMatch = c + 1 }
            if let e = pausedAt, e > p { pausedAt = e + 1 }
        }
        guard isShown(line) else { return }
        insertSorted(&shown, p)
        if let search, search.matches(line.text) { insertSorted(&matches, p) }
    }

    private func isShown(_ line: LogLine) -> Bool {
        if hiddenSources.contains(line.source) { return false }
        if let filter, !filter.matches(line.text) { return false }
        if let exclude, exclude.matches(line.text) { return false }
        return true
    }

    private func shiftUp(_ list: inout [Int], from position: Int) {
        var i = list.count - 1
        while i >= 0, list[i] >= position {
            list[i] += 1
            i -= 1
        }
    }

    private func insertSorted(_ list: inout [Int], _ position: Int) {
        if let last = list.last, last > position {
            list.insert(position, at: Self.upperBound(list, position))
        } else {
            list.append(position)
        }
    }

    /// Drops index entries for lines evicted from the front.
    private mutating func trimFront() {
        let start = view.startPosition
        if let first = shown.first, first < start { shown.removeFirst(Self.lowerBound(shown, start)) }
        if let first = matches.first, first < start { matches.removeFirst(Self.lowerBound(matches, start)) }
        if let c = currentMatch, c < start { currentMatch = nil }
    }

    private mutating func remap(_ compaction: MergedLogView.Compaction) {
        compaction.remap(&shown)
        compaction.remap(&matches)
        if let a = anchor { anchor = compaction.map(a) }
        if let e = pausedAt { pausedAt = compaction.map(e) }
        if let c = currentMatch { currentMatch = compaction.map(c) }
    }

    /// Rebuilds the shown and match indexes from the held lines (after a filter or source change).
    private mutating func rebuild() {
        shown.removeAll(keepingCapacity: true)
        matches.removeAll(keepingCapacity: true)
        for p in view.startPosition..<view.endPosition {
            guard let line = view.line(at: p), isShown(line) else { continue }
            shown.append(p)
            if let search, search.matches(line.text) { matches.append(p) }
        }
    }

    private mutating func rebuildMatches() {
        matches.removeAll(keepingCapacity: true)
        guard let search else { return }
        for p in shown {
            if let line = view.line(at: p), search.matches(line.text) { matches.append(p) }
        }
        if let c = currentMatch, Self.indexOf(matches, c) == nil { currentMatch = nil }
    }

    // MARK: Following and scrolling

    public var isFollowing: Bool { anchor == nil }

    /// Lines that arrived (and pass the filters) since following stopped: the N of "paused, N new lines".
    public var newLinesWhilePaused: Int {
        guard anchor != nil, let pausedAt else { return 0 }
        return shown.count - Self.lowerBound(shown, pausedAt)
    }

    /// Lines below the bottom of the paused view (0 while following), for a scroll indicator.
    public var linesBelow: Int {
        guard let anchor else { return 0 }
        return shown.count - Self.upperBound(shown, anchor)
    }

    /// Stops following at `position`, remembering where new lines start.
    private mutating func pause(at position: Int) {
        if anchor == nil { pausedAt = view.endPosition }
        anchor = position
    }

    /// Number of lines passing the filters (evicted ones excluded once compacted).
    public var shownCount: Int { shown.count }

    /// Number of search matches among the shown lines.
    public var matchCount: Int { matches.count }

    /// The 1-based index of the current match among all matches, for "match 3/17".
    public var currentMatchIndex: Int? {
        guard let c = currentMatch, let i = Self.indexOf(matches, c) else { return nil }
        return i + 1
    }

    /// Index in `shown` of the bottom line (the last line at or before the anchor).
    private var bottomIndex: Int {
        guard let anchor else { return shown.count - 1 }
        return max(0, Self.upperBound(shown, anchor) - 1)
    }

    /// Scrolls toward older lines by `lines`; pauses following.
    public mutating func scrollUp(_ lines: Int = 1) {
        guard !shown.isEmpty else { return }
        let index = max(0, bottomIndex - max(0, lines))
        pause(at: shown[index])
    }

    /// Scrolls toward newer lines by `lines`; stays paused (``resume()`` follows again).
    public mutating func scrollDown(_ lines: Int = 1) {
        guard anchor != nil, !shown.isEmpty else { return }
        let index = min(shown.count - 1, bottomIndex + max(0, lines))
        anchor = shown[index]
    }

    public mutating func pageUp() { scrollUp(max(1, viewportHeight - 1)) }
    public mutating func pageDown() { scrollDown(max(1, viewportHeight - 1)) }

    /// Goes to the oldest line held (`g` / Home).
    public mutating func scrollToTop() {
        guard !shown.isEmpty else { return }
        pause(at: shown[min(shown.count - 1, max(0, viewportHeight - 1))])
    }

    /// Follows the newest lines again (`G` / End).
    public mutating func resume() {
        anchor = nil
        pausedAt = nil
    }

    /// "following" or "paused, N new lines", for the pane's status line.
    public var statusText: String {
        guard anchor != nil else { return "following" }
        let n = newLinesWhilePaused
        return "paused, \(n) new line\(n == 1 ? "" : "s")"
    }

    // MARK: Search, filter, exclude

    /// Sets the `/` search (nil or empty clears it). Shown lines stay; matches get highlighted.
    public mutating func setSearch(_ text: String?) throws(LogQuery.ParseError) {
        let query = try Self.query(text)
        guard query != search else { return }
        search = query
        currentMatch = nil
        rebuildMatches()
    }

    /// Sets the `F` filter: only matching lines are shown.
    public mutating func setFilter(_ text: String?) throws(LogQuery.ParseError) {
        let query = try Self.query(text)
        guard query != filter else { return }
        filter = query
        rebuild()
    }

    /// Sets the `!` exclusion: matching lines are hidden.
    public mutating func setExclude(_ text: String?) throws(LogQuery.ParseError) {
        let query = try Self.query(text)
        guard query != exclude else { return }
        exclude = query
        rebuild()
    }

    private static func query(_ text: String?) throws(LogQuery.ParseError) -> LogQuery? {
        guard let text, !text.isEmpty else { return nil }
        return try LogQuery(text)
    }

    /// Jumps to the next (newer) match, pausing and keeping context around it. From following, goes
    /// to the newest match. Returns false when there is none further.
    @discardableResult
    public mutating func nextMatch() -> Bool {
        guard !matches.isEmpty else { return false }
        let target: Int
        if let c = currentMatch {
            let i = Self.upperBound(matches, c)
            guard i < matches.count else { return false }
            target = matches[i]
        } else if let anchor {
            let i = Self.upperBound(matches, anchor)
            target = matches[min(i, matches.count - 1)]
        } else {
            target = matches[matches.count - 1]
        }
        jump(to: target)
        return true
    }

    /// Jumps to the previous (older) match; from following, to the newest match.
    @discardableResult
    public mutating func previousMatch() -> Bool {
        guard !matches.isEmpty else { return false }
        let target: Int
        if let c = currentMatch {
            let i = Self.lowerBound(matches, c)
            guard i > 0 else { return false }
            target = matches[i - 1]
        } else if let anchor {
            let i = Self.upperBound(matches, anchor)
            target = matches[max(0, i - 1)]
        } else {
            target = matches[matches.count - 1]
        }
        jump(to: target)
        return true
    }

    /// Pauses with `position` about mid-screen so lines around the match stay visible.
    private mutating func jump(to position: Int) {
        currentMatch = position
        guard let index = Self.indexOf(shown, position) else { return }
        let below = max(0, viewportHeight / 2)
        pause(at: shown[min(shown.count - 1, index + below)])
    }

    // MARK: Sources, toggles, clear

    /// Shows or hides one source's lines (`s`).
    public mutating func setSource(_ id: LogSourceID, visible: Bool) {
        let changed = visible ? hiddenSources.remove(id) != nil : hiddenSources.insert(id).inserted
        if changed { rebuild() }
    }

    public mutating func toggleSource(_ id: LogSourceID) {
        setSource(id, visible: hiddenSources.contains(id))
    }

    public func isSourceVisible(_ id: LogSourceID) -> Bool { !hiddenSources.contains(id) }

    /// `w`
    public mutating func toggleWrap() { wrap.toggle() }
    /// `t`
    public mutating func toggleTimestamps() { showTimestamps.toggle() }

    /// `c`: forgets every held line and follows again; counts and sparklines stay.
    public mutating func clear() {
        view.clear()
        shown.removeAll()
        matches.removeAll()
        anchor = nil
        pausedAt = nil
        currentMatch = nil
    }

    // MARK: Rows

    /// One screen row of the pane.
    public struct Row: Sendable, Equatable {
        public var source: LogSourceID
        /// The source's short name (empty on a wrapped continuation row).
        public var sourceName: String
        public var sourceColor: Int
        /// `HH:MM:SS.mmm`, when timestamps are on (nil on continuation rows and when off).
        public var timestampText: String?
        /// The row's text, fitted to the text column width.
        public var text: String
        public var severity: LogSeverity
        /// Search matches as display-column ranges within `text`.
        public var highlights: [Range<Int>]
        /// Whether this row holds the match last jumped to.
        public var isCurrentMatch: Bool
        /// A wrapped line's second and later rows.
        public var isContinuation: Bool
    }

    /// The rows on screen plus the column layout for drawing them.
    public struct Frame: Sendable, Equatable {
        public var rows: [Row]
        /// Columns of the source-name column (names are cut to it); the timestamp starts after it and a space.
        public var nameWidth: Int
        /// Columns of the timestamp column (0 when off).
        public var timestampWidth: Int
        /// Column where the text starts.
        public var textColumn: Int
        public var textWidth: Int
        public var status: String
    }

    public static let timestampWidth = 12
    /// Source labels take the widest visible name, up to a third of the width (never less than 12
    /// columns): two pods of one deployment (`payments-6b8d-crash`, `payments-6b8d-x2x9q`) must not
    /// both read `payments-6b…`.
    public static let maxNameWidth = 12
    public static func nameWidthLimit(width: Int) -> Int { max(maxNameWidth, width / 3) }

    /// Lays out the bottom `height` rows of the view (the newest when following), `width` columns wide.
    public func visibleRows(height: Int, width: Int) -> Frame {
        var nameWidth = 0
        for status in sources where !hiddenSources.contains(status.source.id) {
            nameWidth = max(nameWidth, DisplayWidth.of(status.source.shortName))
        }
        nameWidth = min(Self.nameWidthLimit(width: width), nameWidth)
        let tsWidth = showTimestamps ? Self.timestampWidth : 0
        let textColumn = (nameWidth > 0 ? nameWidth + 1 : 0) + (tsWidth > 0 ? tsWidth + 1 : 0)
        let textWidth = max(1, width - textColumn)
        var frame = Frame(rows: [], nameWidth: nameWidth, timestampWidth: tsWidth, textColumn: textColumn,
                          textWidth: textWidth, status: statusText)
        guard height > 0, !shown.isEmpty else { return frame }

        var names: [Int: (String, Int)] = [:]
        for status in sources {
            names[status.source.id.rawValue] = (DisplayWidth.truncate(status.source.shortName, to: max(1, nameWidth)),
                                                status.source.colorIndex)
        }
        func block(at index: Int) -> [Row]? {
            let position = shown[index]
            guard let line = view.line(at: position) else { return nil }
            let (name, color) = names[line.source.rawValue] ?? (String(line.source.rawValue), line.source.rawValue)
            return layoutRows(for: line, name: name, color: color, textWidth: textWidth, isCurrent: position == currentMatch)
        }
        // A paused bottom line that was evicted since: the next live one stands in for it.
        var bottom = bottomIndex
        while bottom < shown.count - 1, view.line(at: shown[bottom]) == nil { bottom += 1 }
        var blocks: [[Row]] = []
        var rowCount = 0
        var index = bottom
        while index >= 0, rowCount < height {
            if let rows = block(at: index) {
                blocks.append(rows)
                rowCount += rows.count
            }
            index -= 1
        }
        var rows: [Row] = []
        rows.reserveCapacity(max(rowCount, height))
        for block in blocks.reversed() { rows.append(contentsOf: block) }
        if rows.count > height { rows.removeFirst(rows.count - height) }
        // Paused near the top: fill the rest of the screen with the lines below.
        index = bottom + 1
        while rows.count < height, index < shown.count {
            if let more = block(at: index) { rows.append(contentsOf: more.prefix(height - rows.count)) }
            index += 1
        }
        frame.rows = rows
        return frame
    }

    private func layoutRows(for line: LogLine, name: String, color: Int, textWidth: Int, isCurrent: Bool) -> [Row] {
        let stamp = showTimestamps ? line.effectiveTime.clockText(utcOffsetSeconds: utcOffsetSeconds) : nil
        let byteRanges = search?.matchRanges(in: line.text) ?? []
        // Printable ASCII with no match to mark, not wrapped (most lines): a byte is a character and
        // a column, so the row is the text, or its first columns and `…`, as the walk below cuts it
        // without reading it a `Character` at a time (docs/PERFORMANCE.md (a), round three).
        if !wrap, byteRanges.isEmpty, let width = DisplayWidth.printableASCIIWidth(line.text.utf8) {
            let text = width <= textWidth ? line.text : String(decoding: line.text.utf8.prefix(max(0, textWidth - 1)), as: UTF8.self) + "…"
            return [Row(source: line.source, sourceName: name, sourceColor: color, timestampText: stamp, text: text,
                        severity: line.severity, highlights: [], isCurrentMatch: isCurrent, isContinuation: false)]
        }
        var segments: [(text: String, highlights: [Range<Int>])] = []
        // Walk graphemes once, cutting rows by columns and mapping byte ranges to columns.
        var current = ""
        var currentHighlights: [Range<Int>] = []
        var column = 0
        var byteOffset = 0
        var rangeIndex = 0
        var openStart: Int?
        let fits = wrap || DisplayWidth.of(line.text) <= textWidth
        let cutWidth = fits ? textWidth : max(0, textWidth - 1)
        var truncated = false
        for character in line.text {
            let w = DisplayWidth.of(character)
            if column + w > cutWidth, column > 0 || !wrap {
                if !wrap {
                    truncated = true
                    break
                }
                if let s = openStart { currentHighlights.append(s..<column) }
                segments.append((current, currentHighlights))
                current = ""
                currentHighlights = []
                column = 0
                openStart = openStart == nil ? nil : 0
            }
            let size = character.utf8.count
            while rangeIndex < byteRanges.count, byteRanges[rangeIndex].upperBound <= byteOffset {
                if let s = openStart { currentHighlights.append(s..<column) }
                openStart = nil
                rangeIndex += 1
            }
            if openStart == nil, rangeIndex < byteRanges.count, byteRanges[rangeIndex].lowerBound < byteOffset + size {
                openStart = column
            }
            current.append(character)
            column += w
            byteOffset += size
        }
        if let s = openStart, column > s { currentHighlights.append(s..<column) }
        if truncated {
            current.append("…")
        }
        segments.append((current, currentHighlights))
        return segments.enumerated().map { i, segment in
            Row(source: line.source, sourceName: i == 0 ? name : "", sourceColor: color,
                timestampText: i == 0 ? stamp : nil, text: segment.text, severity: line.severity,
                highlights: segment.highlights, isCurrentMatch: isCurrent, isContinuation: i > 0)
        }
    }

    // MARK: Sorted-list helpers

    static func lowerBound(_ list: [Int], _ value: Int) -> Int {
        var lo = 0
        var hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func upperBound(_ list: [Int], _ value: Int) -> Int {
        var lo = 0
        var hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func indexOf(_ list: [Int], _ value: Int) -> Int? {
        let i = lowerBound(list, value)
        return i < list.count && list[i] == value ? i : nil
    }
}
