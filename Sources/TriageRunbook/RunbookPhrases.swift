import Foundation

/// Small recognizers for the words runbooks use: severity names, numbered steps, escalation targets.
///
/// They run on one heading, paragraph, list item or table cell at a time, after the Markdown
/// parser has decided what is prose; they never see code.
enum RunbookPhrases {
    // MARK: Severity

    /// A severity name found in a text, normalized (`P1`, `SEV2`), and where it was.
    struct SeverityToken: Equatable {
        var name: String
        var range: Range<String.Index>
    }

    /// `P0`–`P5`, `SEV1`/`SEV-1`/`Sev 1`, `Severity 1` (as `SEV1`).
    static func severityTokens(in text: String) -> [SeverityToken] {
        // Most text names no severity: a byte scan rules it out before the regex runs.
        guard mayNameSeverity(text) else { return [] }
        var scanner = RunbookPhraseScanner(text)
        return scanner.severities().map { SeverityToken(name: $0.prefix + String($0.digit), range: $0.range) }
    }

    static let levelWords: Set<String> = ["critical", "high", "medium", "moderate", "low", "major", "minor"]

    /// A leading level word ("Critical: …", "High (…)", "**Low** - …") when it names a level.
    ///
    /// "High error rates" does not: the word must stand alone or be followed by `:`, `(`, `-` or a dash.
    static func leadingLevelWord(in text: String) -> (name: String, rest: Substring)? {
        let trimmed = text.drop(while: { $0 == " " })
        let word = trimmed.prefix(while: { $0.isLetter })
        guard levelWords.contains(word.lowercased()) else { return nil }
        let rest = trimmed.dropFirst(word.count)
        let next = rest.drop(while: { $0 == " " }).first
        guard next == nil || [":", "(", "-", "–", "—", "|"].contains(next!) else { return nil }
        return (word.prefix(1).uppercased() + word.dropFirst().lowercased(), rest)
    }

    /// The description left after removing the severity name: "Complete Outage (P0)" → "Complete Outage",
    /// "P0 (Critical): Complete outage" → "Critical: Complete outage", "P1 - Critical" → "Critical".
    static func severityDescription(_ text: String, removing range: Range<String.Index>?) -> String {
        var before = range.map { String(text[..<$0.lowerBound]) } ?? ""
        var after = range.map { String(text[$0.upperBound...]) } ?? text
        before = before.trimmingCharacters(in: .whitespaces)
        // "Complete Outage (P0)": drop the now-empty parentheses around the name.
        if before.hasSuffix("("), after.trimmingCharacters(in: .whitespaces).hasPrefix(")") {
            before.removeLast()
            after = String(after.drop(while: { $0 == " " }).dropFirst())
        }
        after = after.trimmingCharacters(in: .whitespaces)
        // "(Critical): rest" → "Critical: rest"
        if after.hasPrefix("("), let close = after.firstIndex(of: ")") {
            let label = after[after.index(after: after.startIndex)..<close]
            let remainder = after[after.index(after: close)...]
            after = String(label) + remainder
        }
        after = String(after.drop(while: { " :-–—|/,".contains($0) }))
        before = String(before.reversed().drop(while: { " :-–—|/,(".contains($0) }).reversed())
        return [before, after].filter { !$0.isEmpty }.joined(separator: ": ").trimmingCharacters(in: .whitespaces)
    }

    /// "Response Time: 15 minutes", "Response target - 1 hour", "Acknowledge within 5 min".
    static func responseMinutes(inLine text: String) -> Int? {
        guard mentionsAny(text, ["respon", "ack", "sla"]) else { return nil }
        let lowered = text.lowercased()
        let words = lowered.split(whereSeparator: { !$0.isLetter })
        let keyed: Set<Substring> = ["response", "respond", "acknowledge", "acknowledged", "ack", "sla"]
        guard words.contains(where: keyed.contains) else { return nil }
        guard !lowered.hasPrefix("resolution") else { return nil }
        return DurationPhrase.firstMinutes(in: text)
    }

    // MARK: Headings

    static func mentionsAny(_ text: String, _ words: [String]) -> Bool {
        // ASCII text (nearly all of a runbook) is folded byte by byte as it is compared: no
        // lower-cased copy. Other text is lower-cased first, since a non-ASCII letter can lower-case
        // to ASCII ones (`İ` → `i̇`, the Kelvin sign → `k`).
        // A native string's bytes are read in place; a bridged one is copied once.
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return words.contains { word in containsBytes(bytes, word, foldingCase: true) }
        }
        if let found = ascii ?? nil { return found }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return Array(text.utf8).withUnsafeBufferPointer { bytes in
                words.contains { word in containsBytes(bytes, word, foldingCase: true) }
            }
        }
        let lowered = Array(text.lowercased().utf8)
        return words.contains { word in containsBytes(lowered, Array(word.utf8)) }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte; with `foldingCase`, ASCII upper-case
    /// letters of `haystack` count as their lower-case ones (`needle` is lower-case already).
    static func containsBytes(_ haystack: [UInt8], _ needle: [UInt8], foldingCase: Bool) -> Bool {
        guard foldingCase else { return containsBytes(haystack, needle) }
        return haystack.withUnsafeBufferPointer { bytes in
            needle.withUnsafeBufferPointer { containsFolded(bytes, $0) }
        }
    }

    /// `containsBytes(_:_:foldingCase: true)` with a needle given as a (lower-case ASCII) string.
    static func containsBytes(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: String, foldingCase: Bool) -> Bool {
        var needle = needle
        return needle.withUTF8 { containsFolded(haystack, $0) }
    }

    private static func containsFolded(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        func folded(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            var matched = 0
            while matched < needle.count, folded(haystack[index + matched]) == needle[matched] { matched += 1 }
            if matched == needle.count { return true }
            index += 1
        }
        return false
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (both already lower-cased UTF-8).
    static func containsBytes(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// `p0`…`p5` or `sev` anywhere, ignoring case: the only ways a severity can be named.
    static func mayNameSeverity(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index + 1 < bytes.count {
            let byte = bytes[index] | 0x20
            let next = bytes[index + 1]
            if byte == UInt8(ascii: "p"), next >= UInt8(ascii: "0"), next <= UInt8(ascii: "5") { return true }
            if byte == UInt8(ascii: "s"), index + 2 < bytes.count, next | 0x20 == UInt8(ascii: "e"),
                bytes[index + 2] | 0x20 == UInt8(ascii: "v")
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// Whether `text` could name an escalation tier (`L2`, `Tier 2`, `Level 2`).
    static func mayNameTier(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if lowered.contains("tier") || lowered.contains("level") { return true }
        let bytes = Array(lowered.utf8)
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "l"), bytes[index + 1] >= UInt8(ascii: "1"), bytes[index + 1] <= UInt8(ascii: "9") {
                return true
            }
            index += 1
        }
        return false
    }

    static let severityHeadingWords = ["severity", "severities", "priority", "priorities", "sev ", "sev levels"]
    static let communicationWords = [
        "update", "template", "notice", "notif", "message", "communicat", "announce", "status page", "comms",
        "email", "e-mail",
    ]
    static let templateLeadInWords = ["template", "message", "notice", "announcement", "update", "email"]

    /// Channels a message is written for: "**Slack:**" or "Email template:" before a fence or quote
    /// makes it a message to send, even when its first line looks like a command (`/incident start`).
    static let channelWords = [
        "slack", "email", "e-mail", "teams", "sms", "text message", "tweet", "status page", "statuspage", "message",
        "template", "announcement", "notice", "post to", "discord", "mattermost", "pagerduty note",
    ]

    /// Whether `leadIn` (the paragraph before a block) introduces a message: short, ends with ":",
    /// names a channel.
    static func isChannelLeadIn(_ leadIn: String?) -> Bool {
        guard let leadIn, leadIn.count <= 80, leadIn.hasSuffix(":") else { return false }
        return mentionsAny(leadIn, channelWords)
    }

    // MARK: Escalation

    /// Who to escalate to, from "Escalate to L2 if:", "Escalate to the on-call manager when …",
    /// "L3 Escalation", "Tier 2: …".
    static func escalationLevel(in text: String) -> String? {
        var scanner = RunbookPhraseScanner(text)
        if mentionsAny(text, ["escalat"]), text.lowercased().contains("escalat"), let target = scanner.escalationTarget() {
            let level = String(target).trimmingCharacters(in: .whitespaces)
            if !level.isEmpty { return level }
        }
        if mayNameTier(text), let tier = scanner.tier() {
            return String(tier)
        }
        return nil
    }

    /// The condition part of an escalation sentence: what follows "if"/"when", else the sentence.
    static func escalationCondition(_ sentence: String) -> String {
        var text = sentence.trimmingWhitespaces
        var scanner = RunbookPhraseScanner(text)
        if mentionsAny(text, ["escalat"]), text.lowercased().contains("escalat"), let start = scanner.conditionStart() {
            let rest = text[start...].trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { text = rest }
        }
        while let last = text.last, ".:;".contains(last) { text.removeLast() }
        return text
    }

    /// A leading "L2:" / "Tier 2 -" / "Level 2:" that names the level of one escalation line.
    static func leadingLevel(in text: String) -> (level: String, rest: String)? {
        guard mayNameTier(text) else { return nil }
        var scanner = RunbookPhraseScanner(text)
        guard let (tier, rest) = scanner.leadingTier() else { return nil }
        return (String(tier), String(rest))
    }

    /// "Post a status update every 30 minutes" → 30.
    static func statusUpdateMinutes(in text: String) -> Int? {
        // Asked of every paragraph and item, twice: a byte scan rules out text without "every"
        // before it is lower-cased and searched with Foundation.
        guard mentionsAny(text, ["every"]) else { return nil }
        let lowered = text.lowercased()
        guard lowered.contains("update") || lowered.contains("cadence"), let every = lowered.range(of: "every")
        else { return nil }
        return DurationPhrase.firstMinutes(in: String(lowered[every.upperBound...]))
    }

    /// Sentences of a paragraph (split after `.`, `!`, `?` followed by a space).
    static func sentences(_ text: String) -> [String] {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiSentences(text) : sentencesByCharacter(text)
    }

    /// `sentences(_:)` read by `Character`, for text that is not ASCII.
    static func sentencesByCharacter(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        for (index, c) in chars.enumerated() {
            current.append(c)
            if ".!?".contains(c), index + 1 < chars.count, chars[index + 1] == " " {
                out.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { out.append(rest) }
        return out
    }

    /// `sentences(_:)` of ASCII text, cut on its bytes (a byte is a character there).
    private static func asciiSentences(_ text: String) -> [String] {
        var out: [String] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?"), next != bytes.endIndex,
                bytes[next] == UInt8(ascii: " ")
            {
                out.append(text[start..<next].trimmingSpaces)
                start = next
            }
            index = next
        }
        let rest = text[start...].trimmingSpaces
        if !rest.isEmpty { out.append(rest) }
        return out
    }
}
