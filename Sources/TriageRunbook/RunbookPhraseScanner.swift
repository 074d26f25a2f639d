// `_wordIndex(after:)`: the standard library's Unicode word breaking (UAX #29), which is what a
// Swift Regex's default `\b` asks; it lives in the standard library, not in the regex runtime.
@_spi(_Unicode) import Swift

/// The phrases `RunbookPhrases` looks for, found by hand-written scanners instead of Swift Regex.
///
/// Why: the built-in runbook is parsed at every start of the dashboard, and the first Regex match
/// pulls in the regex runtime (~0.9 MB of code kept resident, docs/PERFORMANCE.md (k)). Each scanner
/// finds exactly what the regex in its comment found: the same `Character`s (grapheme clusters)
/// compared the same way, `\b` as Unicode word boundaries, and the regex's backtracking order where
/// it can change the result. `RunbookPhraseScannerTests` compares every scanner with its regex over
/// generated lines, and keeps the regexes (only the test target has them).
struct RunbookPhraseScanner {
    let text: String
    private let characters: [Character]
    /// `indices[i]` is where `characters[i]` starts; `indices[characters.count]` is `text.endIndex`.
    private let indices: [String.Index]
    /// Word boundaries by UTF-8 offset, filled on the first `\b` asked.
    private var wordStarts: [Bool]?

    init(_ text: String) {
        self.text = text
        characters = Array(text)
        var indices: [String.Index] = []
        indices.reserveCapacity(characters.count + 1)
        var index = text.startIndex
        while index < text.endIndex {
            indices.append(index)
            index = text.index(after: index)
        }
        indices.append(text.endIndex)
        self.indices = indices
    }

    private var count: Int { characters.count }

    // MARK: The phrases

    /// A severity name: `/(?i)\b(?:(P)([0-5])|(?:SEV|Severity)[- ]?([0-5]))\b/`, every
    /// non-overlapping match from the left, as (`P` or `SEV`, the digit, the match's range).
    mutating func severities() -> [(prefix: String, digit: Character, range: Range<String.Index>)] {
        var found: [(prefix: String, digit: Character, range: Range<String.Index>)] = []
        var start = 0
        while start < count {
            if let (prefix, digit, end) = severity(at: start) {
                found.append((prefix, digit, indices[start]..<indices[end]))
                start = end
            } else {
                start += 1
            }
        }
        return found
    }

    private mutating func severity(at start: Int) -> (String, Character, Int)? {
        guard isWordBoundary(start) else { return nil }
        if letters("p", at: start) == start + 1, let digit = digit(at: start + 1, "0"..."5"), isWordBoundary(start + 2) {
            return ("P", digit, start + 2)
        }
        // (?:SEV|Severity) in that order, each with the separator first, then without.
        for word in ["sev", "severity"] {
            guard let afterWord = letters(word, at: start) else { continue }
            var tries: [Int] = []
            if afterWord < count, characters[afterWord] == "-" || characters[afterWord] == " " { tries.append(afterWord + 1) }
            tries.append(afterWord)
            for at in tries {
                if let digit = digit(at: at, "0"..."5"), isWordBoundary(at + 1) { return ("SEV", digit, at + 1) }
            }
        }
        return nil
    }

    /// Who to escalate to: the first match of
    /// `/(?i)escalat\w*\s+to\s+(?:the\s+)?(.+?)(?=\s+(?:if|when|after|unless|once|within|for)\b|\s*[:,(.;]|$)/`, its capture.
    mutating func escalationTarget() -> Substring? {
        for start in 0..<count {
            guard let afterStem = letters("escalat", at: start) else { continue }
            for afterWord in runEnds(from: afterStem, minimum: 0, where: isRegexWordCharacter) {
                for afterSpace in runEnds(from: afterWord, minimum: 1, where: { $0.isWhitespace }) {
                    guard let afterTo = letters("to", at: afterSpace) else { continue }
                    for afterSecondSpace in runEnds(from: afterTo, minimum: 1, where: { $0.isWhitespace }) {
                        // (?:the\s+)? is greedy: with "the " first, then without.
                        if let afterThe = letters("the", at: afterSecondSpace) {
                            for targetStart in runEnds(from: afterThe, minimum: 1, where: { $0.isWhitespace }) {
                                if let end = lazyTargetEnd(from: targetStart) { return text[indices[targetStart]..<indices[end]] }
                            }
                        }
                        if let end = lazyTargetEnd(from: afterSecondSpace) { return text[indices[afterSecondSpace]..<indices[end]] }
                    }
                }
            }
        }
        return nil
    }

    /// `(.+?)(?=…)`: the shortest run of characters other than newlines, at least one, after which
    /// the lookahead holds.
    private mutating func lazyTargetEnd(from start: Int) -> Int? {
        var end = start
        while end < count, !characters[end].isNewline {
            end += 1
            if targetEnds(at: end) { return end }
        }
        return nil
    }

    /// `(?=\s+(?:if|when|after|unless|once|within|for)\b|\s*[:,(.;]|$)` at `position`. The runs of
    /// spaces need no backtracking: what follows them is never a space.
    private mutating func targetEnds(at position: Int) -> Bool {
        let afterSpace = runEnds(from: position, minimum: 0, where: { $0.isWhitespace }).first!
        if afterSpace > position {
            for word in ["if", "when", "after", "unless", "once", "within", "for"] {
                if let end = letters(word, at: afterSpace), isWordBoundary(end) { return true }
            }
        }
        if afterSpace < count, [":", ",", "(", ".", ";"].contains(characters[afterSpace]) { return true }
        // `$` of a Swift Regex without multi-line mode: the very end, not before a final newline.
        return position == count
    }

    /// An escalation tier: the first match of `/(?i)\b(L[1-9]|Tier\s*[1-9]|Level\s*[1-9])\b/`, its capture.
    mutating func tier() -> Substring? {
        for start in 0..<count where isWordBoundary(start) {
            if let end = tierName(at: start, then: { scanner, end in scanner.isWordBoundary(end) ? end : nil }) {
                return text[indices[start]..<indices[end]]
            }
        }
        return nil
    }

    /// A leading tier: `/(?i)\s*(L[1-9]|Tier\s*[1-9]|Level\s*[1-9])\s*[:\-–—]\s*/` as a prefix match,
    /// its capture and what follows the match.
    mutating func leadingTier() -> (tier: Substring, rest: Substring)? {
        // The leading spaces need no backtracking: a tier never starts with a space.
        let start = runEnds(from: 0, minimum: 0, where: { $0.isWhitespace }).first!
        var matchEnd = 0
        let separatorEnd: (inout RunbookPhraseScanner, Int) -> Int? = { scanner, end in
            let afterSpace = scanner.runEnds(from: end, minimum: 0, where: { $0.isWhitespace }).first!
            guard afterSpace < scanner.count, [":", "-", "–", "—"].contains(scanner.characters[afterSpace]) else { return nil }
            matchEnd = scanner.runEnds(from: afterSpace + 1, minimum: 0, where: { $0.isWhitespace }).first!
            return end
        }
        guard let end = tierName(at: start, then: separatorEnd) else { return nil }
        return (text[indices[start]..<indices[end]], text[indices[matchEnd]...])
    }

    /// `(L[1-9]|Tier\s*[1-9]|Level\s*[1-9])` at `start`, in that order, followed by what `then`
    /// accepts (it returns the capture's end, or nil to try the next alternative).
    private mutating func tierName(at start: Int, then: (inout RunbookPhraseScanner, Int) -> Int?) -> Int? {
        if letters("l", at: start) == start + 1, digit(at: start + 1, "1"..."9") != nil, let end = then(&self, start + 2) {
            return end
        }
        for word in ["tier", "level"] {
            guard let afterWord = letters(word, at: start) else { continue }
            for digitAt in runEnds(from: afterWord, minimum: 0, where: { $0.isWhitespace }) {
                if digit(at: digitAt, "1"..."9") != nil, let end = then(&self, digitAt + 1) { return end }
            }
        }
        return nil
    }

    /// Where the condition of an escalation sentence starts: the end of the first match of
    /// `/(?i)\b(?:if|when|once|unless)\b\s*:?\s*/`.
    mutating func conditionStart() -> String.Index? {
        for start in 0..<count where isWordBoundary(start) {
            for word in ["if", "when", "once", "unless"] {
                guard let afterWord = letters(word, at: start), isWordBoundary(afterWord) else { continue }
                // Nothing follows the optional parts, so their longest matches are the match.
                var end = runEnds(from: afterWord, minimum: 0, where: { $0.isWhitespace }).first!
                if end < count, characters[end] == ":" { end += 1 }
                end = runEnds(from: end, minimum: 0, where: { $0.isWhitespace }).first!
                return indices[end]
            }
        }
        return nil
    }

    /// A heredoc's delimiter: the first match of `/<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/`, its capture.
    /// The optional parts need no backtracking: none of them can start the identifier.
    func heredocDelimiter() -> Substring? {
        for start in 0..<max(count - 1, 0) where characters[start] == "<" && characters[start + 1] == "<" {
            var at = start + 2
            if at < count, characters[at] == "-" { at += 1 }
            while at < count, characters[at].isWhitespace { at += 1 }
            if at < count, characters[at] == "'" || characters[at] == "\"" { at += 1 }
            guard at < count, isIdentifierCharacter(characters[at], first: true) else { continue }
            var end = at + 1
            while end < count, isIdentifierCharacter(characters[end], first: false) { end += 1 }
            return text[indices[at]..<indices[end]]
        }
        return nil
    }

    // MARK: What the regexes' parts match

    /// Where `word` (lower-case ASCII letters) ends when it starts at `start`, each letter matched as
    /// `(?i)` matches an ASCII letter: the one-scalar character in either case, nothing else.
    private func letters(_ word: String, at start: Int) -> Int? {
        var at = start
        for letter in word.utf8 {
            guard at < count, let ascii = characters[at].asciiValue, ascii | 0x20 == letter else { return nil }
            at += 1
        }
        return at
    }

    /// The character at `at` when it is a one-scalar ASCII digit in `range` (`[0-5]`).
    private func digit(at position: Int, _ range: ClosedRange<Character>) -> Character? {
        guard position < count, characters[position].unicodeScalars.count == 1, range.contains(characters[position]) else { return nil }
        return characters[position]
    }

    /// Every end of a greedy run of `matches` characters from `start` that is at least `minimum`
    /// long, longest first (the order a regex quantifier backtracks in).
    private func runEnds(from start: Int, minimum: Int, where matches: (Character) -> Bool) -> [Int] {
        var end = start
        while end < count, matches(characters[end]) { end += 1 }
        guard end - start >= minimum else { return [] }
        return Array(stride(from: end, through: start + minimum, by: -1))
    }

    /// `\w`: a letter, a number or `_`.
    private func isRegexWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// `[A-Za-z_]` (`first`) or `[A-Za-z0-9_]`: one-scalar ASCII characters only.
    private func isIdentifierCharacter(_ character: Character, first: Bool) -> Bool {
        guard character.unicodeScalars.count == 1, let ascii = character.asciiValue else { return false }
        return (ascii | 0x20 >= 0x61 && ascii | 0x20 <= 0x7A) || ascii == 0x5F || (!first && ascii >= 0x30 && ascii <= 0x39)
    }


    /// `\b`: the start, the end, or a Unicode word boundary of the whole text.
    private mutating func isWordBoundary(_ position: Int) -> Bool {
        if position == 0 || position == count { return true }
        if wordStarts == nil {
            var starts = [Bool](repeating: false, count: text.utf8.count + 1)
            var index = text.startIndex
            while index < text.endIndex {
                starts[text.utf8.distance(from: text.startIndex, to: index)] = true
                index = text._wordIndex(after: index)
            }
            wordStarts = starts
        }
        return wordStarts![text.utf8.distance(from: text.startIndex, to: indices[position])]
    }
}
