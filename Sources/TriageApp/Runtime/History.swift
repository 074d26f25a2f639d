/// A bounded series of recent samples for sparklines (oldest dropped first).
public struct History: Sendable, Equatable {
    public private(set) var values: [Double?] = []
    public let capacity: Int

    public init(capacity: Int = 120) { self.capacity = capacity }

    public mutating func append(_ value: Double?) {
        values.append(value)
        if values.count > capacity { values.removeFirst(values.count - capacity) }
    }
}
