import Foundation
import TriageCore

/// One watch stream of a `KubeProbe`: which kubectl run is current, what that run has said so far,
/// and the objects the stream keeps (only the cache of its own resource is ever filled).
struct KubeWatchStream: Sendable {
    /// Why a stream was ended and listed again although kubectl had not exited by itself.
    enum Relist: Sendable {
        /// An ERROR event with 410 Gone / "too old resource version": the watch cannot go on.
        case expired
        /// The safety net: every `relistInterval`, even when the watch looked fine.
        case periodic
        /// No answer from the API server for `answerTimeout`: a fresh connection may get one.
        case unanswered
    }

    let resource: KubeWatchResource
    let arguments: [String]
    var task: Task<Void, Never>?
    /// Bumped for every kubectl run; lines still arriving from an older run (being torn down) are ignored.
    var run = 0
    /// A kubectl process of this stream is alive (false in the backoff gap after it ended).
    var running = false
    var startedAt: ContinuousClock.Instant?
    /// The API server answered this run's list request (or, without a recognised log, sent an object).
    var answered = false
    /// kubectl's request log was recognised in this run, so the end of the list is known exactly.
    var logRecognized = false
    /// The list is complete and the watch is open: the cache is the server's truth plus its changes.
    var listed = false
    var listedAt: ContinuousClock.Instant?
    var lastLineAt: Date?
    /// Why the stream has no live data, without the context prefix ("timed out after 10s").
    var failure: String?
    /// What RBAC hides ("nodes: (Forbidden): ..."): shown as a note, not an outage.
    var note: String?
    /// The API server did not answer: this stream waits until the lead stream gets an answer.
    var waitsForLead = false
    /// The last warning, error and verdict lines kubectl wrote in this run, for a failure's reason.
    private(set) var messages: [String] = []
    var pods = KubeObjectCache<KubePodKey, PodInfo>()
    var nodes = KubeObjectCache<String, NodeInfo>()
    var events = KubeObjectCache<String, KubeEvent>()
    private var interner = KubePodInterner()

    init(resource: KubeWatchResource, arguments: [String]) {
        self.resource = resource
        self.arguments = arguments
    }

    mutating func beginRun(at instant: ContinuousClock.Instant) {
        run += 1
        running = true
        startedAt = instant
        answered = false
        logRecognized = false
        listed = false
        lastLineAt = nil
        messages.removeAll()
        interner.removeAll()
        pods.beginRelist()
        nodes.beginRelist()
        events.beginRelist()
    }

    mutating func finishList(at instant: ContinuousClock.Instant) {
        answered = true
        listed = true
        listedAt = instant
        failure = nil
        note = nil
        pods.finishRelist()
        nodes.finishRelist()
        events.finishRelist()
    }

    var isRelisting: Bool { pods.isRelisting || nodes.isRelisting || events.isRelisting }

    /// Applies an ADDED / MODIFIED / DELETED event to the cache of this stream's resource.
    mutating func apply(_ event: KubeWatchEvent) {
        if let pod = event.pod {
            pods.apply(event.kind, key: KubePodKey(pod), value: event.kind == .deleted ? pod : interner.intern(pod))
        } else if let node = event.node {
            nodes.apply(event.kind, key: node.name, value: node)
        } else if let warning = event.event {
            events.apply(event.kind, key: warning.namespace + "/" + warning.uid, value: warning)
        }
    }

    mutating func remember(message line: String) {
        messages.append(line)
        if messages.count > 12 { messages.removeFirst(messages.count - 12) }
    }

    /// kubectl's verdict from this run's messages ("connection refused (127.0.0.1:1)"), if it gave one.
    var verdict: String? { KubectlErrorText.reason(stderr: messages.joined(separator: "\n")) }
}

/// Holds the JSON object splitter of one kubectl run across its lines (they arrive in order, one at a
/// time) and tells kubectl's own log lines, merged into the same output, from the JSON it printed.
actor WatchLineBox {
    enum Item: Sendable {
        case object(String)
        case log(String)
    }

    private var splitter = JSONObjectSplitter()

    func feed(_ line: String) -> [Item] {
        if splitter.isBetweenObjects, line.first != "{", !line.allSatisfy(\.isWhitespace) { return [.log(line)] }
        return splitter.feed(line: line).map(Item.object)
    }
}
