import Testing
@testable import TriageCore

@Suite struct LogBasicsTests {
    @Test(arguments: [
        ("2026-11-23 ERROR db down", LogSeverity.crit), ("FATAL: out of memory", .crit), ("panic? PANIC now", .crit),
        ("java.lang.NullPointerException at Foo", .crit), ("Traceback (most recent call last):", .crit),
        ("10.0.0.1 - - \"GET / HTTP/1.1\" 500 1234", .crit), ("upstream status=503 took 2ms", .crit),
        ("{\"status\":502,\"path\":\"/\"}", .crit), ("level=error msg=boom", .crit),
        ("{\"level\":\"fatal\",\"msg\":\"x\"}", .crit), ("WARN disk 91%", .warn), ("WARNING: deprecated", .warn),
        ("level=warn msg=slow", .warn), ("GET / 200 12ms", .normal), ("took 5000 ms", .normal),
        ("status=200", .normal), ("no errors here", .normal), ("TERRORISTS at the gate", .normal),
        ("port 5432 open", .normal), ("WARN then ERROR", .crit),
    ])
    func detectsSeverity(text: String, expected: LogSeverity) {
        #expect(LogSeverity.detect(text) == expected, "\(text)")
    }

    @Test func ringKeepsNewestAndCountsDropped() {
        var ring = LogRing<Int>(capacity: 3)
        for i in 0..<10 { ring.append(i) }
        #expect(ring.count == 3)
        #expect(ring.dropped == 7)
        #expect(ring.firstSequence == 7)
        #expect(ring.elements(after: nil) == [7, 8, 9])
        #expect(ring.elements(after: 7) == [8, 9])
        #expect(ring.elements(after: 2) == [7, 8, 9])
        #expect(ring[sequence: 6] == nil)
        #expect(ring[sequence: 9] == 9)
        let removed = ring.removeAll()
        #expect(removed == [7, 8, 9])
        #expect(ring.isEmpty)
        ring.append(10)
        #expect(ring.firstSequence == 10)
        #expect(ring[0] == 10)
    }

    @Test func timestampsParseAndFormat() throws {
        let stamp = try #require(LogTimestamp.parse("2026-11-23T19:51:09.123456789Z"))
        #expect(stamp.rfc3339 == "2026-11-23T19:51:09.123456789Z")
        #expect(stamp.clockText() == "19:51:09.123")
        #expect(stamp.clockText(utcOffsetSeconds: 3600, milliseconds: false) == "20:51:09")
        let offset = try #require(LogTimestamp.parse("2026-11-23T21:51:09+02:00"))
        #expect(offset.rfc3339 == "2026-11-23T19:51:09.000000000Z")
        #expect(LogTimestamp.parse("1970-01-01T00:00:00Z")?.nanoseconds == 0)
        #expect(LogTimestamp.parse("2026-13-01T00:00:00Z") == nil)
        #expect(LogTimestamp.parse("not a time") == nil)
    }

    @Test func decoderSplitsTimestampsAndPrefixes() {
        var decoder = LogLineDecoder(source: LogSourceID(3), parsesTimestamps: true)
        let arrival = LogTimestamp(seconds: 100)
        let lines = decoder.feed(Array("2026-11-23T19:51:09.5Z hello\n[pod/web-1/app] 2026-11-23T19:51:10Z ERROR x\nplain\n".utf8),
                                 arrival: arrival)
        #expect(lines.map(\.text) == ["hello", "[pod/web-1/app] ERROR x", "plain"])
        #expect(lines.map(\.sequence) == [0, 1, 2])
        #expect(lines[0].timestamp?.rfc3339 == "2026-11-23T19:51:09.500000000Z")
        #expect(lines[1].severity == .crit)
        #expect(lines[2].timestamp == nil)
        #expect(lines.allSatisfy { $0.source == LogSourceID(3) && $0.arrival == arrival })
    }

    @Test func errorRateCountsCriticalLinesPerMinute() {
        var history = ErrorRateHistory(minutes: 3)
        let t0 = LogTimestamp(seconds: 600)
        history.record(.crit, at: t0)
        history.record(.crit, at: t0 + .seconds(10))
        history.record(.warn, at: t0 + .seconds(20))
        history.record(.crit, at: t0 + .seconds(61))
        // Sliding minutes ending at the newest second (661): (601, 661] holds 610 and 661,
        // (541, 601] holds 600.
        #expect(history.values == [0, 1, 2])
        #expect(history.values(at: t0 + .seconds(180)) == [1, 1, 0])
        #expect(history.values(at: t0 + .seconds(3600)) == [0, 0, 0])
    }

    @Test func queryIsSmartCaseAndSupportsRegex() throws {
        let plain = try LogQuery("error")
        #expect(plain.matches("An ERROR occurred"))
        #expect(plain.matchRanges(in: "error Error ERROR") == [0..<5, 6..<11, 12..<17])
        let capital = try LogQuery("Error")
        #expect(!capital.matches("an ERROR"))
        #expect(capital.matches("an Error"))
        let regex = try LogQuery("re:time[a-z]+ \\d+ms")
        #expect(regex.isRegex && !regex.caseSensitive)
        #expect(regex.matches("TIMEOUT 30ms"))
        #expect(!regex.matches("timeout ms"))
        #expect(try LogQuery("re:\\S+x").caseSensitive == false)
        #expect(try LogQuery("re:Foo").caseSensitive)
        #expect(try LogQuery("re:é+").matchRanges(in: "caféé!") == [3..<7])
        #expect(throws: LogQuery.ParseError.self) { try LogQuery("re:(unclosed") }
        #expect(try LogQuery("café").matches("CAFé au lait"))
    }
}

@Suite struct LogSourceGlobTests {
    @Test(arguments: [
        ("web-*", "web-1", true), ("web-*", "web-", true), ("web-*", "api-1", false), ("*", "anything", true),
        ("web-?", "web-1", true), ("web-?", "web-12", false), ("db-[0-9]", "db-3", true), ("db-[0-9]", "db-x", false),
        ("db-[!0-9]", "db-x", true), ("*-worker-*", "shop-worker-7", true), ("exact", "exact", true),
        ("exact", "exact2", false), ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false), ("[", "[", true),
    ])
    func matches(pattern: String, name: String, expected: Bool) {
        #expect(LogSourceGlob(pattern).matches(name) == expected, "\(pattern) vs \(name)")
    }

    @Test func knowsPatternsFromNames() {
        #expect(LogSourceGlob("web-*").isPattern)
        #expect(!LogSourceGlob("web-1").isPattern)
    }
}
