import Foundation
import Synchronization
import TriageCore
import TriageProbes

/// Runs the configured notifiers for an incident event, off the terminal thread.
///
/// Each matching notifier is started through ``ProcessRunner`` (argv, no shell, its own process
/// group, ended whole at its timeout) with the message's text on stdin and its fields in the
/// environment. Every run's exit status and first lines of output (sanitized, redacted) go to the
/// timeline through `record`. A run that fails (non-zero exit, timeout, a binary that cannot be
/// started) is said on screen at once (``takeFlashes()``, ``problemLine``) and tried once more after
/// `retryDelay`; the retry's result is recorded too, and a success clears the notifier's problem.
///
/// ``dispatch(_:)`` returns at once: the screen never waits for a notifier.
public final class NotifierDispatcher: Sendable {
    /// How long a failed notifier waits before its one retry.
    public static let standardRetryDelay: Duration = .seconds(5)
    /// Output lines kept on the timeline per run.
    static let outputLines = 20

    public let specs: [NotifierSpec]
    private let retryDelay: Duration
    private let record: @Sendable (_ incidentID: String, _ text: String) -> Void
    private let wake: WakeSignal?
    /// Each failing notifier's last problem, by name; cleared by its next success.
    private let problems = Mutex<[String: String]>([:])
    private let flashes = Mutex<[String]>([])
    private let running = Atomic<Int>(0)

    /// - Parameters:
    ///   - record: adds a `notify` event to the incident's timeline (the session's writer).
    ///   - wake: raised when something new is to be shown.
    public init(specs: [NotifierSpec], retryDelay: Duration = NotifierDispatcher.standardRetryDelay, wake: WakeSignal? = nil,
                record: @escaping @Sendable (_ incidentID: String, _ text: String) -> Void) {
        self.specs = specs
        self.retryDelay = retryDelay
        self.wake = wake
        self.record = record
    }

    /// Records each run as an automatic `notify` event through the session's writer.
    public convenience init(specs: [NotifierSpec], retryDelay: Duration = NotifierDispatcher.standardRetryDelay, wake: WakeSignal?,
                            recordingInto writer: IncidentWriter) {
        self.init(specs: specs, retryDelay: retryDelay, wake: wake) { incidentID, text in
            writer.enqueue(.event(incidentID: incidentID, kind: .notify, text: text, actor: "triage", automatic: true, at: Date()))
        }
    }

    /// Starts every notifier whose `on:` holds the message's event; returns at once.
    public func dispatch(_ message: NotifierMessage) {
        for spec in specs where spec.events.contains(message.event) && !spec.argv.isEmpty {
            running.add(1, ordering: .relaxed)
            Task.detached(priority: .utility) { [self] in
                await deliver(spec, message)
                running.subtract(1, ordering: .releasing)
            }
        }
    }

    /// One notifier, one message: a run, and on failure a second run after `retryDelay`.
    private func deliver(_ spec: NotifierSpec, _ message: NotifierMessage) async {
        for attempt in 1...2 {
            let outcome = await ProcessRunner.run(
                spec.argv[0], Array(spec.argv.dropFirst()), environment: message.environment(notifier: spec.name, attempt: attempt),
                deadline: spec.timeout, outputLimit: 64 << 10, stdin: Array(message.text.utf8))
            let status = CommandRunText.status(outcome, deadline: spec.timeout)
            let label = "notify \(spec.name) (\(message.event.rawValue)\(attempt > 1 ? ", retry" : ""))"
            let retrying = !outcome.succeeded && attempt == 1
            var text = "\(label) → \(status)"
            if retrying { text += "; retrying in \(DurationText.format(retryDelay))" }
            let output = CommandRunText.output(outcome, lines: Self.outputLines)
            if !output.isEmpty { text += "\n" + output }
            record(message.incidentID, text)
            if outcome.succeeded {
                problems.withLock { $0[spec.name] = nil }
                wake?.raise()
                return
            }
            let problem = "notifier \(spec.name) failed (\(message.event.rawValue)): \(status)" + (retrying ? "; retrying in \(DurationText.format(retryDelay))" : "; not retried again")
            problems.withLock { $0[spec.name] = problem }
            flashes.withLock { $0.append(problem) }
            wake?.raise()
            guard retrying else { return }
            try? await Task.sleep(for: retryDelay)
        }
    }

    /// Failures said since the last call, oldest first, for the footer's flash.
    public func takeFlashes() -> [String] {
        flashes.withLock { taken in
            defer { taken.removeAll() }
            return taken
        }
    }

    /// One line for the Incident pane while any notifier's last run failed; nil when none did.
    public var problemLine: String? {
        problems.withLock { problems in
            guard let first = problems.keys.sorted().first, let line = problems[first] else { return nil }
            return problems.count == 1 ? line : line + " (and \(problems.count - 1) more failing)"
        }
    }

    /// Runs (with their retries) not finished yet.
    public var inFlight: Int { running.load(ordering: .acquiring) }
}
