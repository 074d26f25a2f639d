/// Reading /proc files as bytes, in place: lines, fields and numbers found by index, without the
/// substrings, arrays and dictionaries that splitting a `String` makes. The host probe reads
/// meminfo, loadavg and stat every second (docs/PERFORMANCE.md (k), round six); ``ProcParsers``
/// parses them with these. Each answers exactly as the `String` split it replaces did on the
/// ASCII text the kernel writes (`ProcParsersBytesTests` compares them).
enum ProcBytes {
    static let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")

    /// The index of the newline ending the line that starts at `start`, or the end of `bytes`.
    static func end(ofLineFrom start: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        index(of: newline, from: start, to: bytes.count, in: bytes) ?? bytes.count
    }

    /// The first index of `byte` in `start..<end`.
    static func index(of byte: UInt8, from start: Int, to end: Int, in bytes: UnsafeRawBufferPointer) -> Int? {
        var i = start
        while i < end {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// Whether `bytes[start..<end]` is `word`.
    static func equals(_ word: [UInt8], _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        guard end - start == word.count else { return false }
        for (offset, byte) in word.enumerated() where bytes[start + offset] != byte { return false }
        return true
    }

    /// The fields of `start..<end` separated by spaces (runs of spaces make no empty field), in
    /// order, until `body` returns false.
    static func forEachField(from start: Int, to end: Int, in bytes: UnsafeRawBufferPointer, _ body: (Range<Int>) -> Bool) {
        var i = start
        while i < end {
            while i < end && bytes[i] == space { i += 1 }
            guard i < end else { return }
            let fieldStart = i
            while i < end && bytes[i] != space { i += 1 }
            if !body(fieldStart..<i) { return }
        }
    }

    /// The first field of `start..<end` as `UInt64(_:)` reads it (nil when it is not a number).
    static func firstNumber(from start: Int, to end: Int, in bytes: UnsafeRawBufferPointer) -> UInt64? {
        var first: Range<Int>?
        forEachField(from: start, to: end, in: bytes) { first = $0; return false }
        return first.flatMap { unsigned(bytes, $0) }
    }

    /// Whether the field starts with `-`, and where its digits start (after a `+` or `-`).
    private static func sign(_ bytes: UnsafeRawBufferPointer, _ field: Range<Int>) -> (negative: Bool, digits: Int) {
        guard field.lowerBound < field.upperBound else { return (false, field.lowerBound) }
        switch bytes[field.lowerBound] {
        case UInt8(ascii: "-"): return (true, field.lowerBound + 1)
        case UInt8(ascii: "+"): return (false, field.lowerBound + 1)
        default: return (false, field.lowerBound)
        }
    }

    /// `UInt64(_:)` of the field: an optional sign, then decimal digits; `-` allows only zero;
    /// nil on overflow or anything else.
    static func unsigned(_ bytes: UnsafeRawBufferPointer, _ field: Range<Int>) -> UInt64? {
        let (negative, digitsStart) = sign(bytes, field)
        var i = digitsStart
        guard i < field.upperBound else { return nil }
        var value: UInt64 = 0
        while i < field.upperBound {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, over1) = value.multipliedReportingOverflow(by: 10)
            let (sum, over2) = times10.addingReportingOverflow(UInt64(digit))
            guard !over1, !over2 else { return nil }
            value = sum
            i += 1
        }
        return negative && value != 0 ? nil : value
    }

    /// `Double(_:)` of the field. A plain decimal of at most 15 digits (every load average) is read
    /// in place: its digits as an integer divided by a power of ten, both exact, is the correctly
    /// rounded value `Double(_:)` gives. Anything else goes through `Double(_:)`.
    static func double(_ bytes: UnsafeRawBufferPointer, _ field: Range<Int>) -> Double? {
        let (negative, digitsStart) = sign(bytes, field)
        var i = digitsStart
        var mantissa: UInt64 = 0, digits = 0, fractionDigits = 0, sawPoint = false
        while i < field.upperBound {
            let byte = bytes[i]
            if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else if byte &- UInt8(ascii: "0") < 10 {
                mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if sawPoint { fractionDigits += 1 }
            } else {
                digits = 99  // not a plain decimal
                break
            }
            i += 1
        }
        guard digits > 0, digits <= 15 else {
            return Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[field]), as: UTF8.self))
        }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }
}
