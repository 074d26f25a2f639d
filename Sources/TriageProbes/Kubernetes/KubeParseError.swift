/// Why kubectl's output could not be read: not JSON, or JSON of the wrong shape.
public struct KubeParseError: Error, Equatable, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }
}
