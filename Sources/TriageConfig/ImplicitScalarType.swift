import Yams

/// The type YAML 1.1 gives a plain scalar written without a tag (`true`, `42`, `0.5`, `~`), as Yams'
/// default resolver decides it, without that resolver's regular expressions: they are
/// `NSRegularExpression`s, and compiling them loads ICU (megabytes of code and data resident) into
/// every process that reads a config, before the dashboard's first frame. The config is composed
/// with Yams' `.basic` resolver, which leaves every scalar a string, and ``tag(of:)`` gives a plain
/// one the type the default rules would have given it. `LeanStartImplicitScalarTypeTests` checks it
/// against Yams' own rules.
enum ImplicitScalarType {
    /// The node's tag, with a plain (unquoted) string scalar resolved by YAML 1.1's implicit rules:
    /// bool, int, float, merge, null, timestamp, value, in the order Yams tries them. Under the
    /// `.basic` resolver an explicit `!!str` on a plain scalar reads as a string too, so such a
    /// scalar (`!!str true`) is typed by its text as well; a quoted one stays a string.
    static func tag(of node: Node) -> Tag.Name {
        guard case .scalar(let scalar) = node, scalar.style == .plain, node.tag.rawValue == Tag.Name.str.rawValue else {
            return Tag.Name(rawValue: node.tag.rawValue)
        }
        return tag(ofPlain: scalar.string)
    }

    /// The implicit type of a plain scalar's text.
    static func tag(ofPlain text: String) -> Tag.Name {
        let bytes = Array(text.utf8)
        if isBool(text) { return .bool }
        if isInt(bytes) { return .int }
        if isFloat(bytes) { return .float }
        if text == "<<" { return .merge }
        if isNull(text) { return .null }
        if isTimestamp(bytes) { return .timestamp }
        if text == "=" { return .value }
        return .str
    }

    static func isBool(_ text: String) -> Bool {
        switch text {
        case "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF": true
        default: false
        }
    }

    /// A boolean's value, as Yams reads one (`Bool.construct`): any case of true/yes/on, false/no/off.
    static func boolValue(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }

    static func isNull(_ text: String) -> Bool {
        switch text {
        case "", "~", "null", "Null", "NULL": true
        default: false
        }
    }

    // MARK: Numbers (the default rules' patterns, one branch each)

    /// `[-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`
    static func isInt(_ bytes: [UInt8]) -> Bool {
        var s = Scanner(bytes)
        s.sign()
        let body = s.index
        if s.literal("0b") { return s.many(isBinary) && s.atEnd }
        s.index = body
        if s.literal("0") {
            if s.atEnd { return true }
            _ = s.literal("o")
            if s.many(isOctal), s.atEnd { return true }
            s.index = body
            if s.literal("0x") { return s.many(isHex) && s.atEnd }
            return false
        }
        guard s.one(isNonZeroDigit) else { return false }
        s.any(isDigitOrUnderscore)
        if s.atEnd { return true }
        return s.sexagesimalGroups() && s.atEnd
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)? | \.[0-9_]+([eE][-+][0-9]+)? |
    /// [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`
    static func isFloat(_ bytes: [UInt8]) -> Bool {
        var s = Scanner(bytes)
        // \.[0-9_]+([eE][-+][0-9]+)?  (no sign)
        if s.literal(".") {
            if s.many(isDigitOrUnderscore) {
                if s.atEnd { return true }
                return s.exponent(signRequired: true) && s.atEnd
            }
            let rest = s.index
            for word in ["nan", "NaN", "NAN"] {
                s.index = rest
                if s.literal(word), s.atEnd { return true }
            }
            s.index = rest
            for word in ["inf", "Inf", "INF"] {
                s.index = rest
                if s.literal(word), s.atEnd { return true }
            }
            return false
        }
        s.sign()
        let body = s.index
        if s.literal(".") {
            for word in ["inf", "Inf", "INF"] {
                s.index = body + 1
                if s.literal(word), s.atEnd { return true }
            }
            return false
        }
        guard s.one(isDigit) else { return false }
        s.any(isDigitOrUnderscore)
        let afterDigits = s.index
        // [0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?
        if s.literal(".") { s.any(isDigitOrUnderscore) }
        if s.atEnd { return true }
        if s.exponent(signRequired: false), s.atEnd { return true }
        // [0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
        s.index = afterDigits
        guard s.sexagesimalGroups(), s.literal(".") else { return false }
        s.any(isDigitOrUnderscore)
        return s.atEnd
    }

    // MARK: Timestamps

    /// `YYYY-MM-DD`, or `YYYY-M-D` then `T`/`t`/blanks, `H:MM:SS`, optional fraction, optional blanks and zone (`Z`, `±H`, `±H:MM`).
    static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        var s = Scanner(bytes)
        guard s.digits(4), s.literal("-") else { return false }
        let month = s.index
        if s.digits(2), s.literal("-"), s.digits(2), s.atEnd { return true }
        s.index = month
        guard s.digits(1...2), s.literal("-"), s.digits(1...2) else { return false }
        if !s.one({ $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) {
            guard s.many(isBlank) else { return false }
        }
        guard s.digits(1...2), s.literal(":"), s.digits(2), s.literal(":"), s.digits(2) else { return false }
        if s.literal(".") { s.any(isDigit) }
        s.any(isBlank)
        if s.atEnd { return true }
        if s.literal("Z") { return s.atEnd }
        guard s.one({ $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }), s.digits(1...2) else { return false }
        if s.atEnd { return true }
        return s.literal(":") && s.digits(2) && s.atEnd
    }

    // MARK: Bytes

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isNonZeroDigit(_ byte: UInt8) -> Bool { byte >= 0x31 && byte <= 0x39 }
    static func isDigitOrUnderscore(_ byte: UInt8) -> Bool { isDigit(byte) || byte == UInt8(ascii: "_") }
    static func isBinary(_ byte: UInt8) -> Bool { byte == 0x30 || byte == 0x31 || byte == UInt8(ascii: "_") }
    static func isOctal(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x37) || byte == UInt8(ascii: "_") }
    static func isHex(_ byte: UInt8) -> Bool {
        isDigitOrUnderscore(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// A cursor over the scalar's bytes; each method consumes what it matched.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func one(_ test: (UInt8) -> Bool) -> Bool {
            guard index < bytes.count, test(bytes[index]) else { return false }
            index += 1
            return true
        }

        /// Zero or more.
        mutating func any(_ test: (UInt8) -> Bool) {
            while one(test) {}
        }

        /// One or more.
        mutating func many(_ test: (UInt8) -> Bool) -> Bool {
            guard one(test) else { return false }
            any(test)
            return true
        }

        mutating func literal(_ text: String) -> Bool {
            let start = index
            for byte in text.utf8 {
                guard one({ $0 == byte }) else {
                    index = start
                    return false
                }
            }
            return true
        }

        mutating func sign() {
            _ = one { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        }

        mutating func digits(_ count: Int) -> Bool { digits(count...count) }

        /// Between `range.lowerBound` and `range.upperBound` digits, as many as there are.
        mutating func digits(_ range: ClosedRange<Int>) -> Bool {
            var count = 0
            while count < range.upperBound, one(ImplicitScalarType.isDigit) { count += 1 }
            return count >= range.lowerBound
        }

        /// `(:[0-5]?[0-9])+`, the sexagesimal groups of `190:20:30`.
        mutating func sexagesimalGroups() -> Bool {
            var groups = 0
            while true {
                let start = index
                guard literal(":") else { break }
                let first = index
                if one({ $0 >= 0x30 && $0 <= 0x35 }), one(ImplicitScalarType.isDigit) {
                    groups += 1
                    continue
                }
                index = first
                if one(ImplicitScalarType.isDigit) {
                    groups += 1
                    continue
                }
                index = start
                break
            }
            return groups > 0
        }

        /// `[eE][-+]?[0-9]+` (the sign required after a leading `.` number).
        mutating func exponent(signRequired: Bool) -> Bool {
            let start = index
            guard one({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return false }
            let signed = one { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
            guard signed || !signRequired, many(ImplicitScalarType.isDigit) else {
                index = start
                return false
            }
            return true
        }
    }
}
