import Testing
@testable import TriageRunbook

/// `RunbookPhraseScanner` against the Swift Regexes it replaced (kept here only, so the binary's
/// start does not touch the regex runtime): the same matches, ranges and captures over many
/// generated lines made of the words, digits, separators and awkward Unicode the patterns care about.
@Suite struct RunbookPhraseScannerTests {
    /// The patterns as `RunbookPhrases.Patterns` had them.
    enum Patterns {
        nonisolated(unsafe) static let severity: Regex<(Substring, Substring?, Substring?, Substring?)> =
            /(?i)\b(?:(P)([0-5])|(?:SEV|Severity)[- ]?([0-5]))\b/
        nonisolated(unsafe) static let escalateTo: Regex<(Substring, Substring)> =
            /(?i)escalat\w*\s+to\s+(?:the\s+)?(.+?)(?=\s+(?:if|when|after|unless|once|within|for)\b|\s*[:,(.;]|$)/
        nonisolated(unsafe) static let tier: Regex<(Substring, Substring)> = /(?i)\b(L[1-9]|Tier\s*[1-9]|Level\s*[1-9])\b/
        nonisolated(unsafe) static let conditionWord: Regex<Substring> = /(?i)\b(?:if|when|once|unless)\b\s*:?\s*/
        nonisolated(unsafe) static let leadingTier: Regex<(Substring, Substring)> =
            /(?i)\s*(L[1-9]|Tier\s*[1-9]|Level\s*[1-9])\s*[:\-–—]\s*/
        nonisolated(unsafe) static let heredoc: Regex<(Substring, Substring)> = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/
    }

    static let pieces: [String] = [
        // The patterns' words, in several cases and run together.
        "escalate", "Escalation", "ESCALATED", "escalat", "deescalate", "to", "To", "the", "THE", "if", "When", "after",
        "unless", "once", "within", "for", "forever", "iffy", "P", "p", "P1", "p0", "P5", "P6", "SEV", "sev", "Sev-",
        "severity", "Severity ", "Sev", "L", "l", "L2", "l9", "L0", "Tier", "tier", "TIER", "Level", "level", "levels",
        "<<", "<<-", "<", "EOF", "'END'", "\"X\"", "_a1", "on-call", "manager",
        // Digits, separators and spaces.
        "0", "1", "2", "3", "5", "6", "9", "10", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\r", ":", "-", "–", "—", ",",
        "(", ")", ".", ";", "'", "\"", "_", "/", "|", "*",
        // Unicode that a byte scanner would get wrong: combining marks, look-alikes, other digits,
        // other spaces and newlines, letters that case-fold to ASCII.
        "\u{301}", "é", "e\u{301}", "ſ", "ı", "İ", "\u{212A}", "ｐ", "١", "٣", "\u{A0}", "\u{2003}", "\u{2028}", "\u{85}",
        "\u{0B}", "‿", "日本", "🙂", "\u{200D}", "a", "x", "Z",
    ]

    /// `count` lines of 1–14 pieces each, the same on every run.
    /// `count` lines of 1–14 pieces each, the same on every run, each after one of `starts`.
    static func lines(_ count: Int, seed: UInt64, starts: [String] = [""]) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            starts[index % starts.count]
                + (0..<Int.random(in: 1...14, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
    }

    static func span(_ text: Substring?) -> Range<String.Index>? { text.map { $0.startIndex..<$0.endIndex } }

    @Test func severityMatchesTheRegex() {
        var matched = 0
        for line in Self.lines(20_000, seed: 1) {
            var scanner = RunbookPhraseScanner(line)
            let scanned = scanner.severities().map { "\($0.prefix)\($0.digit)@\($0.range)" }
            let expected = line.matches(of: Patterns.severity).map { match in
                "\(match.output.2 != nil ? "P" : "SEV")\(match.output.2 ?? match.output.3 ?? "")@\(match.range)"
            }
            #expect(scanned == expected, "\(line.debugDescription)")
            if !expected.isEmpty { matched += 1 }
        }
        #expect(matched > 500)
    }

    @Test func escalationTargetMatchesTheRegex() {
        var matched = 0
        let starts = ["escalate to ", "Escalate to the ", "escalated  to\t", "ESCALATION to", "x escalate to L", ""]
        for line in Self.lines(20_000, seed: 2, starts: starts) {
            var scanner = RunbookPhraseScanner(line)
            let expected = Self.span(line.firstMatch(of: Patterns.escalateTo)?.output.1)
            #expect(Self.span(scanner.escalationTarget()) == expected, "\(line.debugDescription)")
            if expected != nil { matched += 1 }
        }
        #expect(matched > 2_000)
    }

    @Test func tierMatchesTheRegex() {
        var matched = 0
        for line in Self.lines(20_000, seed: 3) {
            var scanner = RunbookPhraseScanner(line)
            let expected = Self.span(line.firstMatch(of: Patterns.tier)?.output.1)
            #expect(Self.span(scanner.tier()) == expected, "\(line.debugDescription)")
            if expected != nil { matched += 1 }
        }
        #expect(matched > 300)
    }

    @Test func leadingTierMatchesTheRegex() {
        var matched = 0
        // Lines that start with a tier more often than random ones do.
        let starts = ["L2", " Tier 3", "level\t1", "l1", "TIER2", ""]
        for line in Self.lines(20_000, seed: 4, starts: starts) {
            var scanner = RunbookPhraseScanner(line)
            let match = line.prefixMatch(of: Patterns.leadingTier)
            let expected = match.map { "\(Self.span($0.output.1)!)|\($0.range.upperBound)" }
            let scanned = scanner.leadingTier().map { "\(Self.span($0.tier)!)|\($0.rest.startIndex)" }
            #expect(scanned == expected, "\(line.debugDescription)")
            if expected != nil { matched += 1 }
        }
        #expect(matched > 300)
    }

    @Test func conditionStartMatchesTheRegex() {
        var matched = 0
        for line in Self.lines(20_000, seed: 5) {
            var scanner = RunbookPhraseScanner(line)
            let expected = line.firstMatch(of: Patterns.conditionWord)?.range.upperBound
            #expect(scanner.conditionStart() == expected, "\(line.debugDescription)")
            if expected != nil { matched += 1 }
        }
        #expect(matched > 500)
    }

    @Test func heredocDelimiterMatchesTheRegex() {
        var matched = 0
        for line in Self.lines(20_000, seed: 6) {
            let expected = Self.span(line.firstMatch(of: Patterns.heredoc)?.output.1)
            #expect(Self.span(RunbookPhraseScanner(line).heredocDelimiter()) == expected, "\(line.debugDescription)")
            if expected != nil { matched += 1 }
        }
        #expect(matched > 1_000)
    }

    /// The cases the generator may be unlikely to hit, spelled out.
    @Test(arguments: [
        "a.P1", "P1.5", "1P1", "P1's", "e.g.P1 x", "ſev1", "SEVERITY-2", "sev 3x", "P1\u{301}", "\u{212A}", "escalate to  :\nx",
        "escalate to the\nfoo", "escalate to foo\n", "escalate to foo\nbar", "Escalate to L2 if x", "escalated to  the on-call.",
        "escalate to the", "escalate to the if", "escalate to ab\r\n", "Tier\u{A0}3", "tier\n3", "If: go", "<<- 'EOF'", "<<<x",
    ])
    func spelledOutCasesMatchTheRegex(line: String) {
        var scanner = RunbookPhraseScanner(line)
        #expect(scanner.severities().map(\.range) == line.matches(of: Patterns.severity).map(\.range))
        #expect(Self.span(scanner.escalationTarget()) == Self.span(line.firstMatch(of: Patterns.escalateTo)?.output.1))
        #expect(Self.span(scanner.tier()) == Self.span(line.firstMatch(of: Patterns.tier)?.output.1))
        #expect(scanner.conditionStart() == line.firstMatch(of: Patterns.conditionWord)?.range.upperBound)
        #expect(Self.span(scanner.leadingTier()?.tier) == Self.span(line.prefixMatch(of: Patterns.leadingTier)?.output.1))
        #expect(Self.span(scanner.heredocDelimiter()) == Self.span(line.firstMatch(of: Patterns.heredoc)?.output.1))
    }
}
