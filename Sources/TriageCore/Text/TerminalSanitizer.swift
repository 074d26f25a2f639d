/// Turns untrusted bytes into text that is safe to put in one row of the cell grid.
///
/// Every byte from a log source, a container name or an HTTP error body is hostile until it has
/// been through here. The output never holds a scalar that can move the cursor or change terminal
/// state: C0 controls (except tab, which is expanded), DEL and C1 controls become visible pictures,
/// escape sequences (CSI, OSC, DCS, SOS, PM, APC, in 7-bit and 8-bit forms) are either dropped
/// (SGR colour) or shown visibly starting with `␛`, invalid UTF-8 becomes U+FFFD, and bidi
/// embedding/override/isolate controls and marks are shown as `<RLO>`, `<RLM>` and the like so
/// they cannot reorder a row.
///
/// It is a state machine value: ``feed(_:_:)`` takes chunks as they arrive from a pipe or file and
/// emits complete lines; a UTF-8 scalar or escape sequence cut at a chunk boundary continues
/// correctly in the next chunk. Lines longer than ``maxLineBytes`` keep their start and end with a
/// marker `… [N bytes dropped]`, so one giant line cannot use unbounded memory.
public struct TerminalSanitizer: Sendable {
    /// Default cap on one output line, in bytes of UTF-8.
    public static let defaultMaxLineBytes = 16 * 1024

    /// Bytes of UTF-8 one output line may hold before the rest is replaced by the dropped marker.
    public let maxLineBytes: Int
    /// Column stops for tab expansion.
    public let tabWidth: Int

    private enum State: Sendable {
        case ground
        /// Inside a multi-byte UTF-8 scalar: `need` more continuation bytes.
        case utf8(need: Int, scalar: UInt32, lowerBound: UInt8, upperBound: UInt8)
        case escape
        case escapeIntermediate
        case csi
        case string(StringKind)
        case stringEscape(StringKind)
        /// Inside a string sequence, after the UTF-8 lead byte 0xC2 (which may start the 8-bit ST U+009C).
        case stringC2(StringKind)
    }

    private enum StringKind: UInt8, Sendable {
        case osc = 0x5D  // ]
        case dcs = 0x50  // P
        case sos = 0x58  // X
        case pm = 0x5E  // ^
        case apc = 0x5F  // _
    }

    private var state: State = .ground
    /// Output bytes of the line being built.
    private var line: [UInt8] = []
    /// Bytes of the escape sequence being collected (introducer excluded), capped at `sequenceKeep`.
    private var sequence: [UInt8] = []
    private var sequenceOverflow = false
    /// A CR waits to see whether LF follows (CRLF line end) or not (shown as ␍).
    private var pendingCR = false
    /// Once the line is full, bytes up to the next LF are only counted.
    private var droppedBytes = 0
    private var dropping = false
    /// Output offset and column at the last tab stop, so tab expansion measures only the text since.
    private var segmentStart = 0
    private var segmentColumn = 0

    private static let sequenceKeep = 48

    public init(maxLineBytes: Int = TerminalSanitizer.defaultMaxLineBytes, tabWidth: Int = 8) {
        self.maxLineBytes = max(64, maxLineBytes)
        self.tabWidth = max(1, tabWidth)
        line.reserveCapacity(256)
    }

    private init(placeholderWithMaxLineBytes maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
        tabWidth = 8
    }

    /// An unallocated instance to swap in while the real one is busy (see LogLineDecoder).
    static let placeholder = TerminalSanitizer(placeholderWithMaxLineBytes: defaultMaxLineBytes)

    // MARK: Feeding

    /// Sanitizes a chunk, calling `emit` with every line it completes (without its line end).
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ emit: (String) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let count = bytes.count
        var i = 0
        while i < count {
            if dropping {
                // Skip to the next LF, counting what is dropped.
                var j = i
                while j < count, p[j] != 0x0A { j += 1 }
                droppedBytes += j - i
                if j < count {
                    endLine(emit)
                    i = j + 1
                } else {
                    i = j
                }
                continue
            }
            if case .ground = state, !pendingCR {
                // Fast path: a run of printable ASCII is copied as is.
                var j = i
                while j < count, p[j] >= 0x20, p[j] < 0x7F { j += 1 }
                if j > i {
                    let room = maxLineBytes - line.count
                    if j - i <= room {
                        line.append(contentsOf: UnsafeBufferPointer(start: p + i, count: j - i))
                    } else {
                        line.append(contentsOf: UnsafeBufferPointer(start: p + i, count: room))
                        startDropping(alreadyDropped: j - i - room)
                    }
                    i = j
                    continue
                }
            }
            step(p[i], emit)
            i += 1
        }
    }

    /// Sanitizes a chunk and returns the lines it completes.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        let array = Array(bytes)
        array.withUnsafeBytes { buffer in feed(buffer) { lines.append($0) } }
        return lines
    }

    /// Ends the stream: returns the unfinished last line, if any (an open sequence shown visibly).
    public mutating func finish() -> String? {
        var result: String?
        abortPending()
        if pendingCR {
            pendingCR = false
            appendControlPicture(0x0D)
        }
        if !line.isEmpty || dropping {
            endLine { result = $0 }
        }
        state = .ground
        return result
    }

    /// True when nothing is buffered: no partial line, scalar or sequence.
    public var isIdle: Bool {
        if case .ground = state, line.isEmpty, !pendingCR, !dropping { return true }
        return false
    }

    // MARK: One-shot

    /// Sanitizes one piece of outside text for a single row: names, labels, error bodies.
    ///
    /// Line ends become `newline` (default `⏎`); trailing line ends and spaces are dropped.
    public static func clean(
        _ text: String, newline: String = "⏎", maxBytes: Int = TerminalSanitizer.defaultMaxLineBytes
    ) -> String {
        var fast = true
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F {
            fast = false
            break
        }
        if fast { return text }
        var sanitizer = TerminalSanitizer(maxLineBytes: maxBytes)
        var parts: [String] = []
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x0A || last == 0x0D || last == 0x20 { bytes.removeLast() }
        bytes.withUnsafeBytes { sanitizer.feed($0) { parts.append($0) } }
        if let rest = sanitizer.finish() { parts.append(rest) }
        return parts.joined(separator: newline)
    }

    // MARK: The state machine

    private mutating func step(_ byte: UInt8, _ emit: (String) -> Void) {
        if pendingCR {
            pendingCR = false
            if byte == 0x0A {
                abortPending()
                endLine(emit)
                return
            }
            appendControlPicture(0x0D)
        }
        switch state {
        case .ground:
            ground(byte, emit)
        case .utf8(let need, let scalar, let lower, let upper):
            if byte >= lower && byte <= upper {
                let value = (scalar << 6) | UInt32(byte & 0x3F)
                if need == 1 {
                    state = .ground
                    scalarDecoded(value)
                } else {
                    state = .utf8(need: need - 1, scalar: value, lowerBound: 0x80, upperBound: 0xBF)
                }
            } else {
                // Maximal subpart of an invalid sequence: one U+FFFD, then reprocess this byte.
                state = .ground
                appendReplacement()
                step(byte, emit)
            }
        case .escape:
            escape(byte, emit)
        case .escapeIntermediate:
            if byte >= 0x20 && byte <= 0x2F {
                collect(byte)
            } else if byte >= 0x30 && byte <= 0x7E {
                collect(byte)
                // Character set designations (ESC ( B is half of tput sgr0) change nothing we pass on.
                let first = sequence.first ?? 0
                if !(first >= 0x28 && first <= 0x2B) { showSequence(prefix: nil) }
                resetSequence()
                state = .ground
            } else {
                showSequence(prefix: nil)
                resetSequence()
                state = .ground
                step(byte, emit)
            }
        case .csi:
            if byte >= 0x20 && byte <= 0x3F {
                collect(byte)
            } else if byte >= 0x40 && byte <= 0x7E {
                if byte == 0x6D && isPlainSGRParameters() {
                    // Colour: dropped silently.
                } else {
                    collect(byte)
                    showSequence(prefix: 0x5B)
                }
                resetSequence()
                state = .ground
            } else {
                showSequence(prefix: 0x5B)
                resetSequence()
                state = .ground
                step(byte, emit)
            }
        case .string(let kind):
            switch byte {
            case 0x07:
                finishString(kind)
            case 0x1B:
                state = .stringEscape(kind)
            case 0x0A:
                finishString(kind)
                endLine(emit)
            case 0xC2:
                state = .stringC2(kind)
            default:
                collect(byte)
            }
        case .stringC2(let kind):
            if byte == 0x9C {
                finishString(kind)
            } else {
                collect(0xC2)
                state = .string(kind)
                step(byte, emit)
            }
        case .stringEscape(let kind):
            finishString(kind)
            if byte != 0x5C {  // ESC \ is ST; any other ESC starts a new sequence.
                state = .escape
                step(byte, emit)
            }
        }
    }

    private mutating func ground(_ byte: UInt8, _ emit: (String) -> Void) {
        switch byte {
        case 0x0A:
            endLine(emit)
        case 0x0D:
            pendingCR = true
        case 0x09:
            expandTab()
        case 0x1B:
            state = .escape
        case 0x20..<0x7F:
            appendBytes(byte)
        case 0x00..<0x20:
            appendControlPicture(byte)
        case 0x7F:
            appendScalar(0x2421)  // ␡
        case 0xC2...0xDF:
            state = .utf8(need: 1, scalar: UInt32(byte & 0x1F), lowerBound: 0x80, upperBound: 0xBF)
        case 0xE0...0xEF:
            let lower: UInt8 = byte == 0xE0 ? 0xA0 : 0x80
            let upper: UInt8 = byte == 0xED ? 0x9F : 0xBF
            state = .utf8(need: 2, scalar: UInt32(byte & 0x0F), lowerBound: lower, upperBound: upper)
        case 0xF0...0xF4:
            let lower: UInt8 = byte == 0xF0 ? 0x90 : 0x80
            let upper: UInt8 = byte == 0xF4 ? 0x8F : 0xBF
            state = .utf8(need: 3, scalar: UInt32(byte & 0x07), lowerBound: lower, upperBound: upper)
        default:
            // Stray continuation byte, 0xC0/0xC1, or 0xF5 and above: never valid UTF-8.
            appendReplacement()
        }
    }

    private mutating func escape(_ byte: UInt8, _ emit: (String) -> Void) {
        switch byte {
        case 0x5B:
            state = .csi
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F:
            state = .string(StringKind(rawValue: byte)!)
        case 0x20...0x2F:
            collect(byte)
            state = .escapeIntermediate
        case 0x30...0x7E:
            collect(byte)
            showSequence(prefix: nil)
            resetSequence()
            state = .ground
        default:
            // A lone ESC before a control, non-ASCII byte or another ESC.
            appendScalar(0x241B)
            state = .ground
            step(byte, emit)
        }
    }

    /// A decoded non-ASCII scalar from the ground state.
    private mutating func scalarDecoded(_ value: UInt32) {
        switch value {
        case 0x80...0x9F:
            c1(UInt8(value))
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0x200E, 0x200F, 0x061C:
            appendASCII(Self.bidiName(value))
        default:
            appendScalar(value)
        }
    }

    /// An 8-bit control given as its code point (U+0080–U+009F).
    private mutating func c1(_ code: UInt8) {
        switch code {
        case 0x9B: state = .csi
        case 0x9D: state = .string(.osc)
        case 0x90: state = .string(.dcs)
        case 0x98: state = .string(.sos)
        case 0x9E: state = .string(.pm)
        case 0x9F: state = .string(.apc)
        default:
            // Shown as its 7-bit equivalent, e.g. U+0085 NEL as ␛E.
            appendScalar(0x241B)
            appendBytes(code - 0x40)
        }
    }

    // MARK: Sequences

    private mutating func collect(_ byte: UInt8) {
        if sequence.count < Self.sequenceKeep { sequence.append(byte) } else { sequenceOverflow = true }
    }

    private mutating func resetSequence() {
        sequence.removeAll(keepingCapacity: true)
        sequenceOverflow = false
    }

    private func isPlainSGRParameters() -> Bool {
        if sequenceOverflow { return false }
        for byte in sequence where !(byte >= 0x30 && byte <= 0x3B) { return false }  // digits : ;
        return true
    }

    /// Shows a collected sequence visibly: `␛`, the introducer, and its bytes (printable ASCII only).
    private mutating func showSequence(prefix: UInt8?) {
        appendScalar(0x241B)
        if let prefix { appendBytes(prefix) }
        for byte in sequence { appendBytes(byte) }
        if sequenceOverflow { appendScalar(0x2026) }
    }

    /// Shows a finished (or cut-off) string sequence: `␛]`, then its body made safe, cut short.
    private mutating func finishString(_ kind: StringKind) {
        state = .ground
        appendScalar(0x241B)
        appendBytes(kind.rawValue)
        let body = String(decoding: sequence, as: UTF8.self)
        var shown = 0
        var cut = sequenceOverflow
        for scalar in body.unicodeScalars {
            if shown >= 32 {
                cut = true
                break
            }
            let value = scalar.value
            switch value {
            case 0x00..<0x20: appendScalar(0x2400 + value)
            case 0x7F: appendScalar(0x2421)
            case 0x80...0x9F: appendScalar(0xFFFD)
            case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0x200E, 0x200F, 0x061C: appendASCII(Self.bidiName(value))
            default: appendScalar(value)
            }
            shown += 1
        }
        if cut { appendScalar(0x2026) }
        resetSequence()
    }

    /// Whatever is half-done at a line end or stream end is shown, never dropped silently.
    private mutating func abortPending() {
        switch state {
        case .ground:
            break
        case .utf8:
            appendReplacement()
        case .escape:
            appendScalar(0x241B)
        case .escapeIntermediate:
            showSequence(prefix: nil)
        case .csi:
            showSequence(prefix: 0x5B)
        case .string(let kind), .stringEscape(let kind):
            finishString(kind)
        case .stringC2(let kind):
            collect(0xC2)
            finishString(kind)
        }
        resetSequence()
        state = .ground
    }

    private static func bidiName(_ value: UInt32) -> StaticString {
        switch value {
        case 0x202A: return "<LRE>"
        case 0x202B: return "<RLE>"
        case 0x202C: return "<PDF>"
        case 0x202D: return "<LRO>"
        case 0x202E: return "<RLO>"
        case 0x2066: return "<LRI>"
        case 0x2067: return "<RLI>"
        case 0x2068: return "<FSI>"
        case 0x2069: return "<PDI>"
        case 0x2028: return "<LS>"
        case 0x200E: return "<LRM>"
        case 0x200F: return "<RLM>"
        case 0x061C: return "<ALM>"
        default: return "<PS>"
        }
    }

    // MARK: Output

    private mutating func endLine(_ emit: (String) -> Void) {
        if case .ground = state {} else { abortPending() }
        if dropping {
            appendMarker()
        }
        emit(String(decoding: line, as: UTF8.self))
        line.removeAll(keepingCapacity: line.capacity <= 4 * 1024)
        dropping = false
        droppedBytes = 0
        segmentStart = 0
        segmentColumn = 0
    }

    private mutating func startDropping(alreadyDropped: Int) {
        dropping = true
        droppedBytes = alreadyDropped
        resetSequence()
        state = .ground
    }

    private mutating func appendMarker() {
        let marker = "… [\(droppedBytes) bytes dropped]"
        line.append(contentsOf: marker.utf8)
    }

    private mutating func appendBytes(_ byte: UInt8) {
        if line.count >= maxLineBytes {
            startDropping(alreadyDropped: 1)
            return
        }
        line.append(byte)
    }

    private mutating func appendASCII(_ text: StaticString) {
        if line.count + text.utf8CodeUnitCount > maxLineBytes {
            startDropping(alreadyDropped: 1)
            return
        }
        text.withUTF8Buffer { line.append(contentsOf: $0) }
    }

    private mutating func appendScalar(_ value: UInt32) {
        let size = value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
        if line.count + size > maxLineBytes {
            // The bytes of a multi-byte scalar that does not fit count as dropped.
            startDropping(alreadyDropped: size)
            return
        }
        switch size {
        case 1:
            line.append(UInt8(value))
        case 2:
            line.append(UInt8(0xC0 | (value >> 6)))
            line.append(UInt8(0x80 | (value & 0x3F)))
        case 3:
            line.append(UInt8(0xE0 | (value >> 12)))
            line.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            line.append(UInt8(0x80 | (value & 0x3F)))
        default:
            line.append(UInt8(0xF0 | (value >> 18)))
            line.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            line.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            line.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    private mutating func appendReplacement() { appendScalar(0xFFFD) }

    private mutating func appendControlPicture(_ byte: UInt8) { appendScalar(0x2400 + UInt32(byte)) }

    /// Spaces up to the next tab stop; columns measured (graphemes, wcwidth) only since the last tab.
    private mutating func expandTab() {
        let segment = line[segmentStart...]
        let columns = segmentColumn + DisplayWidth.of(String(decoding: segment, as: UTF8.self))
        let spaces = tabWidth - (columns % tabWidth)
        for _ in 0..<spaces { appendBytes(0x20) }
        segmentStart = line.count
        segmentColumn = columns + spaces
    }
}
