import Foundation

/// What the user typed after `/`, `F` or `!`: plain text, or a regex after a `re:` prefix.
///
/// Case-insensitive unless the pattern has a capital letter (smart case, as in less and vim); for a
/// regex, escapes like `\S` or `\W` do not count as capitals.
public struct LogQuery: Sendable, Hashable, CustomStringConvertible {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var pattern: String
        public var reason: String
        public var description: String { "invalid regex \(TerminalSanitizer.clean(pattern)): \(reason)" }
    }

    /// The text as typed, prefix included.
    public let source: String
    public let isRegex: Bool
    public let caseSensitive: Bool
    private let needle: [UInt8]
    private let regex: RegexBox?

    /// Parses `text`; a `re:` prefix makes the rest a regular expression (ICU syntax).
    public init(_ text: String) throws(ParseError) {
        source = text
        if text.hasPrefix("re:") {
            let pattern = String(text.dropFirst(3))
            isRegex = true
            caseSensitive = Self.hasCapital(pattern, regex: true)
            needle = []
            do {
                regex = RegexBox(try NSRegularExpression(
                    pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive]))
            } catch {
                throw ParseError(pattern: pattern, reason: "\(error.localizedDescription)")
            }
        } else {
            isRegex = false
            caseSensitive = Self.hasCapital(text, regex: false)
            regex = nil
            needle = caseSensitive ? Array(text.utf8) : Array(text.lowercased().utf8)
        }
    }

    public var description: String { source }

    public static func == (a: LogQuery, b: LogQuery) -> Bool { a.source == b.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// Whether `text` contains a match.
    public func matches(_ text: String) -> Bool {
        if let regex {
            let range = NSRange(location: 0, length: text.utf16.count)
            return regex.expression.firstMatch(in: text, options: [], range: range) != nil
        }
        if needle.isEmpty { return true }
        var text = text
        return text.withUTF8 { Self.find(needle, in: $0, from: 0, foldCase: !caseSensitive) != nil }
    }

    /// Every non-overlapping match in `text`, in order, as UTF-8 byte offset ranges.
    public func matchRanges(in text: String) -> [Range<Int>] {
        if let regex {
            var result: [Range<Int>] = []
            let range = NSRange(location: 0, length: text.utf16.count)
            for match in regex.expression.matches(in: text, options: [], range: range) {
                guard match.range.length > 0, let r = Range(match.range, in: text) else { continue }
                let lower = text.utf8.distance(from: text.startIndex, to: r.lowerBound)
                let upper = lower + text.utf8.distance(from: r.lowerBound, to: r.upperBound)
                result.append(lower..<upper)
            }
            return result
        }
        guard !needle.isEmpty else { return [] }
        var text = text
        return text.withUTF8 { bytes in
            var result: [Range<Int>] = []
            var from = 0
            while let at = Self.find(needle, in: bytes, from: from, foldCase: !caseSensitive) {
                result.append(at..<(at + needle.count))
                from = at + needle.count
            }
            return result
        }
    }

    /// Byte search with ASCII case folding (non-ASCII compared exactly, lowercased on both sides
    /// only for ASCII; the needle was lowercased with full Unicode rules).
    static func find(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>, from: Int, foldCase: Bool) -> Int? {
        let n = hay.count
        let m = needle.count
        guard m > 0, n - from >= m else { return nil }
        return needle.withUnsafeBufferPointer { nd -> Int? in
            let first = nd[0]
            let firstUpper: UInt8 = foldCase && first >= 0x61 && first <= 0x7A ? first - 0x20 : first
            var i = from
            let last = n - m
            while i <= last {
                let b = hay[i]
                if b == first || b == firstUpper {
                    var k = 1
                    while k < m {
                        var h = hay[i + k]
                        if foldCase, h >= 0x41, h <= 0x5A { h += 0x20 }
                        if h != nd[k] { break }
                        k += 1
                    }
                    if k == m { return i }
                }
                i += 1
            }
            return nil
        }
    }

    static func hasCapital(_ pattern: String, regex: Bool) -> Bool {
        var escaped = false
        for character in pattern {
            if regex && escaped {
                escaped = false
                continue
            }
            if regex && character == "\\" {
                escaped = true
                continue
            }
            if character.isUppercase { return true }
        }
        return false
    }
}

/// NSRegularExpression is immutable and documented thread-safe for matching.
final class RegexBox: @unchecked Sendable {
    let expression: NSRegularExpression
    init(_ expression: NSRegularExpression) { self.expression = expression }
}
