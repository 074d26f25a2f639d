import Foundation
import TriageCore

/// Each service check's availability over the incident, told from the probe transitions on its
/// timeline (`service api went down: …`, `service api came back`): the history the incident store
/// keeps, so `triage export postmortem` can say it without probes of its own.
///
/// These are the dashboard's shown states (after `fail_after`/`recover_after`), so an outage is as
/// long as the row was red. A check with no transition in the window is not listed: nothing is
/// known of it beyond the dashboard's own view.
public enum TimelineAvailability {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var availability: CheckAvailability
    }

    public static func entries(_ events: [TimelineEvent], from: Date, to end: Date) -> [Entry] {
        var logs: [String: RoundLog] = [:]
        var order: [String] = []
        for event in events.sorted(by: { $0.time < $1.time }) where event.kind == .probe && event.time <= end {
            guard let (name, down) = ServiceTransitionText.parse(event.text) else { continue }
            if logs[name] == nil {
                order.append(name)
                // Up until its first recorded transition if that is a failure, down if it came back.
                var log = RoundLog()
                log.record(down ? .ok : .crit, at: min(from, event.time))
                logs[name] = log
            }
            logs[name]?.record(down ? .crit : .ok, at: event.time)
        }
        return order.compactMap { name in
            logs[name].map { Entry(name: name, availability: $0.availability(from: from, to: end)) }
        }
    }
}
