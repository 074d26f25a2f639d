import TriageCore

/// Puts phase windows on one clock, in document order.
///
/// Runbooks often time each phase by its own length: "Recovery Procedures (15-30 minutes)" then
/// "Verification Steps (5-10 minutes)". Read from the start of the incident, verification would be
/// overdue at minute 10, before recovery was even due. A window that starts before the phase above
/// it is read as counted from the end of that phase (35–40 min here), and a lint warning says so.
enum PhaseTimeline {
    static func reading(_ phases: [PhaseWindow]) -> (phases: [PhaseWindow], warnings: [RunbookWarning]) {
        var read: [PhaseWindow] = []
        var warnings: [RunbookWarning] = []
        for phase in phases {
            guard let previous = read.last, phase.startMinutes < previous.startMinutes else {
                read.append(phase)
                continue
            }
            let base = previous.endMinutes ?? previous.startMinutes
            var shifted = phase
            shifted.startMinutes = base + phase.startMinutes
            shifted.endMinutes = phase.endMinutes.map { base + $0 }
            warnings.append(
                RunbookWarning(
                    kind: .phaseOrder, line: phase.line,
                    message: "phase \"\(phase.title)\" (\(window(phase))) starts before \"\(previous.title)\" "
                        + "(\(window(previous))); read as \(window(shifted)) from the start of the incident"))
            read.append(shifted)
        }
        return (read, warnings)
    }

    static func window(_ phase: PhaseWindow) -> String {
        phase.endMinutes.map { "\(phase.startMinutes)–\($0) min" } ?? "after \(phase.startMinutes) min"
    }
}
