/// Finds spans of time in runbook prose: "15 minutes", "1-2 hours", "30+ min", "first 5 minutes".
///
/// Works on words, not characters, so "P1" or "L2" are never read as numbers, and a number
/// counts only when a time unit follows it (or follows the end of its range: "15-60 minutes").
enum DurationPhrase {
    enum Token: Equatable {
        case number(Double)
        case word(String)
        case symbol(Character)
    }

    /// One time span found in a text, in whole minutes (rounded up).
    struct Match: Equatable {
        var low: Int
        /// The end of a range ("15-60 minutes" → 60); nil for a single value.
        var high: Int?
        /// Written as "30+ minutes".
        var openEnded: Bool
        /// The word or symbol just before the number ("within", "first", ">"), lower-cased.
        var before: String?
    }

    static func tokens(_ text: String) -> [Token] {
        // Nearly all runbook text is ASCII: read its bytes, where an array of `Character`s costs
        // a grapheme break check per character (the same tokens: a byte is a character there).
        if let ascii = asciiTokens(text) { return ascii }
        var tokens: [Token] = []
        let chars = Array(text)
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c.isASCII, c.isNumber {
                var end = index
                while end < chars.count, chars[end].isASCII,
                    chars[end].isNumber
                        || (chars[end] == "." && end + 1 < chars.count && chars[end + 1].isASCII
                            && chars[end + 1].isNumber)
                {
                    end += 1
                }
                tokens.append(.number(Double(String(chars[index..<end])) ?? 0))
                index = end
                if index < chars.count, chars[index].isLetter {
                    var wordEnd = index
                    while wordEnd < chars.count, chars[wordEnd].isLetter { wordEnd += 1 }
                    tokens.append(.word(String(chars[index..<wordEnd]).lowercased()))
                    index = wordEnd
                }
            } else if c.isLetter {
                var end = index
                while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" { end += 1 }
                tokens.append(.word(String(chars[index..<end]).lowercased()))
                index = end
            } else if c.isWhitespace {
                index += 1
            } else {
                tokens.append(.symbol(c))
                index += 1
            }
        }
        return tokens
    }

    /// `tokens(_:)` for ASCII text, on its bytes; nil when the text has a byte ≥ 0x80.
    private static func asciiTokens(_ text: String) -> [Token]? {
        var text = text
        return text.withUTF8 { bytes -> [Token]? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
            func word(_ range: Range<Int>) -> Token {
                .word(String(unsafeUninitializedCapacity: range.count) { buffer in
                    for (offset, byte) in bytes[range].enumerated() { buffer[offset] = isLetter(byte) ? byte | 0x20 : byte }
                    return range.count
                })
            }
            var tokens: [Token] = []
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if isDigit(byte) {
                    var end = index
                    while end < count, isDigit(bytes[end]) || (bytes[end] == 0x2E && end + 1 < count && isDigit(bytes[end + 1])) {
                        end += 1
                    }
                    tokens.append(.number(Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)) ?? 0))
                    index = end
                    if index < count, isLetter(bytes[index]) {
                        var wordEnd = index
                        while wordEnd < count, isLetter(bytes[wordEnd]) { wordEnd += 1 }
                        tokens.append(word(index..<wordEnd))
                        index = wordEnd
                    }
                } else if isLetter(byte) {
                    var end = index
                    while end < count, isLetter(bytes[end]) || isDigit(bytes[end]) || bytes[end] == 0x5F { end += 1 }
                    tokens.append(word(index..<end))
                    index = end
                } else if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    index += 1
                } else {
                    tokens.append(.symbol(Character(Unicode.Scalar(byte))))
                    index += 1
                }
            }
            return tokens
        }
    }

    /// Minutes in one unit word, or nil when the word is not a time unit.
    static func unitMinutes(_ word: String) -> Double? {
        switch word {
        case "s", "sec", "secs", "second", "seconds": 1.0 / 60
        case "m", "min", "mins", "minute", "minutes", "mn": 1
        case "h", "hr", "hrs", "hour", "hours": 60
        case "d", "day", "days": 1440
        case "w", "wk", "wks", "week", "weeks": 10080
        case "month", "months": 43200
        default: nil
        }
    }

    private static func minutes(_ value: Double, _ unit: Double) -> Int {
        Int(min((value * unit).rounded(.up), 1e9))
    }

    private static func isRangeSeparator(_ token: Token) -> Bool {
        switch token {
        case .symbol(let c): c == "-" || c == "–" || c == "—" || c == "~"
        case .word(let w): w == "to"
        default: false
        }
    }

    /// Every span of time in `text`, in order.
    static func matches(in text: String) -> [Match] {
        // A span needs an ASCII digit or the word "first": most text has neither (a byte scan).
        guard mayHoldSpan(text) else { return [] }
        let tokens = tokens(text)
        var found: [Match] = []
        var index = 0
        func unit(at i: Int) -> Double? {
            guard i < tokens.count, case .word(let w) = tokens[i] else { return nil }
            return unitMinutes(w)
        }
        func describe(_ token: Token) -> String {
            switch token {
            case .number(let n): String(n)
            case .word(let w): w
            case .symbol(let c): String(c)
            }
        }
        while index < tokens.count {
            guard case .number(let value) = tokens[index] else {
                // "first hour", "first day": a unit with an implied 1.
                if case .word("first") = tokens[index], let only = unit(at: index + 1), only >= 1 {
                    found.append(Match(low: minutes(1, only), high: nil, openEnded: false, before: "first"))
                    index += 2
                    continue
                }
                index += 1
                continue
            }
            let before = index > 0 ? describe(tokens[index - 1]) : nil
            var next = index + 1
            var openEnded = false
            if next < tokens.count, tokens[next] == .symbol("+") { openEnded = true; next += 1 }
            let firstUnit = unit(at: next)
            if firstUnit != nil { next += 1 }
            if !openEnded, next < tokens.count, tokens[next] == .symbol("+") { openEnded = true; next += 1 }
            if !openEnded, next + 1 < tokens.count, isRangeSeparator(tokens[next]),
                case .number(let upper) = tokens[next + 1]
            {
                var afterUpper = next + 2
                if afterUpper < tokens.count, tokens[afterUpper] == .symbol("+") { afterUpper += 1 }
                if let secondUnit = unit(at: afterUpper) {
                    found.append(
                        Match(
                            low: minutes(value, firstUnit ?? secondUnit), high: minutes(upper, secondUnit),
                            openEnded: false, before: before))
                    index = afterUpper + 1
                    continue
                }
            }
            if let firstUnit {
                found.append(Match(low: minutes(value, firstUnit), high: nil, openEnded: openEnded, before: before))
            }
            index = next
        }
        return found
    }

    /// Whether `text` has an ASCII digit or "first" in any case: what every span of time starts
    /// with (a number token is ASCII digits; "first hour" is the one span without one).
    static func mayHoldSpan(_ text: String) -> Bool {
        text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } || RunbookPhrases.mentionsAny(text, ["first"])
    }

    /// A response target in minutes: "Immediate"/"ASAP" is 0 (due at once), "next business day" is
    /// a day, "2 business days" two; otherwise the first span of time.
    static func targetMinutes(in text: String) -> Int? {
        let lowered = text.lowercased()
        if ["immediate", "asap", "at once", "right away", "instant"].contains(where: lowered.contains) { return 0 }
        if lowered.contains("next business day") || lowered.contains("next working day") { return 1440 }
        let words = tokens(lowered)
        for (index, token) in words.enumerated() {
            guard case .number(let value) = token, index + 2 < words.count,
                case .word(let kind) = words[index + 1], kind == "business" || kind == "working",
                case .word(let unit) = words[index + 2], unit.hasPrefix("day")
            else { continue }
            return minutes(value, 1440)
        }
        return firstMinutes(in: text)
    }

    /// The first span of time in `text`, as minutes (the start of a range).
    static func firstMinutes(in text: String) -> Int? { matches(in: text).first?.low }

    /// A phase window from a heading: "First 5 Minutes", "(15-60 minutes)", "Within 24 hours", "2+ hours".
    ///
    /// A bare "(2 hours)" says how long, not when, so it is not a window.
    static func window(in heading: String) -> (start: Int, end: Int?)? {
        for match in matches(in: heading) {
            if let high = match.high, high >= match.low { return (match.low, high) }
            switch match.before {
            case "first", "within", "next": return (0, match.low)
            case "after", "over", "beyond", ">", "≥", "past": return (match.low, nil)
            default: if match.openEnded { return (match.low, nil) }
            }
        }
        return nil
    }
}
