/// Cuts a byte stream into lines, bounded: a line longer than `maxLineBytes` comes out in pieces.
///
/// swift-subprocess's own `strings()` throws on lines over 128 KiB, which ends a `kubectl --watch`
/// stream on the first big object. Here a newline ends a line, a trailing CR is dropped (tools that
/// write CRLF), invalid UTF-8 becomes U+FFFD, and memory never exceeds one line's cap.
public struct LineSplitter: Sendable {
    public let maxLineBytes: Int
    private var pending: [UInt8] = []

    public init(maxLineBytes: Int = 16 << 20) {
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Appends bytes and returns every line they completed.
    public mutating func feed(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        while start < bytes.count {
            if let newline = bytes[start...].firstIndex(of: 0x0A) {
                pending.append(contentsOf: bytes[start..<newline])
                flushOversized(into: &lines)
                lines.append(Self.text(pending))
                pending.removeAll(keepingCapacity: true)
                start = newline + 1
            } else {
                pending.append(contentsOf: bytes[start...])
                start = bytes.count
                flushOversized(into: &lines)
            }
        }
        return lines
    }

    /// The unterminated last line, if any, once the stream has ended.
    public mutating func finish() -> String? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : Self.text(pending)
    }

    private mutating func flushOversized(into lines: inout [String]) {
        while pending.count > maxLineBytes {
            lines.append(String(decoding: pending.prefix(maxLineBytes), as: UTF8.self))
            pending.removeFirst(maxLineBytes)
        }
    }

    private static func text(_ bytes: [UInt8]) -> String {
        if bytes.last == 0x0D { return String(decoding: bytes.dropLast(), as: UTF8.self) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
