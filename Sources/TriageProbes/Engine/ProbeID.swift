/// One registered source: its kind and its name ("docker local", "kubernetes prod",
/// "http every 2s"), unique within a `ProbeRegistry`.
public struct ProbeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var kind: ProbeData.Kind
    public var name: String

    public init(_ kind: ProbeData.Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    public var description: String { "\(kind.rawValue) \(name)" }

    public static func < (lhs: ProbeID, rhs: ProbeID) -> Bool { lhs.description < rhs.description }
}
