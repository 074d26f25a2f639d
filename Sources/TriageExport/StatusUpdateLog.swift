import Foundation
import TriageCore

/// How issued status updates are recorded in the timeline, and how they are found again.
///
/// An `export` event whose text starts with "Status update #N issued" marks update N; its time
/// restarts the update timer, and the next update reports what happened since. One wording is
/// shared by the CLI and the dashboard so both count the same updates.
public enum StatusUpdateLog {
    /// The last status update issued before now, as the timeline records it.
    public struct Previous: Sendable, Equatable {
        public var number: Int
        public var time: Date

        public init(number: Int, time: Date) {
            self.number = number
            self.time = time
        }
    }

    /// The timeline text for issuing update `number`: "Status update #3 issued".
    public static func issuedText(number: Int) -> String { "Status update #\(number) issued" }

    /// The update number an export event records, or nil when it is not a status update.
    public static func number(of event: TimelineEvent) -> Int? {
        guard event.kind == .export else { return nil }
        let prefix = "status update #"
        let text = event.text.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix(prefix) else { return nil }
        let digits = text.dropFirst(prefix.count).prefix(while: \.isNumber)
        return Int(digits)
    }

    /// The latest status update in `events` (any order), or nil when none was issued.
    ///
    /// Its number is the count of status-update events, so a gap or a duplicate number in the text
    /// does not make the next update reuse a number.
    public static func previous(in events: [TimelineEvent]) -> Previous? {
        let updates = events.filter { number(of: $0) != nil }
        guard let last = updates.max(by: { ($0.time, $0.id) < ($1.time, $1.id) }) else { return nil }
        return Previous(number: updates.count, time: last.time)
    }

    /// The number the next status update gets: previous updates + 1.
    public static func nextNumber(in events: [TimelineEvent]) -> Int {
        events.count(where: { number(of: $0) != nil }) + 1
    }
}
