/// Turns one source's raw byte chunks into ``LogLine``s: sanitizes, splits, strips and parses the
/// `--timestamps` prefix, detects severity and numbers the lines.
///
/// A pure value, one per source stream; the hub feeds it as bytes arrive.
public struct LogLineDecoder: Sendable {
    public let source: LogSourceID
    /// Whether each line starts with an RFC 3339 stamp and a space (docker/kubectl `--timestamps`),
    /// possibly after a kubectl `--prefix` tag like `[pod/web-1/app] `.
    public let parsesTimestamps: Bool
    private var sanitizer: TerminalSanitizer
    /// Sequence number of the next line.
    public private(set) var nextSequence: UInt64

    public init(source: LogSourceID, parsesTimestamps: Bool, maxLineBytes: Int = TerminalSanitizer.defaultMaxLineBytes,
                firstSequence: UInt64 = 0) {
        self.source = source
        self.parsesTimestamps = parsesTimestamps
        sanitizer = TerminalSanitizer(maxLineBytes: maxLineBytes)
        nextSequence = firstSequence
    }

    /// Decodes a chunk; `emit` gets every completed line.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, arrival: LogTimestamp, _ emit: (LogLine) -> Void) {
        // The sanitizer is moved out for the call so each finished line is turned into a LogLine at
        // once (no intermediate array); `self`'s other fields stay free to mutate in the closure.
        var working = TerminalSanitizer.placeholder
        swap(&working, &sanitizer)
        working.feed(bytes) { text in emit(makeLine(text, arrival: arrival)) }
        swap(&working, &sanitizer)
    }

    /// Decodes a chunk and returns its completed lines.
    public mutating func feed(_ bytes: [UInt8], arrival: LogTimestamp) -> [LogLine] {
        var lines: [LogLine] = []
        bytes.withUnsafeBytes { feed($0, arrival: arrival) { lines.append($0) } }
        return lines
    }

    /// Ends the stream: the unterminated last line, if any. The decoder can be fed again afterwards
    /// (a restarted follower) and keeps numbering.
    public mutating func finish(arrival: LogTimestamp) -> LogLine? {
        guard let text = sanitizer.finish() else { return nil }
        return makeLine(text, arrival: arrival)
    }

    private mutating func makeLine(_ text: String, arrival: LogTimestamp) -> LogLine {
        var text = text
        var stamp: LogTimestamp?
        if parsesTimestamps {
            (stamp, text) = Self.splitTimestamp(text)
        }
        let severity = text.withUTF8 { LogSeverity.detect(bytes: $0) }
        let line = LogLine(source: source, sequence: nextSequence, arrival: arrival, timestamp: stamp, text: text,
                           severity: severity)
        nextSequence += 1
        return line
    }

    /// Splits `2026-11-23T19:51:09.123Z message` (or `[pod/x/c] 2026-…Z message`) into the stamp
    /// and the message (the `[…]` tag kept in front). Text without a stamp comes back whole.
    public static func splitTimestamp(_ text: String) -> (LogTimestamp?, String) {
        var text = text
        return text.withUTF8 { bytes -> (LogTimestamp?, String) in
            var start = 0
            if bytes.count > 2, bytes[0] == 0x5B {  // [prefix]
                var i = 1
                while i < bytes.count, i < 256, bytes[i] != 0x5D { i += 1 }
                if i + 1 < bytes.count, bytes[i] == 0x5D, bytes[i + 1] == 0x20 { start = i + 2 }
            }
            let rest = UnsafeBufferPointer(rebasing: bytes[start...])
            guard let (stamp, used) = LogTimestamp.parsePrefix(rest) else { return (nil, String(decoding: bytes, as: UTF8.self)) }
            var messageStart = start + used
            if messageStart < bytes.count, bytes[messageStart] == 0x20 { messageStart += 1 }
            let message = UnsafeBufferPointer(rebasing: bytes[messageStart...])
            if start == 0 { return (stamp, String(decoding: message, as: UTF8.self)) }
            let tag = UnsafeBufferPointer(rebasing: bytes[0..<start])
            return (stamp, String(decoding: tag, as: UTF8.self) + String(decoding: message, as: UTF8.self))
        }
    }
}
