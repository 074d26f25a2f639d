import TriageCore

/// The ingest path measured without any I/O: bytes → sanitizer → lines with severity → inbox rings.
public enum LogIngestBenchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public var lines: Int
        public var bytes: Int
        public var seconds: Double
        public var linesPerSecond: Double { seconds > 0 ? Double(lines) / seconds : 0 }
        public var description: String {
            let rate = Int(linesPerSecond)
            return "ingest: \(lines) lines (\(bytes / 1_000_000) MB) in \(Int(seconds * 1000)) ms = \(rate) lines/s"
        }
    }

    /// Builds `lines` lines of `lineBytes` bytes (a realistic mix: plain, warning, error, a colour
    /// sequence, a tab, some UTF-8), feeds them in 64 KiB chunks like a pipe delivers them, and stores
    /// them in a per-source inbox ring, draining once at the end. Returns lines per second.
    public static func run(lines: Int = 1_000_000, lineBytes: Int = 100) -> Result {
        let samples = [
            "2026-11-23T19:51:09Z GET /api/v1/users 200 12ms user=alice trace=4bf92f3577b34da6",
            "WARN pool nearly exhausted: 95 of 100 connections in use, waiting=3",
            "\u{1B}[31mERROR\u{1B}[0m upstream timeout after 5000ms host=db-1 attempt=3",
            "worker\tprocessed job id=77131 queue=emails duration=0.031s",
            "café naïve résumé — status ok 漢字 テスト",
        ]
        var corpus: [UInt8] = []
        corpus.reserveCapacity(lines * (lineBytes + 1))
        for i in 0..<lines {
            var bytes = Array(samples[i % samples.count].utf8)
            if bytes.count < lineBytes {
                bytes += repeatElement(UInt8(ascii: "."), count: lineBytes - bytes.count)
            } else {
                bytes.removeLast(bytes.count - lineBytes)
                while let last = bytes.last, last >= 0x80 { bytes.removeLast() }  // no cut scalar
            }
            corpus += bytes
            corpus.append(0x0A)
        }
        let inbox = LogInbox(capacityPerSource: 10_000)
        let source = LogSource(id: LogSourceID(0), kind: .file(path: "/bench"), shortName: "bench")
        inbox.register(source)
        var decoder = LogLineDecoder(source: source.id, parsesTimestamps: false)
        let arrival = LogTimestamp.now()
        let clock = ContinuousClock()
        let start = clock.now
        var produced = 0
        corpus.withUnsafeBytes { all in
            var offset = 0
            var batch: [LogLine] = []
            batch.reserveCapacity(1024)
            while offset < all.count {
                let end = min(all.count, offset + 65_536)
                decoder.feed(UnsafeRawBufferPointer(rebasing: all[offset..<end]), arrival: arrival) { batch.append($0) }
                produced += batch.count
                inbox.append(batch, source: source.id)
                batch.removeAll(keepingCapacity: true)
                offset = end
            }
        }
        _ = inbox.drain()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(lines: produced, bytes: corpus.count, seconds: seconds)
    }
}
