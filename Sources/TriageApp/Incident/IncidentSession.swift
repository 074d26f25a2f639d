import Foundation
import Synchronization
import TriageCore
import TriageProbes
import TriageRunbook
import TriageStore

/// A flag another thread raises to say "reload from the database".
public final class ChangeFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    /// Woken after each raise, so the terminal thread reloads without polling the flag.
    private let wake = Mutex<WakeSignal?>(nil)
    public init() {}
    public func wakeOnRaise(_ signal: WakeSignal?) { wake.withLock { $0 = signal } }
    public func raise() {
        raised.store(true, ordering: .releasing)
        wake.withLock { $0 }?.raise()
    }
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
    private let changeCount = Atomic<Int>(0)
    public init() {}
    public func set(_ code: String, _ entry: Entry) {
        entries.withLock { $0[code] = entry }
        changeCount.add(1, ordering: .releasing)
    }
    public func get(_ code: String) -> Entry? { entries.withLock { $0[code] } }
    /// Bumped by every `set`: the Incident pane's cached rows show each command's status.
    public var version: Int { changeCount.load(ordering: .acquiring) }
}

/// The open incident as the terminal thread sees it: state read from the store, the actions that
/// change it, and those actions' progress to disk. Owned by the terminal thread (not Sendable).
///
/// Actions never write on the terminal thread: each becomes an ``IncidentAction`` for the
/// ``IncidentWriter``'s thread. Until it commits, the session shows it applied and marked pending
/// (``pendingTickKeys``, negative event ids, ``writeStatus``), so what the screen shows without a
/// pending marker is on disk. Reads stay here: in WAL mode a reader never waits for a writer's lock.
public final class IncidentSession {
    /// The open store, if any (it may open later: see ``StoreWriteTarget``).
    public var store: IncidentStore? { target?.store }
    public let readOnly: Bool
    public let actor: String
    /// The runbook for new incidents (`--runbook`, `runbook:` in the config, else the built-in).
    public let defaultRunbookPath: String
    /// The incident as stored, with pending changes to severity, status, commander and
    /// acknowledgement applied.
    public private(set) var incident: Incident?
    public private(set) var runbook: Runbook {
        didSet {
            checklistRows = ChecklistRows.rows(for: runbook)
            sectionPhases = ChecklistRows.sectionPhases(runbook)
            phaseEnds = Array(Set(sectionPhases.compactMap { $0?.endMinutes })).sorted()
            generation += 1
        }
    }
    public private(set) var runbookWarning: String?
    /// The runbook's pane rows and each section's phase window, worked out once per runbook: on a
    /// 5,000-item runbook, doing it every frame was most of an idle dashboard's CPU.
    public private(set) var checklistRows: [ChecklistRow] = []
    public private(set) var sectionPhases: [PhaseWindow?] = []
    /// The distinct ends of those phase windows, ascending: the time changes what a row shows only
    /// when it passes one of them (see ``passedPhaseEnds(elapsedMinutes:)``).
    private var phaseEnds: [Int] = []
    /// Bumped whenever the runbook, the ticks, the pending overlay or the incident change: what
    /// the Incident pane's cached rows (``rowCache``) are checked against.
    public private(set) var generation = 0
    /// The Incident pane's lines of the last frame (see ``IncidentRowCache``).
    let rowCache = IncidentRowCache()
    /// Done and total items per section, worked out when the ticks change (not every frame).
    public private(set) var sectionProgress: [(done: Int, total: Int)] = []
    /// Stored ticks with pending ones applied.
    public private(set) var ticks: [String: ChecklistTick] = [:]
    /// What each ticked item was about when ticked (stored, with pending ticks' applied), by item key.
    public private(set) var tickEvidence: [String: TickEvidence] = [:]
    /// Items whose shown state is not on disk yet.
    public private(set) var pendingTickKeys: Set<String> = []
    /// Stored events (newest first) with pending ones in front, those with negative ids.
    public private(set) var events: [TimelineEvent] = []
    /// Why the store cannot be used, shown in the pane.
    public private(set) var problem: String?
    /// Nothing read yet (the session was made with `loadNow: false` and ``reload()`` has not run):
    /// the first frame says "loading" instead of waiting for the store and a large runbook.
    public private(set) var isLoading = false
    /// Unsaved work: what is pending, why it failed, when it is retried.
    public private(set) var writeStatus = IncidentWriter.Status()
    public let changes = ChangeFlag()
    public let commandOutputs = CommandOutputs()
    /// The serial writer (nil for a read-only session).
    public let writer: IncidentWriter?
    private let target: StoreWriteTarget?
    private var storedIncident: Incident?
    private var storedTicks: [String: ChecklistTick] = [:]
    private var storedEvidence: [String: TickEvidence] = [:]
    private var storedEvents: [TimelineEvent] = []
    /// The moment a replay shows the incident at (``show(asOf:)``), and how many stored events and
    /// ticks were at or before it when last applied.
    private var shownAsOf: Date?
    private var shownAsOfKey: (Int, Int)?
    /// Which runbook is loaded: the open incident's id, or the default runbook's path.
    private var loadedRunbookKey: String?
    /// The one incident this session shows, whatever else is open (`triage drill`'s practice incident).
    public let pinnedIncidentID: String?
    /// The shown incident is a drill (`triage drill`): its title is shown as "DRILL: …".
    public private(set) var isDrill = false
    private var watcherTask: Task<Void, Never>?
    /// Told about declarations, severity changes, resolutions and status updates (``notify(through:)``).
    public private(set) var notifier: NotifierDispatcher?

    /// A session on a store the caller opened, with its own writer unless it is read-only.
    /// With `pinnedIncidentID` it shows that incident only (a drill's session), never the latest open one.
    public convenience init(store: IncidentStore?, problem: String?, readOnly: Bool, actor: String, defaultRunbookPath: String?,
                            pinnedIncidentID: String? = nil) {
        let target = StoreWriteTarget(store: store)
        let writer = readOnly || store == nil ? nil : IncidentWriter(target: target)
        self.init(target: target, writer: writer, problem: problem, readOnly: readOnly, actor: actor, defaultRunbookPath: defaultRunbookPath,
                  pinnedIncidentID: pinnedIncidentID)
    }

    /// A session whose writes go through `writer` into `target` (which may open its store later).
    /// With `loadNow: false` nothing is read until the first ``reload()`` (``isLoading`` until then).
    public init(target: StoreWriteTarget?, writer: IncidentWriter?, problem: String?, readOnly: Bool, actor: String, defaultRunbookPath: String?,
                loadNow: Bool = true, pinnedIncidentID: String? = nil) {
        self.target = target
        self.pinnedIncidentID = pinnedIncidentID
        self.writer = readOnly ? nil : writer
        self.problem = problem
        self.readOnly = readOnly
        self.actor = actor
        self.defaultRunbookPath = defaultRunbookPath ?? BuiltinRunbook.sourceName
        runbook = Runbook(title: "")  // replaced by reload(), which parses the right one once
        let flag = changes
        self.writer?.setListener { flag.raise() }
        if loadNow { reload() } else { isLoading = true }
    }

    deinit { watcherTask?.cancel() }

    public func stop() { watcherTask?.cancel() }

    private func startWatcher(_ store: IncidentStore) {
        guard watcherTask == nil else { return }
        let flag = changes
        let path = store.path
        watcherTask = Task.detached(priority: .utility) {
            guard let watcher = try? ChangeWatcher(path: path) else { return }
            for await _ in watcher.changes() { flag.raise() }
        }
    }

    /// Opens the incident database if it is not open yet. The terminal loop calls this once its first
    /// frame is on screen, so neither SQLite's open and schema check nor another process's lock
    /// delays that frame; meanwhile the pane says "loading the incident…", and keys wait for it.
    /// A store that cannot be opened is said in the pane (as `triage` used to say it before
    /// starting); a writable one that may open later (a full disk, a read-only or locked state
    /// directory) is handed to the writer, which keeps trying with its backoff.
    public func openStore() {
        guard let target, target.canOpen else { return }
        let started = ContinuousClock.now
        do {
            try target.prepare()
            DiagnosticLog.write(.debug, "incidentStore", [("opened", .string("true")), ("durationMs", .int(Int((ContinuousClock.now - started).milliseconds)))])
        } catch {
            DiagnosticLog.write(.warning, "incidentStore", [("opened", .string("false")), ("reason", .string(error.shortReason))])
            problem = Self.openProblem(error, readOnly: readOnly)
            if let writer, error.isTransient {
                target.releaseOpening()
                writer.targetChanged()
            }
        }
    }

    /// What the pane says when the store cannot be opened.
    static func openProblem(_ error: StoreError, readOnly: Bool) -> String {
        if readOnly, case .missing = error { return "no incident database yet: start `triage` interactively to declare an incident" }
        if error.isTransient { return "cannot open the incident database: \(error.shortReason)" }
        return "\(error)"
    }

    /// Looks at the writer once a frame: a commit (or a drop) re-reads the store, anything else
    /// only redraws the pending overlay. Returns true when what is shown changed.
    @discardableResult
    public func refreshPending() -> Bool {
        guard let writer else { return false }
        let status = writer.status()
        if status.generation != writeStatus.generation {
            reload()
            return true
        }
        guard status != writeStatus else { return false }
        apply(status)
        return true
    }

    /// Actions dropped because they failed permanently, for the footer.
    public func takeDropped() -> [IncidentWriter.Dropped] { writer?.takeDropped() ?? [] }

    /// Re-reads the newest open incident (or keeps showing a resolved one that is current).
    ///
    /// The writer's status is taken before the read: an action that commits in between is then in
    /// both, never in neither, so a tick cannot blink off between its commit and the next read.
    public func reload() {
        isLoading = false
        let status = writer?.status() ?? IncidentWriter.Status()
        guard let store else {
            if let failure = status.openFailure {
                problem = "cannot open the incident database: \(failure.shortReason)"
            }
            apply(status)
            return
        }
        startWatcher(store)
        do {
            if let pinnedIncidentID {
                storedIncident = try store.incident(id: pinnedIncidentID)
            } else if let current = storedIncident, let fresh = try? store.incident(id: current.id), fresh.status.isOpen || store.latestOpenIncidentID() == nil {
                storedIncident = fresh
            } else {
                storedIncident = try store.latestOpenIncident()
            }
            isDrill = try storedIncident.map { try store.isDrill(incidentID: $0.id) } ?? false
            if let incident = storedIncident {
                storedTicks = try store.ticks(incidentID: incident.id)
                storedEvidence = try store.tickEvidence(incidentID: incident.id)
                storedEvents = try store.events(incidentID: incident.id, limit: 200)
                loadRunbook(for: incident)
            } else {
                storedTicks = [:]
                storedEvidence = [:]
                storedEvents = []
                loadRunbook(for: nil)
            }
            problem = nil
        } catch {
            problem = "\(error)"
        }
        apply(status)
    }

    /// Lays the pending actions over what the store holds.
    private func apply(_ status: IncidentWriter.Status) {
        writeStatus = status
        var incident = storedIncident
        var ticks = storedTicks
        var evidence = storedEvidence
        var storedEvents = storedEvents
        if let shownAsOf {
            let past = IncidentAsOf(incident: incident, ticks: ticks, evidence: evidence, events: storedEvents, at: shownAsOf)
            (incident, ticks, evidence, storedEvents) = (past.incident, past.ticks, past.evidence, past.events)
        }
        var pendingKeys: Set<String> = []
        var pendingEvents: [TimelineEvent] = []
        var nextID: Int64 = -1
        func pendingEvent(_ id: String, _ kind: TimelineKind, _ text: String, _ actor: String, _ automatic: Bool, _ at: Date) {
            pendingEvents.append(TimelineEvent(id: nextID, incidentID: id, time: at, actor: actor, kind: kind, text: text, automatic: automatic))
            nextID -= 1
        }
        for action in status.pending where action.incidentID == incident?.id {
            switch action {
            case .tick(let id, let key, let checked, let label, let actor, let at, let seen):
                ticks[key] = ChecklistTick(itemKey: key, checked: checked, actor: actor, time: at)
                if checked, let seen { evidence[key] = seen }
                pendingKeys.insert(key)
                pendingEvent(id, checked ? .tick : .untick, TickEvidence.timelineText(label: label ?? key, evidence: checked ? seen : nil), actor, false, at)
            case .note(let id, let text, let actor, let at):
                pendingEvent(id, .note, text, actor, false, at)
            case .severity(let id, let severity, let actor, let at):
                incident?.severity = severity
                pendingEvent(id, .severity, severity, actor, false, at)
            case .status(let id, let value, let actor, let at):
                incident?.status = value
                pendingEvent(id, .status, value.displayName, actor, false, at)
            case .commander(let id, let name, let actor, let at):
                incident?.commander = name
                pendingEvent(id, .commander, name ?? "(none)", actor, false, at)
            case .acknowledge(let id, let actor, let at):
                if incident?.acknowledgedAt == nil { incident?.acknowledgedAt = at }
                pendingEvent(id, .ack, "acknowledged", actor, false, at)
            case .event(let id, let kind, let text, let actor, let automatic, let at):
                pendingEvent(id, kind, text, actor, automatic, at)
            case .declare:
                break
            }
        }
        self.incident = incident
        self.ticks = ticks
        tickEvidence = evidence
        sectionProgress = runbook.sections.map { ChecklistRows.progress($0, ticks: ticks) }
        pendingTickKeys = pendingKeys
        events = pendingEvents.reversed() + storedEvents
        generation += 1
    }

    /// Shows the incident as it stood at `moment` (a replay's clock), or as it is now for nil:
    /// the ticks, events and changes made after it are left out (``IncidentAsOf``). Does the work
    /// again only when that moment shows a different set of them.
    public func show(asOf moment: Date?) {
        let key = moment.map { moment in (storedEvents.count { $0.time <= moment }, storedTicks.values.count { $0.time <= moment }) }
        let changed = (moment == nil) != (shownAsOf == nil) || key?.0 != shownAsOfKey?.0 || key?.1 != shownAsOfKey?.1
        shownAsOf = moment
        shownAsOfKey = key
        if changed { apply(writeStatus) }
    }

    /// How many phase windows have ended `elapsedMinutes` into the incident (an item is overdue
    /// when its window's end is passed, see `ChecklistRows.isOverdue`): what the time changes in
    /// the checklist, so a frame whose count is the last frame's shows the same rows.
    public func passedPhaseEnds(elapsedMinutes: Double) -> Int {
        phaseEnds.prefix { elapsedMinutes > Double($0) }.count
    }

    /// A declaration not committed yet (the pane says so while there is no incident to show).
    public var pendingDeclaration: (title: String, severity: String)? {
        for action in writeStatus.pending {
            if case .declare(let title, let severity, _, _, _, _) = action { return (title, severity) }
        }
        return nil
    }

    /// Reads the runbook once per incident (and once for "no incident", the default runbook), so a
    /// file deleted, emptied or overwritten while it is open changes nothing on screen: the checklist
    /// people are ticking stays as it was. The incident's runbook is read with
    /// `IncidentRunbookLoader.load(incident:)`, the same as `triage incident show` and the wall: a
    /// file gone is the built-in runbook with a warning, and a file whose content is not what the
    /// incident started with (emptied, garbage, edited) is used with a warning, where reading it
    /// unchecked showed an empty checklist and said nothing.
    private func loadRunbook(for incident: Incident?) {
        let key = incident.map { "incident \($0.id)" } ?? "default \(defaultRunbookPath)"
        guard key != loadedRunbookKey else { return }
        loadedRunbookKey = key
        if let incident {
            (runbook, runbookWarning) = IncidentRunbookLoader.load(incident: incident)
        } else if defaultRunbookPath == BuiltinRunbook.sourceName {
            (runbook, runbookWarning) = (BuiltinRunbook.parsed, nil)
        } else {
            do {
                let bytes = try IncidentRunbookLoader.readFile(defaultRunbookPath)
                (runbook, runbookWarning) = (RunbookParser.parse(bytes: bytes, path: defaultRunbookPath), nil)
            } catch {
                (runbook, runbookWarning) = (BuiltinRunbook.parsed, "\(error); showing the built-in runbook instead")
            }
        }
    }

    public func isChecked(_ item: ChecklistItem) -> Bool { ticks[item.key]?.checked ?? item.checked }

    /// The item's shown state is not on disk yet.
    public func isPending(_ item: ChecklistItem) -> Bool { pendingTickKeys.contains(item.key) }

    // MARK: Actions. Each is handed to the writer and shown pending until it commits.

    private func submit(_ action: IncidentAction) {
        guard let writer else { return }
        writer.enqueue(action)
        apply(writer.status())
    }

    /// Ticks an unticked item (recording `evidence` with it) or unticks a ticked one.
    public func toggle(_ item: ChecklistItem, evidence: TickEvidence? = nil, at time: Date = Date()) {
        guard let incident else { return }
        let checked = !isChecked(item)
        submit(.tick(incidentID: incident.id, itemKey: item.key, checked: checked, label: item.text, actor: actor, at: time,
                     evidence: checked ? evidence : nil))
    }

    public func addNote(_ text: String) {
        guard let incident, !text.isEmpty else { return }
        submit(.note(incidentID: incident.id, text: text, actor: actor, at: Date()))
    }

    public func setSeverity(_ severity: String) {
        guard let incident, !severity.isEmpty else { return }
        submit(.severity(incidentID: incident.id, severity: severity, actor: actor, at: Date()))
    }

    public func setStatus(_ status: IncidentStatus) {
        guard let incident else { return }
        submit(.status(incidentID: incident.id, status: status, actor: actor, at: Date()))
    }

    public func setCommander(_ name: String) {
        guard let incident else { return }
        submit(.commander(incidentID: incident.id, name: name.isEmpty ? nil : name, actor: actor, at: Date()))
    }

    /// Returns false when the incident is already acknowledged (stored or pending).
    public func acknowledge() -> Bool {
        guard let incident, incident.acknowledgedAt == nil else { return false }
        submit(.acknowledge(incidentID: incident.id, actor: actor, at: Date()))
        return true
    }

    public func declare(title: String, severity: String) {
        let data = defaultRunbookPath == BuiltinRunbook.sourceName ? Data(BuiltinRunbook.serviceOutage.utf8) : FileManager.default.contents(atPath: defaultRunbookPath)
        submit(.declare(title: title, severity: severity, runbookPath: defaultRunbookPath,
                        runbookHash: data.map { ContentHash.sha256Hex(Array($0)) }, actor: actor, at: Date()))
    }

    /// Hands what this session saves to `dispatcher`: each declaration, severity change and
    /// resolution once committed (a declaration then has its id), and each status update as it is
    /// sent. A read-only session (the wall) and one without a writer tell no notifier anything.
    public func notify(through dispatcher: NotifierDispatcher) {
        guard !readOnly, let writer, let target else { return }
        notifier = dispatcher
        writer.setCommitObserver { action in
            guard let store = target.store, let incident = try? action.storedIncident(in: store),
                  let message = NotifierMessage.committed(action, incident: incident) else { return }
            dispatcher.dispatch(message)
        }
    }

    /// Saves an issued status update into the state directory (0600) and records it on the
    /// timeline, which resets the update timer. Returns the file's path. The file is written here
    /// (a plain file, no lock to wait for); the timeline event goes through the writer. `message`
    /// (the text sent) goes to the notifiers.
    public func issueStatusUpdate(number: Int, markdown: String, message: String, eventText: String) throws -> String {
        guard let store, let incident else { return "" }
        let directory = (store.path as NSString).deletingLastPathComponent + "/exports"
        try PrivateFile.makeDirectory(directory)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let path = "\(directory)/\(incident.id)-status-update-\(number)-\(stamp).md"
        try PrivateFile.write(Data(markdown.utf8), to: path)
        let at = Date()
        submit(.event(incidentID: incident.id, kind: .export, text: eventText, actor: actor, automatic: false, at: at))
        if !readOnly { notifier?.dispatch(NotifierMessage(event: .statusUpdate, incident: incident, actor: actor, time: at, text: message)) }
        return path
    }

    /// Records automatic events (probe transitions, timers) when this session may write.
    public func recordAutomatic(kind: TimelineKind, text: String) {
        guard !readOnly, let incident else { return }
        submit(.event(incidentID: incident.id, kind: kind, text: text, actor: "triage", automatic: true, at: Date()))
    }

    /// Writes a timer event for every clock that has fallen due since the last look. Pending timer
    /// events count as recorded, so a retrying writer does not get the same crossing twice.
    public func recordTimerCrossings(now: Date) {
        guard !readOnly, let incident else { return }
        let due = IncidentTimers.evaluate(incident: incident, runbook: runbook, events: events, now: now)
        let crossings = IncidentTimers.newCrossings(due, events: events, now: now)
        for crossing in crossings { recordAutomatic(kind: .timer, text: crossing.crossingText) }
    }

    /// The environment a runbook command runs with: triage's own, which `ProcessRunner` passes on.
    public static var commandEnvironment: [String: String] { ProcessInfo.processInfo.environment }

    /// Runs a runbook command through `sh -c` in the background with a deadline; its first 200
    /// lines (redacted) go to the timeline and stay viewable. Only after an explicit confirmation,
    /// with `environment` added (the variables bound from the selection, see RunbookVariables), and
    /// never when it expands a variable that is unset or empty in `commandEnvironment` plus those
    /// (the dialog says which; this guard keeps any other caller from running `docker restart ""`).
    public func run(_ command: RunbookCommand, environment: [String: String] = [:], deadline: Duration = .seconds(120)) {
        let effective = Self.commandEnvironment.merging(environment) { $1 }
        guard RunbookCommand.unsetVariables(command.code, environment: effective).isEmpty else { return }
        launch(key: command.code, shown: command.summary, argv: ["/bin/sh", "-c", command.code], environment: environment, deadline: deadline)
    }

    /// Runs an action on the selection (``SelectionAction``): `argv` without a shell, in its own
    /// process group with a deadline, recorded on the timeline like a runbook command. Only after an
    /// explicit confirmation; never in a read-only session.
    public func run(argv: [String], deadline: Duration = .seconds(60)) {
        guard !argv.isEmpty else { return }
        let shown = argv.map(CheckDefinition.shellWord).joined(separator: " ")
        launch(key: shown, shown: SecretRedactor.redact(shown), argv: argv, environment: [:], deadline: deadline)
    }

    /// Runs `argv` in the background; its first 200 lines (sanitized, redacted) go to the timeline
    /// under `$ shown` and stay viewable under `key`.
    private func launch(key: String, shown: String, argv: [String], environment: [String: String], deadline: Duration) {
        guard !readOnly, let writer, let incident else { return }
        let outputs = commandOutputs
        let actor = self.actor
        outputs.set(key, .init(code: key, startedAt: Date(), finishedAt: nil, status: "running…", output: ""))
        Task.detached(priority: .userInitiated) {
            let outcome = await ProcessRunner.run(argv[0], Array(argv.dropFirst()), environment: environment, deadline: deadline, outputLimit: 1 << 20)
            let status = CommandRunText.status(outcome, deadline: deadline)
            let redacted = CommandRunText.output(outcome, lines: 200)
            outputs.set(key, .init(code: key, startedAt: Date().addingTimeInterval(-outcome.duration.seconds), finishedAt: Date(), status: status, output: redacted))
            writer.enqueue(.event(incidentID: incident.id, kind: .command, text: "$ \(shown) → \(status)\n\(redacted)",
                                  actor: actor, automatic: false, at: Date()))
        }
    }
}

extension IncidentStore {
    func latestOpenIncidentID() -> String? { (try? latestOpenIncident())?.id }
}
