import Foundation
import TriageCore
import TriageUI

/// What the dashboard was started with: which data sources exist, so a pane without one can say so.
public struct DashboardSources: Sendable {
    public var servicesConfigured: Bool
    public var dockerHosts: [String]
    public var kubeContexts: [String]
    public var logSources: Int
    public var refresh: Duration
    public var readOnly: Bool
    /// Why docker or kubernetes is absent (from discovery), shown in the empty pane.
    public var dockerNote: String?
    public var kubeNote: String?
    /// Set when an untrusted `./triage.yaml` had its command checks withheld: the reason each shows
    /// instead of running, and the notice said above the services.
    public var commandsWithheld: String?
    public var untrustedNotice: String?
    /// Each check's definition (URL or argv, expectations) for its detail view, by check name.
    public var checkDefinitions: [String: [(String, String)]] = [:]
    /// The configured Alertmanagers, for silencing an alert from its view.
    public var alertmanagers: [AlertmanagerSpec] = []
    /// Fixed runbook variables from a trusted config's `vars:`.
    public var runbookVars: [String: String] = [:]
    /// The config's `severity_rules:`; nil uses the default rules from the runbook's severity table.
    public var severityRules: [SeverityRule]?

    public init(servicesConfigured: Bool = false, dockerHosts: [String] = [], kubeContexts: [String] = [], logSources: Int = 0, refresh: Duration = .seconds(2), readOnly: Bool = false) {
        self.servicesConfigured = servicesConfigured
        self.dockerHosts = dockerHosts
        self.kubeContexts = kubeContexts
        self.logSources = logSources
        self.refresh = refresh
        self.readOnly = readOnly
    }
}

/// Snapshot + UI state → header and pane models. Pure: the same inputs give the same frame.
public struct DashboardViewModel: Sendable {
    public var header: HeaderModel
    public var panes: [PaneID: PaneModel]
    /// Selectable rows per pane, for the reducer's cursor bounds.
    public var rowCounts: [PaneID: Int]

    /// The Incident pane's rows, for acting on the selected one.
    public var incidentRows: [ChecklistRow] = []
    /// The severity the outage suggests (shown in the Incident pane), for the key that accepts it.
    public var severitySuggestion: SeveritySuggestion?
    /// The picture the panes were ordered by: the keys that act on a selected row look it up in the
    /// same picture instead of building another one (``SelectedEntity``).
    public var picture: OutageEntities?

    public static func build(
        _ snapshot: DashboardSnapshot, ui: UIState, sources: DashboardSources, session: IncidentSession? = nil,
        logs: LogPaneModel? = nil, showTimeline: Bool = false, width: Int = 120, height: Int = 40,
        now: Date, timeZone: TimeZone? = nil, pictureCache: PictureCache? = nil, version: UInt64? = nil
    ) -> DashboardViewModel {
        var panes: [PaneID: PaneModel] = [:]
        var rowCounts: [PaneID: Int] = [:]
        let layout = DashboardLayout.compute(width: width, height: height, focus: ui.focus, zoomed: ui.zoomed)
        panes[.host] = HostPaneBuilder.build(snapshot, now: now)
        // One picture for every pane, the same the wall and `triage check` show: kept across the
        // frames of one snapshot `version` when the caller keeps a ``PictureCache``, else built here.
        let picture = pictureCache?.picture(of: snapshot, version: version, now: now, sources: sources)
            ?? OutageEntities(snapshot, now: now, sources: sources)
        if sources.servicesConfigured || !snapshot.serviceOrder.isEmpty {
            let (pane, rows) = ServicesPaneBuilder.build(snapshot, ui: ui, now: now, notice: sources.untrustedNotice, picture: picture,
                                                         sparklines: pictureCache?.sparklines)
            panes[.services] = pane
            rowCounts[.services] = rows
        } else {
            panes[.services] = .unavailable(.services, message: "no services configured",
                                            hint: "add `services:`, `checks:` or `prometheus:` to triage.yaml (see `triage init`)")
        }
        var dockerHosts = sources.dockerHosts, kubeContexts = sources.kubeContexts
        var dockerNote = sources.dockerNote, kubeNote = sources.kubeNote
        switch snapshot.discovery {
        case .notNeeded: break
        case .running:
            dockerNote = "looking for a docker engine…"
            kubeNote = "looking for a kubectl context…"
        case .done(let hosts, let contexts, let dNote, let kNote):
            dockerHosts += hosts
            kubeContexts += contexts
            dockerNote = dNote ?? dockerNote
            kubeNote = kNote ?? kubeNote
        }
        if dockerHosts.isEmpty {
            panes[.containers] = .unavailable(.containers, message: "no docker host configured",
                                              hint: dockerNote ?? "add `docker:` to triage.yaml (`triage init` writes one with what it finds)")
        } else {
            let kept = pictureCache?.containersPaneRows(snapshot.docker, picture: picture, ui: ui, now: now)
            let (pane, rows) = ContainersPaneBuilder.build(snapshot.docker, ui: ui, now: now, picture: picture, rows: kept)
            panes[.containers] = pane
            rowCounts[.containers] = rows
        }
        if kubeContexts.isEmpty {
            panes[.pods] = .unavailable(.pods, message: "no kubernetes context configured",
                                        hint: kubeNote ?? "add `kubernetes:` to triage.yaml (`triage init` writes one with what it finds)")
        } else {
            let kept = pictureCache?.podsPaneRows(snapshot.kubernetes, picture: picture, ui: ui, now: now)
            let (pane, rows) = PodsPaneBuilder.build(snapshot.kubernetes, ui: ui, now: now, picture: picture, rows: kept,
                                                     events: pictureCache?.podsPaneEvents(snapshot.kubernetes),
                                                     headers: pictureCache?.podsContextHeaders(snapshot.kubernetes, now: now))
            panes[.pods] = pane
            rowCounts[.pods] = rows
        }
        if let logs {
            let area = layout.panes[.logs]?.inner ?? Rect(x: 0, y: 0, width: width - 2, height: max(1, height / 3))
            panes[.logs] = LogsPaneBuilder.build(logs, configured: sources.logSources, ui: ui, innerWidth: area.width, innerHeight: area.height)
        } else {
            panes[.logs] = .unavailable(.logs, message: "no log sources configured", hint: "add `logs:` to triage.yaml: docker, kubectl or file (see `triage init`)")
        }
        let suggestion = SuggestedSeverity.current(session: session, picture: picture, rules: sources.severityRules, now: now,
                                                   pictureCache: pictureCache)
        let (incidentPane, incidentRows) = IncidentPaneBuilder.build(session, ui: ui, showTimeline: showTimeline, now: now, timeZone: timeZone,
                                                                     suggestion: suggestion)
        panes[.incident] = incidentPane
        rowCounts[.incident] = incidentRows.count
        var model = DashboardViewModel(header: header(snapshot, sources: sources, session: session, now: now, timeZone: timeZone, width: width), panes: panes, rowCounts: rowCounts)
        model.incidentRows = incidentRows
        model.severitySuggestion = suggestion
        model.picture = picture
        return model
    }

    static func header(_ snapshot: DashboardSnapshot, sources: DashboardSources, session: IncidentSession?, now: Date, timeZone: TimeZone?, width: Int = 200) -> HeaderModel {
        var left: [Span] = [Span("triage", CellStyle(.header, [.bold]))]
        if sources.readOnly { left.append(Span(" · WALL read-only", CellStyle(.header))) }
        var right: [Span] = []
        if let incident = session?.incident {
            left.append(Span(" │ ", CellStyle(.header)))
            left.append(Span(" \(TerminalText.clean(incident.severity)) ", CellStyle(.badge, [.bold])))
            // A drill says so wherever its title shows (`triage drill` runs this dashboard).
            let title = session?.isDrill == true ? DrillTitle.shown(incident.title) : incident.title
            left.append(Span(" \(TerminalText.clean(title))", CellStyle(.header, [.bold])))
            left.append(Span(" · \(incident.status.displayName)", CellStyle(.header)))
            if let commander = incident.commander { left.append(Span(" · IC \(TerminalText.clean(commander))", CellStyle(.header))) }
            let end = incident.resolvedAt ?? now
            right.append(Span("⏱ \(DurationText.clock(.seconds(max(0, end.timeIntervalSince(incident.startedAt)))))", CellStyle(.header, [.bold])))
            let due = IncidentTimers.evaluate(incident: incident, runbook: session?.runbook, events: session?.events ?? [], now: now)
            for item in IncidentTimers.headline(due, now: now, limit: width >= 160 ? 2 : 1) {
                let missed = item.isMissed(at: now)
                right.append(Span(" · ", CellStyle(.header)))
                right.append(Span(item.headerText(now: now), missed ? CellStyle(.badge, [.bold]) : CellStyle(.header)))
            }
            right.append(Span("  ", CellStyle(.header)))
        }
        let age = snapshot.lastUpdate.map { DurationText.age(.seconds(max(0, now.timeIntervalSince($0)))) } ?? "…"
        let clock = WallClock.format(now, timeZone: timeZone)
        if width >= 120 || session?.incident == nil { right.append(Span("refreshed \(age) ago  ", CellStyle(.header))) }
        right.append(Span(width >= 120 || session?.incident == nil ? clock : DashboardViewModel.WallClock.hms(now, timeZone), CellStyle(.header, [.bold])))
        return HeaderModel(left: StyledLine(left), right: StyledLine(right))
    }

    /// Wall-clock formatting for the header: local time with its zone, plus UTC when they differ.
    /// A nil zone is the system's, read through the C library (``LocalTime``: no ICU on the frame path).
    enum WallClock {
        static func format(_ date: Date, timeZone: TimeZone?) -> String {
            let offset = LocalTime.offset(date, in: timeZone)
            let local = LocalTime.hms(date, offset: offset)
            if offset == 0 { return "\(local) UTC" }
            return "\(local) \(LocalTime.abbreviation(date, in: timeZone)) · \(LocalTime.hms(date, offset: 0)) UTC"
        }

        static func hms(_ date: Date, _ zone: TimeZone?) -> String {
            LocalTime.hms(date, offset: LocalTime.offset(date, in: zone))
        }
    }
}
