/// All sources' lines in one order, each source bounded by its own ring capacity.
///
/// Lines are ordered by arrival, except that a line carrying a source timestamp moves back past the
/// lines of *other* sources that arrived within ``reorderWindow`` before it yet are stamped later,
/// so two services' lines interleave by their own clocks when they arrive close together.
///
/// Each line has a position (an `Int` that only grows as lines are appended), so indexes built on
/// top (filtered lines, search matches) are sorted position lists that stay valid as lines are
/// added. A noisy source evicts its own oldest lines, never a quiet source's: evicted lines become
/// dead slots that are skipped, popped from the front, and now and then compacted away; a compaction
/// renumbers positions and reports a ``Compaction`` so indexes can be remapped without rescanning.
public struct MergedLogView: Sendable {
    struct Slot: Sendable {
        var line: LogLine
        /// Per-source count at append, for liveness: alive while >= the source's first live.
        var local: UInt64
    }

    struct SourceCounters: Sendable {
        var nextLocal: UInt64 = 0
        var live = 0
        var evicted: UInt64 = 0
        var firstLive: UInt64 { nextLocal - UInt64(live) }
    }

    /// Lines kept per source.
    public let capacityPerSource: Int
    /// How far back a timestamped line may move past other sources' later-stamped lines.
    public let reorderWindow: Duration

    private var slots: [Slot] = []
    private var head = 0
    /// Position of `slots[head]`.
    public private(set) var startPosition = 0
    private var counters: [SourceCounters] = []
    public private(set) var liveCount = 0

    public init(capacityPerSource: Int = 10_000, reorderWindow: Duration = .milliseconds(250)) {
        self.capacityPerSource = max(1, capacityPerSource)
        self.reorderWindow = reorderWindow
    }

    /// One past the newest line's position.
    public var endPosition: Int { startPosition + slots.count - head }

    /// Lines evicted from a source by its ring bound.
    public func evicted(_ source: LogSourceID) -> UInt64 {
        source.rawValue < counters.count ? counters[source.rawValue].evicted : 0
    }

    /// Live lines held for a source.
    public func count(of source: LogSourceID) -> Int {
        source.rawValue < counters.count ? counters[source.rawValue].live : 0
    }

    /// The line at `position`, or nil when evicted or out of range.
    public func line(at position: Int) -> LogLine? {
        guard position >= startPosition, position < endPosition else { return nil }
        let slot = slots[head + position - startPosition]
        return slot.local >= counters[slot.line.source.rawValue].firstLive ? slot.line : nil
    }

    /// Where a line went and what it disturbed.
    public struct Insertion: Sendable, Equatable {
        /// The new line's position; lines at or after it (before this append) moved up by one.
        public var position: Int
        /// Whether the line went in before the end (reordered by timestamp).
        public var reordered: Bool
    }

    /// Adds a line; evicts its source's oldest line when the source is at capacity.
    @discardableResult
    public mutating func append(_ line: LogLine) -> Insertion {
        let s = line.source.rawValue
        if s >= counters.count { counters.append(contentsOf: repeatElement(SourceCounters(), count: s + 1 - counters.count)) }
        let slot = Slot(line: line, local: counters[s].nextLocal)
        counters[s].nextLocal += 1
        counters[s].live += 1
        liveCount += 1
        if counters[s].live > capacityPerSource {
            counters[s].live -= 1
            counters[s].evicted += 1
            liveCount -= 1
        }
        var index = slots.count
        if let stamp = line.timestamp {
            let earliestArrival = line.arrival - reorderWindow
            var steps = 0
            while index > head, steps < 512 {
                let previous = slots[index - 1].line
                guard previous.source != line.source, let previousStamp = previous.timestamp,
                      previousStamp > stamp, previous.arrival >= earliestArrival
                else { break }
                index -= 1
                steps += 1
            }
        }
        if index == slots.count {
            slots.append(slot)
        } else {
            slots.insert(slot, at: index)
        }
        let insertion = Insertion(position: startPosition + index - head, reordered: index != slots.count - 1)
        popDeadFront()
        return insertion
    }

    private mutating func popDeadFront() {
        while head < slots.count {
            let slot = slots[head]
            if slot.local >= counters[slot.line.source.rawValue].firstLive { break }
            head += 1
            startPosition += 1
        }
        if head > 1024 && head * 2 > slots.count {
            slots.removeFirst(head)
            head = 0
        }
    }

    /// Dead slots in the middle (from a noisy source evicting behind a quiet one's older lines).
    public var deadCount: Int { slots.count - head - liveCount }

    /// Positions removed by a compaction, sorted; everything after shifts down.
    public struct Compaction: Sendable {
        public var removed: [Int]

        /// The new position of a line that was at `position`; a removed position maps to the next live line.
        public func map(_ position: Int) -> Int {
            position - lowerBound(position)
        }

        /// Remaps a sorted position list, dropping removed positions.
        public func remap(_ positions: inout [Int]) {
            var out: [Int] = []
            out.reserveCapacity(positions.count)
            var r = 0
            for p in positions {
                while r < removed.count, removed[r] < p { r += 1 }
                if r < removed.count, removed[r] == p { continue }
                out.append(p - r)
            }
            positions = out
        }

        private func lowerBound(_ position: Int) -> Int {
            var lo = 0
            var hi = removed.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if removed[mid] < position { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    /// Removes dead slots when they outnumber a quarter of the live ones (and at least 1024).
    public mutating func compactIfNeeded() -> Compaction? {
        guard deadCount > max(1024, liveCount / 4) else { return nil }
        return compact()
    }

    /// Removes every dead slot now, renumbering the live ones from ``startPosition``.
    public mutating func compact() -> Compaction {
        var removed: [Int] = []
        var kept: [Slot] = []
        kept.reserveCapacity(liveCount)
        for i in head..<slots.count {
            let slot = slots[i]
            if slot.local >= counters[slot.line.source.rawValue].firstLive {
                kept.append(slot)
            } else {
                removed.append(startPosition + i - head)
            }
        }
        slots = kept
        head = 0
        return Compaction(removed: removed)
    }

    /// Forgets every line (the `c` key); positions keep growing from where they were.
    public mutating func clear() {
        startPosition = endPosition
        slots.removeAll()
        head = 0
        for i in counters.indices {
            counters[i].live = 0
        }
        liveCount = 0
    }
}
