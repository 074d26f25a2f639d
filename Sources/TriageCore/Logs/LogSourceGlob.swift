/// Shell-style name patterns for `logs: - docker: web-*`: `*`, `?` and `[abc]`/`[a-z]`/`[!x]`.
///
/// Pure Swift (no fnmatch) so it behaves the same everywhere; a pattern without wildcards matches
/// only the exact name.
public struct LogSourceGlob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let units: [UInt8]

    public init(_ pattern: String) {
        self.pattern = pattern
        units = Array(pattern.utf8)
    }

    public var description: String { pattern }

    /// Whether the pattern has any wildcard (else it names one container).
    public var isPattern: Bool { units.contains { $0 == 0x2A || $0 == 0x3F || $0 == 0x5B } }

    /// Whether `name` matches the whole pattern.
    public func matches(_ name: String) -> Bool {
        let text = Array(name.utf8)
        var p = 0
        var t = 0
        var starP = -1
        var starT = 0
        while t < text.count {
            if p < units.count {
                switch units[p] {
                case 0x2A:  // *
                    starP = p
                    starT = t
                    p += 1
                    continue
                case 0x3F:  // ?
                    p += 1
                    t += 1
                    continue
                case 0x5B:  // [
                    if let (matched, next) = matchClass(at: p, text[t]) {
                        if matched {
                            p = next
                            t += 1
                            continue
                        }
                    } else if units[p] == text[t] {  // an unclosed [ is literal
                        p += 1
                        t += 1
                        continue
                    }
                default:
                    if units[p] == text[t] {
                        p += 1
                        t += 1
                        continue
                    }
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starT += 1
            t = starT
        }
        while p < units.count, units[p] == 0x2A { p += 1 }
        return p == units.count
    }

    /// Matches one byte against the class starting at `start` (`[`); nil when the class never closes.
    private func matchClass(at start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < units.count, units[i] == 0x21 || units[i] == 0x5E {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < units.count {
            let c = units[i]
            if c == 0x5D, !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < units.count, units[i + 1] == 0x2D, units[i + 2] != 0x5D {
                if byte >= c && byte <= units[i + 2] { matched = true }
                i += 3
            } else {
                if byte == c { matched = true }
                i += 1
            }
        }
        return nil
    }
}
