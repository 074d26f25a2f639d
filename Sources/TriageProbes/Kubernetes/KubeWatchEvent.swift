import TriageCore

/// One event of `kubectl get pods -o json --watch --output-watch-events`.
public struct KubeWatchEvent: Sendable {
    public enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        case bookmark = "BOOKMARK"
        case error = "ERROR"
    }

    public var kind: Kind
    /// The pod (for ADDED / MODIFIED / DELETED); nil for BOOKMARK and ERROR.
    public var pod: PodInfo?
    /// The Status message of an ERROR event ("too old resource version: 5 (1234)").
    public var errorMessage: String?
    /// The object's resourceVersion, to resume a watch from.
    public var resourceVersion: String

    public init(kind: Kind, pod: PodInfo?, errorMessage: String? = nil, resourceVersion: String = "") {
        self.kind = kind
        self.pod = pod
        self.errorMessage = errorMessage
        self.resourceVersion = resourceVersion
    }
}
