import Foundation
import Synchronization
import TriageCore
import TriageProbes
import TriageRunbook
import TriageStore

/// A flag another thread raises to say "reload from the database".
public final class ChangeFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    public init() {}
    public func raise() { raised.store(true, ordering: .releasing) }
    /// True once per raise.
    public func consume() -> Bool { raised.exchange(false, ordering: .acquiringAndReleasing) }
}

/// Output of runbook commands run from the dashboard, kept for viewing (`Enter` on the command).
public final class CommandOutputs: Sendable {
    public struct Entry: Sendable {
        public var code: String
        public var startedAt: Date
        public var finishedAt: Date?
        public var status: String
        public var output: String
    }
    private let entries = Mutex<[String: Entry]>([:])
    public init() {}
    public func set(_ code: String, _ entry: Entry) { entries.withLock { $0[code] = entry } }
    public func get(_ code: String) -> Entry? { entries.withLock { $0[code] } }
}

/// The open incident as the terminal thread sees it: state read from the store, and the actions
/// that change it. Owned by the terminal thread (not Sendable); every write commits before it
/// returns, so what the screen shows as done is on disk.
public final class IncidentSession {
    public let store: IncidentStore?
    public let readOnly: Bool
    public let actor: String
    /// The runbook for new incidents (`--runbook`, `runbook:` in the config, else the built-in).
    public let defaultRunbookPath: String
    public private(set) var incident: Incident?
    public private(set) var runbook: Runbook
    public private(set) var runbookWarning: String?
    public private(set) var ticks: [String: ChecklistTick] = [:]
    public private(set) var events: [TimelineEvent] = []
    /// Why the store cannot be used, shown in the pane.
    public private(set) var problem: String?
    public let changes = ChangeFlag()
    public let commandOutputs = CommandOutputs()
    private var loadedRunbookPath: String?
    private var watcherTask: Task<Void, Never>?

    public init(store: IncidentStore?, problem: String?, readOnly: Bool, actor: String, defaultRunbookPath: String?) {
        self.store = store
        self.problem = problem
        self.readOnly = readOnly
        self.actor = actor
        self.defaultRunbookPath = defaultRunbookPath ?? BuiltinRunbook.sourceName
        runbook = Runbook(title: "")  // replaced by reload(), which parses the right one once
        reload()
        if let store {
            let flag = changes
            let path = store.path
            watcherTask = Task.detached(priority: .utility) {
                guard let watcher = try? ChangeWatcher(path: path) else { return }
                for await _ in watcher.changes() { flag.raise() }
            }
        }
    }

    deinit { watcherTask?.cancel() }

    public func stop() { watcherTask?.cancel() }

    /// Re-reads the newest open incident (or keeps showing a resolved one that is current).
    public func reload() {
        guard let store else { return }
        do {
            if let current = incident, let fresh = try? store.incident(id: current.id), fresh.status.isOpen || store.latestOpenIncidentID() == nil {
                incident = fresh
            } else {
                incident = try store.latestOpenIncident()
            }
            if let incident {
                ticks = try store.ticks(incidentID: incident.id)
                events = try store.events(incidentID: incident.id, limit: 200)
                loadRunbook(path: incident.runbookPath ?? BuiltinRunbook.sourceName)
            } else {
                ticks = [:]
                events = []
                loadRunbook(path: defaultRunbookPath)
            }
            problem = nil
        } catch {
            problem = "\(error)"
        }
    }

    /// Parses the runbook once per path. A file deleted while open keeps the copy already parsed.
    private func loadRunbook(path: String) {
        guard path != loadedRunbookPath else { return }
        if path == BuiltinRunbook.sourceName {
            runbook = BuiltinRunbook.parsed
            runbookWarning = nil
        } else if let data = FileManager.default.contents(atPath: path) {
            runbook = RunbookParser.parse(bytes: Array(data), path: path)
            runbookWarning = nil
        } else {
            runbookWarning = "runbook \(path) cannot be read; showing the built-in one"
            if loadedRunbookPath == nil { runbook = BuiltinRunbook.parsed }
        }
        loadedRunbookPath = path
    }

    public func isChecked(_ item: ChecklistItem) -> Bool { ticks[item.key]?.checked ?? item.checked }

    // MARK: Actions. Each throws the store's error for the footer; nothing is shown done before commit.

    public func toggle(_ item: ChecklistItem) throws {
        guard let store, let incident else { return }
        _ = try store.setTick(incidentID: incident.id, itemKey: item.key, checked: !isChecked(item), actor: actor, label: item.text)
        reload()
    }

    public func addNote(_ text: String) throws {
        guard let store, let incident, !text.isEmpty else { return }
        _ = try store.addNote(incidentID: incident.id, text: text, actor: actor)
        reload()
    }

    public func setSeverity(_ severity: String) throws {
        guard let store, let incident, !severity.isEmpty else { return }
        _ = try store.setSeverity(incidentID: incident.id, severity: severity, actor: actor)
        reload()
    }

    public func setStatus(_ status: IncidentStatus) throws {
        guard let store, let incident else { return }
        _ = try store.setStatus(incidentID: incident.id, status: status, actor: actor)
        reload()
    }

    public func setCommander(_ name: String) throws {
        guard let store, let incident else { return }
        _ = try store.setCommander(incidentID: incident.id, commander: name.isEmpty ? nil : name, actor: actor)
        reload()
    }

    public func acknowledge() throws -> Bool {
        guard let store, let incident else { return false }
        let changed = try store.acknowledge(incidentID: incident.id, actor: actor)
        reload()
        return changed
    }

    public func declare(title: String, severity: String) throws {
        guard let store else { return }
        let data = defaultRunbookPath == BuiltinRunbook.sourceName ? Data(BuiltinRunbook.serviceOutage.utf8) : FileManager.default.contents(atPath: defaultRunbookPath)
        incident = try store.createIncident(title: title, severity: severity, runbookPath: defaultRunbookPath,
                                            runbookHash: data.map { ContentHash.sha256Hex(Array($0)) }, detectedAt: Date(), actor: actor)
        reload()
    }

    /// Saves an issued status update into the state directory (0600) and records it on the
    /// timeline, which resets the update timer. Returns the file's path.
    public func issueStatusUpdate(number: Int, markdown: String, eventText: String) throws -> String {
        guard let store, let incident else { return "" }
        let directory = (store.path as NSString).deletingLastPathComponent + "/exports"
        try PrivateFile.makeDirectory(directory)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let path = "\(directory)/\(incident.id)-status-update-\(number)-\(stamp).md"
        try PrivateFile.write(Data(markdown.utf8), to: path)
        _ = try store.appendEvent(incidentID: incident.id, kind: .export, text: eventText, actor: actor)
        reload()
        return path
    }

    /// Records automatic events (probe transitions, timers) when this session may write.
    public func recordAutomatic(kind: TimelineKind, text: String) {
        guard !readOnly, let store, let incident else { return }
        _ = try? store.appendEvent(incidentID: incident.id, kind: kind, text: text, actor: "triage", automatic: true)
        changes.raise()
    }

    /// Writes a timer event for every clock that has fallen due since the last look.
    public func recordTimerCrossings(now: Date) {
        guard !readOnly, let incident else { return }
        let due = IncidentTimers.evaluate(incident: incident, runbook: runbook, events: events, now: now)
        let crossings = IncidentTimers.newCrossings(due, events: events, now: now)
        guard !crossings.isEmpty else { return }
        for crossing in crossings { recordAutomatic(kind: .timer, text: crossing.crossingText) }
        reload()
    }

    /// Runs a runbook command through `sh -c` in the background with a deadline; its first 200
    /// lines (redacted) go to the timeline and stay viewable. Only after an explicit confirmation.
    public func run(_ command: RunbookCommand, deadline: Duration = .seconds(120)) {
        guard !readOnly, let store, let incident else { return }
        let outputs = commandOutputs
        let flag = changes
        let actor = self.actor
        let code = command.code
        outputs.set(code, .init(code: code, startedAt: Date(), finishedAt: nil, status: "running…", output: ""))
        Task.detached(priority: .userInitiated) {
            let outcome = await ProcessRunner.run("/bin/sh", ["-c", code], deadline: deadline, outputLimit: 1 << 20)
            let text = TerminalSanitizer.clean(outcome.stdoutText + String(decoding: outcome.stderr, as: UTF8.self), newline: "\n")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(200).joined(separator: "\n")
            let status: String
            switch outcome.exitStatus {
            case .exited(let code): status = "exit \(code)"
            case .timedOut: status = "timed out after \(DurationText.format(deadline))"
            default: status = outcome.failureReason ?? "failed"
            }
            let redacted = SecretRedactor.redact(lines)
            outputs.set(code, .init(code: code, startedAt: Date().addingTimeInterval(-outcome.duration.seconds), finishedAt: Date(), status: status, output: redacted))
            _ = try? store.appendEvent(incidentID: incident.id, kind: .command, text: "$ \(command.summary) → \(status)\n\(redacted)", actor: actor)
            flag.raise()
        }
    }
}

extension IncidentStore {
    func latestOpenIncidentID() -> String? { (try? latestOpenIncident())?.id }
}
