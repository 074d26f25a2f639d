/// A fixed-capacity FIFO that overwrites its oldest element and counts what it dropped.
///
/// Elements are addressed by a monotonically increasing sequence number, so a reader can ask for
/// "everything after n" without caring how often the ring wrapped.
public struct LogRing<Element>: Sendable where Element: Sendable {
    public let capacity: Int
    private var storage: [Element?]
    private var head = 0
    public private(set) var count = 0
    /// Sequence number of the oldest element held.
    public private(set) var firstSequence: UInt64 = 0
    /// Elements pushed out by newer ones since creation.
    public private(set) var dropped: UInt64 = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage = []
    }

    /// Sequence number the next appended element will get.
    public var nextSequence: UInt64 { firstSequence + UInt64(count) }

    public var isEmpty: Bool { count == 0 }

    /// Appends, overwriting the oldest element when full. Returns the sequence number given.
    @discardableResult
    public mutating func append(_ element: Element) -> UInt64 {
        let sequence = nextSequence
        if storage.count < capacity {
            storage.append(element)
            count += 1
        } else if count < capacity {
            storage[(head + count) % capacity] = element
            count += 1
        } else {
            storage[head] = element
            head = (head + 1) % capacity
            firstSequence += 1
            dropped += 1
        }
        return sequence
    }

    /// The element with that sequence number, if still held.
    public subscript(sequence sequence: UInt64) -> Element? {
        guard sequence >= firstSequence, sequence < nextSequence else { return nil }
        return storage[(head + Int(sequence - firstSequence)) % capacity]
    }

    /// The i-th oldest element held.
    public subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "LogRing index out of range")
        return storage[(head + index) % capacity]!
    }

    /// Elements with sequence numbers after `sequence` (all when nil), oldest first.
    public func elements(after sequence: UInt64?) -> [Element] {
        let start: UInt64 = sequence.map { max($0 + 1, firstSequence) } ?? firstSequence
        guard start < nextSequence else { return [] }
        var result: [Element] = []
        result.reserveCapacity(Int(nextSequence - start))
        for s in start..<nextSequence { result.append(storage[(head + Int(s - firstSequence)) % capacity]!) }
        return result
    }

    /// Removes and returns everything held, oldest first; sequence numbers continue afterwards.
    public mutating func removeAll() -> [Element] {
        let all = elements(after: nil)
        firstSequence = nextSequence
        count = 0
        head = 0
        storage.removeAll(keepingCapacity: true)
        return all
    }

    /// Drops everything without returning it (the lines still count as shown, not as dropped).
    public mutating func clear() {
        firstSequence = nextSequence
        count = 0
        head = 0
        storage.removeAll(keepingCapacity: true)
    }
}
