/// A forward-only JSON reader over raw bytes that materializes only what the caller asks for.
///
/// `kubectl get pods -o json` for 5,000 pods is ~20 MB, of which the Pods pane needs a few percent
/// (names, phases, container states). General decoders build every string and dictionary first;
/// this one skips unwanted subtrees with a byte scan and decodes wanted strings straight from the
/// buffer, which is what keeps the parse inside its 150 ms budget. Errors are thrown as
/// `JSONScanner.Malformed` with the byte offset.
final class JSONScanner {
    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        let expected: String
        var description: String { "malformed JSON at byte \(offset): expected \(expected)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var atEnd: Bool {
        skipSpace()
        return index >= bytes.count
    }

    func reset(to offset: Int) { index = offset }

    @inline(__always)
    func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    @inline(__always)
    func peek() -> UInt8? {
        skipSpace()
        return index < bytes.count ? bytes[index] : nil
    }

    private func expect(_ byte: UInt8, _ what: String) throws(Malformed) {
        guard peek() == byte else { throw Malformed(offset: index, expected: what) }
        index += 1
    }

    /// Consumes `null` if it is next.
    func consumeNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), index + 4 <= bytes.count else { return false }
        index += 4
        return true
    }

    // MARK: Containers

    /// Calls `body` with each key of the object that is next; `body` must consume the value.
    /// `null` counts as an empty object.
    func object(_ body: (String) throws(Malformed) -> Void) throws(Malformed) {
        if consumeNull() { return }
        try expect(UInt8(ascii: "{"), "{")
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"), ":")
            try body(key)
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return
            default: throw Malformed(offset: index, expected: ", or }")
            }
        }
    }

    /// Calls `body` once per element of the array that is next; `null` counts as empty.
    func array(_ body: () throws(Malformed) -> Void) throws(Malformed) {
        if consumeNull() { return }
        try expect(UInt8(ascii: "["), "[")
        if peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try body()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return
            default: throw Malformed(offset: index, expected: ", or ]")
            }
        }
    }

    // MARK: Scalars

    /// The string that is next, unescaped.
    func string() throws(Malformed) -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = index
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return escaped ? JSONStringUnescaper.unescape(raw) : String(decoding: raw, as: UTF8.self)
            }
            index += 1
        }
        throw Malformed(offset: start, expected: "a closing quote")
    }

    /// A string or `null`.
    func optionalString() throws(Malformed) -> String? {
        consumeNull() ? nil : try string()
    }

    /// An integer or `null`; a number with a fraction or exponent is rejected.
    func optionalInt() throws(Malformed) -> Int? {
        if consumeNull() { return nil }
        skipSpace()
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let start = index
        var value = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            value = value &* 10 &+ Int(bytes[index] - 0x30)
            index += 1
        }
        guard index > start, index - start < 19 else { throw Malformed(offset: start, expected: "an integer") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            throw Malformed(offset: index, expected: "an integer")
        }
        return negative ? -value : value
    }

    /// `true`, `false` or `null`.
    func optionalBool() throws(Malformed) -> Bool? {
        if consumeNull() { return nil }
        switch peek() {
        case UInt8(ascii: "t") where index + 4 <= bytes.count:
            index += 4
            return true
        case UInt8(ascii: "f") where index + 5 <= bytes.count:
            index += 5
            return false
        default:
            throw Malformed(offset: index, expected: "true or false")
        }
    }

    /// A flat object of string values (labels), or `null`.
    func stringMap() throws(Malformed) -> [String: String] {
        var map: [String: String] = [:]
        try object { key throws(Malformed) in map[key] = try optionalString() ?? "" }
        return map
    }

    // MARK: Skipping

    /// Skips whatever value is next, without building anything.
    func skipValue() throws(Malformed) {
        guard let first = peek() else { throw Malformed(offset: index, expected: "a value") }
        switch first {
        case UInt8(ascii: "\""):
            index += 1
            try skipStringBody()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): try skipStringBody()
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return }
                default: break
                }
            }
            throw Malformed(offset: index, expected: "the end of an object or array")
        default:
            // Numbers, true, false, null: up to the next delimiter.
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == 0x20
                    || byte == 0x0A || byte == 0x0D || byte == 0x09
                {
                    break
                }
                index += 1
            }
            if index == start { throw Malformed(offset: index, expected: "a value") }
        }
    }

    @inline(__always)
    private func skipStringBody() throws(Malformed) {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
            } else {
                index += 1
                if byte == UInt8(ascii: "\"") { return }
            }
        }
        throw Malformed(offset: index, expected: "a closing quote")
    }
}
