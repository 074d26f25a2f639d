import Foundation
import TriageCore

/// Parses lines of the long-running `docker stats --format '{{json .}}'` stream.
///
/// The stream is written for a terminal even into a pipe: each frame starts with `ESC[H`, lines
/// end with `ESC[K`, frames end with `ESC[J`, and blank rows appear between frames. Before a
/// container's first sample every figure reads `--`. So: strip escape sequences, take the JSON
/// object between the first `{` and the last `}`, and let any figure that does not parse be nil.
/// Hot path (one line per container every few seconds per host), so no JSONSerialization here.
public enum DockerStatsParser {
    /// The sample on one line, or nil for blank, partial or foreign lines.
    public static func parseLine(_ line: String) -> DockerStatsSample? {
        let startsFrame = line.utf8.starts(with: [0x1B, 0x5B, 0x48]) || line.contains("\u{1B}[H")
        let utf8 = Array(line.utf8)
        guard let open = utf8.firstIndex(of: UInt8(ascii: "{")),
            let close = utf8.lastIndex(of: UInt8(ascii: "}")), open < close
        else { return nil }
        let fields = FlatJSONObject.parse(utf8[open...close])
        guard let id = fields["ID"] ?? fields["Container"], !id.isEmpty, id != "--" else { return nil }
        let memory = splitPair(fields["MemUsage"])
        let net = splitPair(fields["NetIO"])
        let block = splitPair(fields["BlockIO"])
        let stats = ContainerStats(
            cpuPercent: percent(fields["CPUPerc"]),
            memoryUsageBytes: memory.0.flatMap(ByteSize.parse),
            memoryLimitBytes: memory.1.flatMap(ByteSize.parse),
            memoryPercent: percent(fields["MemPerc"]),
            networkReceivedBytes: net.0.flatMap(ByteSize.parse),
            networkSentBytes: net.1.flatMap(ByteSize.parse),
            blockReadBytes: block.0.flatMap(ByteSize.parse),
            blockWrittenBytes: block.1.flatMap(ByteSize.parse),
            pids: fields["PIDs"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        return DockerStatsSample(containerID: id, name: fields["Name"] ?? "", stats: stats, startsFrame: startsFrame)
    }

    /// Every sample in a block of stream text (a recorded fixture, or a benchmark's 1,000 lines).
    public static func parse(_ text: String) -> [DockerStatsSample] {
        text.split(whereSeparator: \.isNewline).compactMap { parseLine(String($0)) }
    }

    /// "12.5%" → 12.5; "--", "" → nil.
    static func percent(_ text: String?) -> Double? {
        guard var text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.hasSuffix("%") { text.removeLast() }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// "1.2MB / 3kB" → ("1.2MB", "3kB").
    static func splitPair(_ text: String?) -> (String?, String?) {
        guard let text else { return (nil, nil) }
        let parts = text.components(separatedBy: " / ")
        guard parts.count == 2 else { return (nil, nil) }
        return (parts[0], parts[1])
    }
}

/// Sizes as docker prints them: "0B", "492KiB", "23.54GiB", "1.2MB", "3kB", "--".
public enum ByteSize {
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed != "--" else { return nil }
        var numberEnd = trimmed.startIndex
        while numberEnd < trimmed.endIndex, trimmed[numberEnd].isNumber || trimmed[numberEnd] == "." {
            numberEnd = trimmed.index(after: numberEnd)
        }
        guard let value = Double(trimmed[..<numberEnd]) else { return nil }
        let multiplier: Double
        switch trimmed[numberEnd...].trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "b": multiplier = 1
        case "kb", "k": multiplier = 1e3
        case "mb", "m": multiplier = 1e6
        case "gb", "g": multiplier = 1e9
        case "tb", "t": multiplier = 1e12
        case "kib": multiplier = 1024
        case "mib": multiplier = 1_048_576
        case "gib": multiplier = 1_073_741_824
        case "tib": multiplier = 1_099_511_627_776
        default: return nil
        }
        return Int64((value * multiplier).rounded())
    }
}

/// A tiny reader for the flat `{"Key":"value",...}` objects docker's `{{json .}}` prints for stats rows.
///
/// Only string and bare scalar values at the top level; nested values are skipped. Enough for the
/// stats rows and several times faster than JSONSerialization on this hot path.
enum FlatJSONObject {
    static func parse(_ bytes: ArraySlice<UInt8>) -> [String: String] {
        var result: [String: String] = [:]
        var index = bytes.startIndex
        let end = bytes.endIndex

        func skipSpace() {
            while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                index += 1
            }
        }

        func readString() -> String? {
            guard index < end, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var out: [UInt8] = []
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\"), index + 1 < end {
                    index += 1
                    let escaped = bytes[index]
                    switch escaped {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        if index + 4 < end,
                            let scalar = UInt32(String(decoding: bytes[(index + 1)...(index + 4)], as: UTF8.self), radix: 16)
                        {
                            index += 4
                            // Surrogate pairs (emoji in names) come as two \u escapes.
                            if (0xD800..<0xDC00).contains(scalar), index + 6 < end, bytes[index + 1] == UInt8(ascii: "\\"),
                                bytes[index + 2] == UInt8(ascii: "u"),
                                let low = UInt32(String(decoding: bytes[(index + 3)...(index + 6)], as: UTF8.self), radix: 16),
                                (0xDC00..<0xE000).contains(low)
                            {
                                index += 6
                                let combined = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                                out.append(contentsOf: Array(String(Unicode.Scalar(combined).map(Character.init) ?? "\u{FFFD}").utf8))
                            } else {
                                out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
                            }
                        }
                    default: out.append(escaped)
                    }
                    index += 1
                    continue
                }
                out.append(byte)
                index += 1
            }
            return nil
        }

        func skipValue() -> String? {
            skipSpace()
            guard index < end else { return nil }
            if bytes[index] == UInt8(ascii: "\"") { return readString() }
            if bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") {
                var depth = 0
                var inString = false
                while index < end {
                    let byte = bytes[index]
                    if inString {
                        if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                    } else if byte == UInt8(ascii: "\"") {
                        inString = true
                    } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                        depth += 1
                    } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 { index += 1; return nil }
                    }
                    index += 1
                }
                return nil
            }
            let start = index
            while index < end, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}") { index += 1 }
            let scalar = String(decoding: bytes[start..<index], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            return scalar == "null" ? nil : scalar
        }

        guard index < end, bytes[index] == UInt8(ascii: "{") else { return result }
        index += 1
        while index < end {
            skipSpace()
            guard let key = readString() else { break }
            skipSpace()
            guard index < end, bytes[index] == UInt8(ascii: ":") else { break }
            index += 1
            if let value = skipValue() { result[key] = value }
            skipSpace()
            if index < end, bytes[index] == UInt8(ascii: ",") { index += 1 } else { break }
        }
        return result
    }
}
