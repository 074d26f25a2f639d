/// Why a runbook file could not be read: said with the path, for stderr.
public struct RunbookFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot read runbook \(path): \(reason)" }
}
