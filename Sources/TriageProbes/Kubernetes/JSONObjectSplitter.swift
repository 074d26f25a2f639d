/// Cuts a stream of concatenated JSON objects into one string per top-level object.
///
/// kubectl prints watch events one object per line today, but pretty-printed output (`-o json`
/// without `--output-watch-events` on some versions) spans many lines. Counting braces outside
/// strings handles both. A runaway object beyond `maxObjectBytes` is dropped, not buffered forever.
public struct JSONObjectSplitter: Sendable {
    public let maxObjectBytes: Int
    private var buffer: [UInt8] = []
    private var depth = 0
    private var inString = false
    private var escaped = false
    public private(set) var droppedObjects = 0

    public init(maxObjectBytes: Int = 64 << 20) {
        self.maxObjectBytes = maxObjectBytes
    }

    /// True between top-level objects: a line fed now that does not start an object is not JSON
    /// (kubectl's log lines, merged into its output, are told apart this way).
    public var isBetweenObjects: Bool { depth == 0 }

    /// Feeds one line (its newline removed) and returns every object it completed.
    public mutating func feed(line: String) -> [String] {
        var out: [String] = []
        for byte in line.utf8 { step(byte, into: &out) }
        if depth > 0 { buffer.append(0x0A) }
        return out
    }

    private mutating func step(_ byte: UInt8, into out: inout [String]) {
        if depth == 0 {
            // Between objects: skip whitespace and anything that is not the start of an object.
            guard byte == UInt8(ascii: "{") else { return }
            depth = 1
            buffer = [byte]
            inString = false
            escaped = false
            return
        }
        buffer.append(byte)
        if inString {
            if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
        } else if byte == UInt8(ascii: "\"") {
            inString = true
        } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
            depth += 1
        } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
            depth -= 1
            if depth == 0 {
                out.append(String(decoding: buffer, as: UTF8.self))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if buffer.count > maxObjectBytes {
            droppedObjects += 1
            buffer.removeAll()
            depth = 0
            inString = false
        }
    }
}
