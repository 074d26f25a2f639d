/// How alarming a log line looks: drives its colour and the errors-per-minute sparkline.
public enum LogSeverity: UInt8, Sendable, Hashable, Comparable {
    case normal = 0
    case warn = 1
    case crit = 2

    public static func < (a: LogSeverity, b: LogSeverity) -> Bool { a.rawValue < b.rawValue }

    /// Detects severity from the words a line contains, in one pass over its bytes (no regex).
    ///
    /// Critical: `ERROR`, `FATAL`, `PANIC`, `CRITICAL` as words, `Exception` anywhere (so
    /// `NullPointerException` counts), `Traceback`, `level=error`/`"level":"fatal"` style fields, and
    /// HTTP 5xx statuses written as ` 503 ` or `status=503` / `"status":503`. Warning: `WARN`/`WARNING`
    /// and `level=warn`.
    public static func detect(_ text: String) -> LogSeverity {
        var text = text
        return text.withUTF8 { detect(bytes: $0) }
    }

    public static func detect(bytes p: UnsafeBufferPointer<UInt8>) -> LogSeverity {
        let n = p.count
        var result = LogSeverity.normal
        var i = 0
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        @inline(__always) func wordStart(_ at: Int) -> Bool { at == 0 || !isLetter(p[at - 1]) }
        @inline(__always) func has(_ word: StaticString, at: Int) -> Bool {
            let count = word.utf8CodeUnitCount
            guard at + count <= n else { return false }
            let w = word.utf8Start
            for k in 0..<count where p[at + k] != w[k] { return false }
            return true
        }
        /// A lowercase level word after `=` or `:` (optionally quoted), ended by a non-letter.
        func levelWord(after at: Int) -> LogSeverity {
            var j = at + 1
            if j < n, p[j] == 0x20 { j += 1 }
            if j < n, p[j] == 0x22 { j += 1 }
            for (word, severity) in [("error", LogSeverity.crit), ("fatal", .crit), ("panic", .crit),
                                     ("crit", .crit), ("warn", .warn)] as [(StaticString, LogSeverity)] {
                if has(word, at: j) { return severity }
            }
            return .normal
        }
        /// `5dd` at `at`, not part of a longer number.
        func status5xx(at: Int) -> Bool {
            guard at + 3 <= n, p[at] == 0x35, isDigit(p[at + 1]), isDigit(p[at + 2]) else { return false }
            return at + 3 == n || !(isDigit(p[at + 3]) || isLetter(p[at + 3]) || p[at + 3] == 0x2E)
        }
        while i < n {
            let b = p[i]
            // Lowercase letters, digits and most punctuation cannot start a marker.
            if b >= 0x61 || (b > 0x20 && b < 0x3A) {
                i += 1
                continue
            }
            switch b {
            case 0x45:  // E
                if has("ERROR", at: i), wordStart(i) { return .crit }
                if has("Exception", at: i) { return .crit }
            case 0x46:  // F
                if has("FATAL", at: i), wordStart(i) { return .crit }
            case 0x50:  // P
                if has("PANIC", at: i), wordStart(i) { return .crit }
            case 0x43:  // C
                if has("CRITICAL", at: i), wordStart(i) { return .crit }
            case 0x54:  // T
                if has("Traceback", at: i) { return .crit }
            case 0x57:  // W
                if has("WARN", at: i), wordStart(i) { result = .warn }
            case 0x3D, 0x3A:  // = :
                // level=error, "level":"error", status=503, "status": 503
                if i >= 5, has("level", at: i - 5) || (i >= 6 && has("level\"", at: i - 6)) {
                    let level = levelWord(after: i)
                    if level == .crit { return .crit }
                    if level == .warn { result = .warn }
                } else if i >= 6, has("status", at: i - 6) || (i >= 7 && has("status\"", at: i - 7)) {
                    var j = i + 1
                    if j < n, p[j] == 0x20 { j += 1 }
                    if status5xx(at: j) { return .crit }
                }
            case 0x20:  // " 503 "
                if i + 4 < n, p[i + 4] == 0x20, status5xx(at: i + 1) { return .crit }
            default:
                break
            }
            i += 1
        }
        return result
    }
}
