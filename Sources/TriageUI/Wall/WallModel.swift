import TriageCore

/// Everything the wall display shows, already worded and classified: the renderer only lays it out.
///
/// Built by the app from the incident store, the runbook and the latest probe results (see
/// `WallModelBuilder` in TriageApp); kept free of store and runbook types so it can be rendered and
/// snapshot-tested on its own.
public struct WallModel: Sendable, Equatable {
    /// One failing or warning thing on the outage board, already worded.
    public struct Outage: Sendable, Equatable {
        public var state: HealthState
        /// "pod", "container", "service", "source"...
        public var kind: String
        public var name: String
        public var reason: String
        /// How long it has been in this state ("12s", "3m"); nil when not known.
        public var since: String?
        /// Changed within the last minutes: drawn "▸ 12s" so news stands out.
        public var recent: Bool
        public init(state: HealthState, kind: String, name: String, reason: String, since: String? = nil, recent: Bool = false) {
            self.state = state
            self.kind = kind
            self.name = name
            self.reason = reason
            self.since = since
            self.recent = recent
        }
    }

    /// One runbook section's checklist progress.
    public struct SectionProgress: Sendable, Equatable {
        public var title: String
        public var done: Int
        public var total: Int
        public var overdue: Bool
        public init(title: String, done: Int, total: Int, overdue: Bool) {
            self.title = title
            self.done = done
            self.total = total
            self.overdue = overdue
        }
    }

    /// One timeline line, newest first.
    public struct Event: Sendable, Equatable {
        /// Already formatted ("19:42:05").
        public var time: String
        public var actor: String
        public var text: String
        /// Recorded by triage itself (probe transitions, timers): drawn dimmed.
        public var automatic: Bool
        public init(time: String, actor: String, text: String, automatic: Bool) {
            self.time = time
            self.actor = actor
            self.text = text
            self.automatic = automatic
        }
    }

    /// Incident title; with no incident, what to say instead ("No open incident").
    public var title: String
    /// "INC-20261123-1942"; nil when there is no incident.
    public var incidentID: String?
    /// "P1", drawn large in `severityState`'s colour.
    public var severity: String
    public var severityState: HealthState
    /// "Investigating", drawn large in `statusState`'s colour.
    public var status: String
    public var statusState: HealthState
    /// "12:03", drawn large.
    public var elapsed: String
    /// "ack due in 2:10", "L2 in 12:03"; nil when nothing is due.
    public var nextDue: String?
    public var nextDueState: HealthState
    /// The severity the outage suggests and why ("P1 suggested: 3 of 5 services CRIT for 4m"), when
    /// it differs from the declared one; the wall shows it and never applies it.
    public var suggestion: String?
    /// Every failing, warning and unknown entity from every source: crit, then warn, then unknown,
    /// newest first within a state (the builder orders them; the renderer keeps the order).
    public var outages: [Outage]
    /// How many entities are ok, for the board's heading.
    public var okCount: Int
    /// Every source answered and nothing is wrong: the only case "ALL CLEAR" is drawn.
    public var allClear: Bool
    public var sections: [SectionProgress]
    /// The last five events, newest first (more are ignored).
    public var events: [Event]
    /// Shows the READ-ONLY marker in the header.
    public var readOnly: Bool
    /// Age of the last change seen in the database ("12s"); nil hides it.
    public var lastChange: String?
    /// A line at the bottom for warnings and key answers ("read-only", "runbook changed…").
    public var notice: String?

    public init(
        title: String, incidentID: String?, severity: String, severityState: HealthState, status: String,
        statusState: HealthState, elapsed: String, nextDue: String? = nil, nextDueState: HealthState = .ok,
        outages: [Outage] = [], okCount: Int = 0, allClear: Bool = false, sections: [SectionProgress] = [], events: [Event] = [], readOnly: Bool = true,
        lastChange: String? = nil, notice: String? = nil, suggestion: String? = nil
    ) {
        self.suggestion = suggestion
        self.title = title
        self.incidentID = incidentID
        self.severity = severity
        self.severityState = severityState
        self.status = status
        self.statusState = statusState
        self.elapsed = elapsed
        self.nextDue = nextDue
        self.nextDueState = nextDueState
        self.outages = outages
        self.okCount = okCount
        self.allClear = allClear
        self.sections = sections
        self.events = events
        self.readOnly = readOnly
        self.lastChange = lastChange
        self.notice = notice
    }

    /// How many events the wall shows.
    public static let eventCount = 5
}
