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

    public static func build(_ snapshot: DashboardSnapshot, ui: UIState, sources: DashboardSources, now: Date, timeZone: TimeZone = .current) -> DashboardViewModel {
        var panes: [PaneID: PaneModel] = [:]
        panes[.host] = HostPaneBuilder.build(snapshot, now: now)
        if !sources.servicesConfigured {
            panes[.services] = .unavailable(.services, message: "no services configured",
                                            hint: "add `services:`, `checks:` or `prometheus:` to triage.yaml (see `triage init`)")
        }
        if sources.dockerHosts.isEmpty {
            panes[.containers] = .unavailable(.containers, message: "no docker host configured",
                                              hint: "none reachable at start; add `docker:` to triage.yaml")
        }
        if sources.kubeContexts.isEmpty {
            panes[.pods] = .unavailable(.pods, message: "no kubernetes context configured",
                                        hint: "kubectl has no current context; add `kubernetes:` to triage.yaml")
        }
        if sources.logSources == 0 {
            panes[.logs] = .unavailable(.logs, message: "no log sources configured",
                                        hint: "add `logs:` to triage.yaml: docker, kubectl or file")
        }
        if panes[.incident] == nil {
            panes[.incident] = .unavailable(.incident, message: "no incident open")
        }
        return DashboardViewModel(header: header(snapshot, sources: sources, now: now, timeZone: timeZone), panes: panes, rowCounts: [:])
    }

    static func header(_ snapshot: DashboardSnapshot, sources: DashboardSources, now: Date, timeZone: TimeZone) -> HeaderModel {
        var left: [Span] = [Span("triage", CellStyle(.header, [.bold]))]
        if sources.readOnly { left.append(Span("  WALL · read-only", CellStyle(.header))) }
        let age = snapshot.lastUpdate.map { DurationText.age(.seconds(max(0, now.timeIntervalSince($0)))) } ?? "…"
        let clock = WallClock.format(now, timeZone: timeZone)
        let right = [Span("refreshed \(age) ago", CellStyle(.header)), Span("  " + clock, CellStyle(.header, [.bold]))]
        return HeaderModel(left: StyledLine(left), right: StyledLine(right))
    }

    /// Wall-clock formatting for the header: local time with its zone, plus UTC when they differ.
    enum WallClock {
        static func format(_ date: Date, timeZone: TimeZone) -> String {
            let local = hms(date, timeZone)
            let abbreviation = timeZone.abbreviation(for: date) ?? "local"
            if timeZone.secondsFromGMT(for: date) == 0 { return "\(local) UTC" }
            return "\(local) \(abbreviation) · \(hms(date, TimeZone(identifier: "UTC")!)) UTC"
        }

        static func hms(_ date: Date, _ zone: TimeZone) -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let c = calendar.dateComponents([.hour, .minute, .second], from: date)
            return String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        }
    }
}
