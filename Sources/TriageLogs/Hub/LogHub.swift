import TriageCore

/// Owns every log source: registers them, runs one follower task per source, and stops them.
///
/// Followers write straight into ``inbox`` from their own tasks, so ingest runs at full speed and
/// is never blocked by drawing; the UI is woken through `wake` (or polls ``LogInbox/hasChanges``) and
/// calls ``LogInbox/drain(now:)`` at most once a frame, feeding the batch to its ``LogPaneModel``.
public actor LogHub {
    public nonisolated let inbox: LogInbox
    private let now: @Sendable () -> LogTimestamp
    private var sources: [LogSource] = []
    private var tasks: [LogSourceID: Task<Void, Never>] = [:]

    /// Defaults for new sources.
    public let tailLines: Int
    public let filePollInterval: Duration
    public let backoff: RetryBackoff

    public init(capacityPerSource: Int = 10_000, tailLines: Int = 200, filePollInterval: Duration = .milliseconds(250),
                backoff: RetryBackoff = RetryBackoff(), wake: WakeSignal? = nil,
                now: @escaping @Sendable () -> LogTimestamp = { .now() }) {
        inbox = LogInbox(capacityPerSource: capacityPerSource, wake: wake)
        self.now = now
        self.tailLines = tailLines
        self.filePollInterval = filePollInterval
        self.backoff = backoff
    }

    /// Every source registered, in id order.
    public var allSources: [LogSource] { sources }

    /// Adds and starts following a docker, kubectl or file source; returns its id. `window` is how
    /// far back a docker or kubectl source starts (a file starts with its last lines).
    @discardableResult
    public func add(_ kind: LogSource.Kind, shortName: String? = nil, colorIndex: Int? = nil,
                    window: LogWindow = .recentLines) -> LogSourceID {
        let tail = tailLines
        let poll = filePollInterval
        let backoff = backoff
        return add(kind, shortName: shortName, colorIndex: colorIndex) { sink in
            switch kind {
            case .docker(let container, let host):
                await CommandLogFollower(DockerLogFollower(container: container, host: host, tail: tail, window: window), backoff: backoff)
                    .run(into: sink)
            case .kubectl(let target, let selector, let namespace, let context, let container):
                await CommandLogFollower(
                    KubectlLogFollower(target: target, selector: selector, namespace: namespace, context: context,
                                       container: container, tail: tail, window: window),
                    backoff: backoff
                ).run(into: sink)
            case .file(let path):
                await FileTailer(path: path, pollInterval: poll, initialLines: tail).run(into: sink)
            }
        }
    }

    /// Adds a source whose lines come from `follow` (run on its own task until the source is stopped).
    @discardableResult
    public func add(_ kind: LogSource.Kind, shortName: String? = nil, colorIndex: Int? = nil,
                    follow: @escaping @Sendable (LogSink) async -> Void) -> LogSourceID {
        let id = LogSourceID(sources.count)
        let source = LogSource(id: id, kind: kind, shortName: shortName ?? LogSource.defaultShortName(for: kind),
                               colorIndex: colorIndex)
        sources.append(source)
        inbox.register(source)
        let sink = LogSink(source: source, inbox: inbox, now: now)
        tasks[id] = Task { await follow(sink) }
        return id
    }

    /// Stops one source's follower (its child process group is torn down) and waits for it.
    public func stop(_ id: LogSourceID) async {
        guard let task = tasks.removeValue(forKey: id) else { return }
        task.cancel()
        await task.value
    }

    /// Stops every follower and waits until all children are gone.
    public func stopAll() async {
        let running = tasks
        tasks.removeAll()
        for task in running.values { task.cancel() }
        for task in running.values { await task.value }
    }
}
