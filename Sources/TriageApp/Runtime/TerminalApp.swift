import Foundation
import TriageCore
import TriageExport
import TriageUI

/// The terminal thread's application state: UI state, the log view and the incident session, and
/// what each key does to them. Not Sendable: it lives and dies on the terminal thread.
struct TerminalApp {
    enum Outcome: Equatable { case none, quit, redraw, clipboard(String) }

    var ui: UIState
    var logs = LogPaneModel()
    var showTimeline = false
    let session: IncidentSession
    let keymap: Keymap
    let sources: DashboardSources
    private(set) var lastModel: DashboardViewModel?
    private var incidentFields = IncidentFieldPrompts()
    var details = DetailPresenter()
    /// An action on the selection between its key and its run (TerminalApp+Actions).
    var actionFlow = SelectionActionFlow()
    /// The runbook variables shown in the open run confirmation, used when it is answered.
    var confirmedBindings: [String: String]?
    /// The item a "still failing: tick anyway?" question is about (TerminalApp+Tick).
    var pendingTickKey: String?

    init(session: IncidentSession, keymap: Keymap, sources: DashboardSources, readOnly: Bool) {
        self.session = session
        self.keymap = keymap
        self.sources = sources
        ui = UIState(readOnly: readOnly)
        // Said at once as well as above the services: an untrusted config's commands were withheld.
        if let notice = sources.untrustedNotice { ui.flash = StyledLine(notice, CellStyle(.warn, [.bold])) }
    }

    /// When the wall last saw the incident change (for "updated 12s ago").
    var lastChangeAt: Date?

    /// - Parameter version: the snapshot's ``SnapshotStore`` version; with it, a frame of the same
    ///   version re-uses the last frame's picture while it holds (``PictureCache``).
    mutating func render(_ snapshot: DashboardSnapshot, version: UInt64? = nil, width: Int, height: Int, now: Date) -> CellGrid {
        pollSelectionAction()
        if ui.readOnly {
            // The wall display: its own layout, made to be read across a room.
            let picture = pictureCache.picture(of: snapshot, version: version, now: now, sources: sources)
            let model = WallModelBuilder.build(session: session, snapshot: snapshot, now: now, lastChange: lastChangeAt,
                                               timeZone: nil, sources: sources, notice: ui.flash?.plainText, picture: picture,
                                               pictureCache: pictureCache)
            return WallRenderer.render(model, width: width, height: height)
        }
        let layout = DashboardLayout.compute(width: width, height: height, focus: ui.focus, zoomed: ui.zoomed)
        logs.viewportHeight = max(1, (layout.panes[.logs]?.height ?? 10) - 2)
        logs.utcOffsetSeconds = LocalTime.offset(now)
        // Nothing but the cache holds the last picture while this one is built: it patches it in place.
        framePicture.letGo()
        lastModel?.picture = nil
        let model = DashboardViewModel.build(snapshot, ui: ui, sources: sources, session: session, logs: logs,
                                             showTimeline: showTimeline, width: width, height: height, now: now,
                                             pictureCache: pictureCache, version: version)
        lastModel = model
        framePicture.shown(model.picture)
        var grid = DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: keymap,
                                            regions: paneRegions)
        details.draw(into: &grid, ui: &ui, snapshot: snapshot, sources: sources, now: now,
                     incidentStart: session.incident.flatMap { $0.isOpen ? $0.detectedAt ?? $0.startedAt : nil })
        return grid
    }

    /// Starts following a new log source (the hub lives on the runner's side).
    var followLogSource: (@Sendable (LogSource.Kind, String, LogWindow) -> Void)?
    /// Sources asked for that have not reported yet: the picker shows them as followed.
    var startingSources: Set<LogSource.Kind> = []
    /// Docker host tag → the host argument the log follower needs (nil: the CLI's default).
    var dockerHostArgument: @Sendable (String) -> String? = { _ in nil }

    /// The newest probe snapshot, for exports built from live data.
    var latestSnapshot: DashboardSnapshot?
    /// The last frame's picture, for the keys on a selected row (`framePicture.current`).
    var framePicture = FramePicture()
    /// The picture frames of the same snapshot version share (clock frames build none).
    let pictureCache = PictureCache()
    /// The last frame, drawn into by the next; its panes stay as drawn while their models stay the same.
    let paneRegions = PaneRegions()
    /// A terminal write the runner must pass through (OSC 52), set by an action.
    var pendingClipboard: String?
    /// Answers for the status update's placeholders, until it is sent.
    var statusFills = StatusUpdateFills()

    /// Applies one read of input, key by key and paste by paste; ``InputRouter`` decides what each
    /// may do (a paste is text; a question is answered only by a key read on its own).
    mutating func handle(_ events: [InputDecoder.Event], height: Int) -> Outcome {
        let router = InputRouter(read: events)
        var outcome = Outcome.none
        for event in events {
            let focusBefore = ui.focus
            let step = router.apply(event, to: &ui, keymap: keymap, rowCounts: lastModel?.rowCounts ?? [:], pageSize: max(1, height / 3))
            for effect in step.effects {
                switch effect {
                case .quit: return .quit
                case .redraw: outcome = .redraw
                case .domain(let action, let input): perform(action, input: input)
                }
            }
            if focusBefore != .incident, ui.focus == .incident { landOnOpenItem() }
            if step.dropsRestOfRead { break }
        }
        if let sequence = pendingClipboard {
            pendingClipboard = nil
            return .clipboard(sequence)
        }
        return outcome
    }

    var selectedRow: ChecklistRow? {
        guard let rows = lastModel?.incidentRows, !rows.isEmpty else { return nil }
        return rows[min(ui.selection[.incident] ?? 0, rows.count - 1)]
    }

    private mutating func fail(_ error: any Error) {
        ui.flash = StyledLine("not saved: \(TerminalText.clean("\(error)"))", CellStyle(.crit, [.bold]))
    }

    mutating func needIncident() -> Bool {
        IncidentFieldPrompts.needIncident(ui: &ui, session: session)
    }

    // swiftlint:disable:next cyclomatic_complexity
    private mutating func perform(_ action: Action, input: String?) {
        do {
            switch action {
            // Logs
            case .moveSelection(let delta): delta < 0 ? logs.scrollUp(-delta) : logs.scrollDown(delta)
            case .pageSelection(let delta): delta < 0 ? logs.pageUp() : logs.pageDown()
            case .selectFirst: logs.scrollToTop()
            case .selectLast, .resumeFollow: logs.resume()
            case .search:
                if let input { try logs.setSearch(input.isEmpty ? nil : input); if !input.isEmpty && !logs.nextMatch() { ui.flash = StyledLine("no match", CellStyle(.muted)) } }
                else { ui.prompt("Search logs (re: for a regex; capitals make it case-sensitive)", for: .search, initial: logs.search?.source ?? "") }
            case .nextMatch: if !logs.nextMatch() { ui.flash = StyledLine("no more matches", CellStyle(.muted)) }
            case .previousMatch: if !logs.previousMatch() { ui.flash = StyledLine("no earlier match", CellStyle(.muted)) }
            case .filterLogs:
                if let input { try logs.setFilter(input.isEmpty ? nil : input) }
                else { ui.prompt("Show only lines matching (empty clears)", for: .filterLogs, initial: logs.filter?.source ?? "") }
            case .excludeLogs:
                if let input { try logs.setExclude(input.isEmpty ? nil : input) }
                else { ui.prompt("Hide lines matching (empty clears)", for: .excludeLogs, initial: logs.exclude?.source ?? "") }
            case .pickSources: pickSources(toggling: input)
            case .showDetail, .previousSelectionLogs, .selectionAction, .rowRunbookCommands, .describeSelection, .showNode, .silenceAlert, .expireSilence:
                performOnSelection(action, input: input)
            case .followSelectionLogs, .followSelectionLogsSince:
                followSelectionLogs(since: action == .followSelectionLogs ? .recentLines : input.flatMap(LogWindow.init(label:)))
            case .toggleWrap: logs.toggleWrap()
            case .toggleTimestamps: logs.toggleTimestamps()
            case .clearLogs: logs.clear()
            // Incident
            case .toggleTimeline: showTimeline.toggle()
            case .previewStatusUpdate: try statusUpdate(input: input)
            case .fillStatusPlaceholder: try fillStatusPlaceholder(answer: input)
            case .declareIncident, .declareSecondIncident, .setSeverity, .setStatus, .setCommander:
                incidentFields.perform(action, input: input, ui: &ui, session: session)
            case .acceptSuggestedSeverity: acceptSuggestedSeverity()
            case .toggleTick:
                guard needIncident() else { return }
                toggleTick(confirmed: input != nil)
            case .addNote:
                guard needIncident() else { return }
                if let input { session.addNote(input) } else {
                    ui.prompt("Note for the timeline (start with `root cause:` or `fix:` for the exports)", for: .addNote)
                }
            case .acknowledge:
                guard needIncident() else { return }
                if !session.acknowledge() { ui.flash = StyledLine("already acknowledged", CellStyle(.muted)) }
            case .showCommand: showSelectedRow()
            case .runCommand:
                guard needIncident(), case .command(_, let command) = selectedRow else {
                    ui.flash = StyledLine("select a command ($ row) first", CellStyle(.muted))
                    return
                }
                runCommand(command, confirmed: input != nil)
            default:
                ui.flash = StyledLine("not available here", CellStyle(.muted))
            }
        } catch {
            fail(error)
        }
    }
}
