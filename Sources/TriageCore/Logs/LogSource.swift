/// Identifies one log source inside a hub and a view: a small index, cheap to store in every line.
public struct LogSourceID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: LogSourceID, b: LogSourceID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "#\(rawValue)" }
}

/// What a log source follows and how it is labelled on screen.
public struct LogSource: Sendable, Hashable {
    /// Where the lines come from.
    public enum Kind: Sendable, Hashable {
        /// `docker logs -f` of one container (name or id) on `host` (nil: the default engine).
        case docker(container: String, host: String?)
        /// `kubectl logs -f` of `target` (`pod`, `deployment/NAME`, or nil with a label selector).
        case kubectl(target: String?, selector: String?, namespace: String?, context: String?, container: String?)
        /// A file followed like `tail -F`.
        case file(path: String)
    }

    public var id: LogSourceID
    public var kind: Kind
    /// The tag shown before each line, already sanitized and short (e.g. `web`, `auth`, `app.log`).
    public var shortName: String
    /// Index into the theme's source palette, so sources keep their colour.
    public var colorIndex: Int

    public init(id: LogSourceID, kind: Kind, shortName: String, colorIndex: Int? = nil) {
        self.id = id
        self.kind = kind
        self.shortName = TerminalSanitizer.clean(shortName, newline: " ")
        self.colorIndex = colorIndex ?? id.rawValue
    }

    /// The docker host or kubectl context the source belongs to, for the source list.
    public var hostOrContext: String? {
        switch kind {
        case .docker(_, let host): return host
        case .kubectl(_, _, _, let context, _): return context
        case .file: return nil
        }
    }

    /// Whether lines carry a source timestamp prefix (`--timestamps`).
    public var carriesTimestamps: Bool {
        if case .file = kind { return false }
        return true
    }

    /// A short default name: the container, the deployment or pod name, or the file's last path part.
    public static func defaultShortName(for kind: Kind) -> String {
        switch kind {
        case .docker(let container, _):
            return container
        case .kubectl(let target, let selector, _, _, _):
            if let target { return String(target.split(separator: "/").last ?? Substring(target)) }
            return selector ?? "pods"
        case .file(let path):
            return String(path.split(separator: "/").last ?? Substring(path))
        }
    }
}

/// How a source is doing, for the source list: running, ended (and when it retries), or failing.
public enum LogSourceState: Sendable, Hashable {
    case starting
    case running
    /// The stream ended (container stopped, pod deleted); a retry is scheduled.
    case ended(reason: String, retryAt: LogTimestamp?)
    case failed(reason: String)
}

/// A source's descriptor with its live figures, as handed to the UI.
public struct LogSourceStatus: Sendable, Hashable {
    public var source: LogSource
    public var state: LogSourceState
    /// Lines the source delivered in total.
    public var received: UInt64
    /// Lines dropped because the buffers were full (the UI read too slowly) or by the ring bound.
    public var dropped: UInt64
    /// Critical lines per sliding minute, oldest first; the last is the 60 seconds up to the drain
    /// (see ``ErrorRateHistory``).
    public var errorsPerMinute: [Int]

    public init(source: LogSource, state: LogSourceState = .starting, received: UInt64 = 0, dropped: UInt64 = 0,
                errorsPerMinute: [Int] = []) {
        self.source = source
        self.state = state
        self.received = received
        self.dropped = dropped
        self.errorsPerMinute = errorsPerMinute
    }
}
