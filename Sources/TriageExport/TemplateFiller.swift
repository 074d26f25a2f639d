import Foundation
import TriageCore

/// Fills a runbook's communication template with what triage knows, and says what it left.
///
/// Placeholders are matched by meaning, not spelling: `[Time]`, `[CURRENT_TIME]` and `[Timestamp]`
/// are all "now" (or the start, on a line that says "Started"), `P[X]` becomes the severity. What
/// triage cannot know (`[ETA]`, `[Update if applicable]`) stays in the text, bracketed, for the
/// human, and is listed in `leftForHuman`. All-caps tags such as `[OUTAGE]` are text, not blanks.
struct TemplateFiller {
    /// Values for one message; nil means "not known: leave the placeholder".
    struct Values {
        var now: String
        var start: String
        var severity: String
        var status: String
        var title: String
        var incidentID: String
        var name: String
        var affected: String?
        var impact: String?
        var actions: String?
        var nextUpdate: String?
        var duration: String
        var rootCause: String?
        var fix: String?
        var followUps: String?
        /// The moment the message is about for `[Time]`: now for updates, resolution for notices.
        var messageTime: String
    }

    struct Result {
        var text: String
        /// The placeholders left in the text, bracketed, in order of appearance.
        var leftForHuman: [String]
    }

    /// Labels in brackets that are part of the message, not blanks to fill.
    static let literalTags: Set<String> = [
        "outage", "update", "resolved", "resolution", "incident", "urgent", "info", "alert", "maintenance",
        "degraded", "investigating", "identified", "monitoring",
    ]

    static func fill(_ body: String, with values: Values) -> Result {
        var left: [String] = []
        var output: [String] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            output.append(fillLine(String(line), values: values, left: &left))
        }
        return Result(text: output.joined(separator: "\n"), leftForHuman: left)
    }

    private static func fillLine(_ line: String, values: Values, left: inout [String]) -> String {
        var result = ""
        let chars = Array(line)
        var index = 0
        while index < chars.count {
            guard chars[index] == "[" else { result.append(chars[index]); index += 1; continue }
            var end = index + 1
            while end < chars.count, chars[end] != "]", chars[end] != "[" { end += 1 }
            guard end < chars.count, chars[end] == "]" else { result.append(chars[index]); index += 1; continue }
            let inner = String(chars[(index + 1)..<end])
            let isLink = end + 1 < chars.count && chars[end + 1] == "("
            if isLink || inner.trimmingCharacters(in: .whitespaces).isEmpty {
                result += String(chars[index...end])
                index = end + 1
                continue
            }
            // P[X], SEV[X]: the scheme's letters sit outside the brackets; the severity replaces both.
            if ["x", "n", "#"].contains(inner.lowercased()), let before = result.last, before.isLetter {
                while let last = result.last, last.isLetter { result.removeLast() }
                result += values.severity
                index = end + 1
                continue
            }
            let lineLabel = String(chars[..<index])
            if let value = value(for: inner, label: lineLabel, values: values) {
                result += value
            } else {
                let bracketed = "[\(inner)]"
                if !literalTags.contains(ChecklistItem.normalized(inner)) {
                    if !left.contains(bracketed) { left.append(bracketed) }
                }
                result += bracketed
            }
            index = end + 1
        }
        return result
    }

    /// The value for a placeholder, by its normalized words; nil when triage cannot know it.
    static func value(for inner: String, label: String, values: Values) -> String? {
        let key = ChecklistItem.normalized(inner)
        let words = Set(key.split(separator: " ").map(String.init))
        let labelWords = ChecklistItem.normalized(label)
        func has(_ word: String) -> Bool { words.contains(word) }

        // [Investigating/Identified/Resolving/Monitoring]: a choice of statuses.
        let statusWords: Set<String> = ["investigating", "identified", "resolving", "mitigating", "monitoring", "resolved"]
        if inner.contains("/"), words.intersection(statusWords).count >= 2 { return values.status }

        switch key {
        case "time", "current time", "timestamp", "date time", "datetime", "now", "current timestamp", "date":
            return labelWords.contains("start") ? values.start : values.messageTime
        case "start time", "started", "start", "started at", "incident start", "start timestamp":
            return values.start
        case "severity", "priority", "sev", "severity level", "p level":
            return values.severity
        case "status", "current status", "incident status":
            return values.status
        case "title", "incident title", "incident name", "summary", "incident summary":
            return values.title
        case "incident id", "id", "incident", "incident number", "ticket", "incident ticket":
            return key == "incident" || key.contains("ticket") ? nil : values.incidentID
        case "your name", "name", "incident commander", "commander", "ic", "responder", "on call", "owner":
            return values.name
        case "affected services", "services", "service", "affected service", "affected systems", "affected components",
            "service name", "services affected":
            return values.affected
        case "duration", "total outage time", "total duration", "outage duration", "downtime", "total downtime":
            return values.duration
        case "next update", "next update time", "time for next update", "next update at":
            return values.nextUpdate
        default:
            break
        }
        if has("eta") || has("estimated") { return nil }
        if has("follow") { return values.followUps }
        if (has("next") && has("update")) { return values.nextUpdate }
        if has("impact") { return values.impact }
        if has("tried") || has("actions") || key.hasPrefix("what we") || has("action") {
            return values.actions
        }
        if has("cause") || key == "brief explanation" || has("rca") { return values.rootCause }
        if has("resolution") || has("fix") || key.contains("done to fix") || key.contains("was done") {
            return values.fix
        }
        return nil
    }
}
