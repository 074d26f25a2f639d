import Testing
@testable import TriageCore

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("500ms", Int64(500)), ("2s", 2000), ("1m", 60_000), ("1m30s", 90_000), ("1.5s", 1500), ("1h", 3_600_000),
    ])
    func parsesUnits(text: String, ms: Int64) throws {
        #expect(try DurationText.parse(text).milliseconds == ms)
    }

    @Test(arguments: ["", "5", "2x", "-1s", "s", "1m 30"])
    func rejectsAmbiguousOrMalformed(text: String) {
        #expect(throws: DurationText.ParseError.self) { try DurationText.parse(text) }
    }

    /// Found by the config fuzzer (`warn_latency: 1509…990ms`, 91 digits): the conversion to Int64
    /// milliseconds trapped and took the config loader down. Past 100 years is an error.
    @Test(arguments: [
        "150999999999999999999999999999999999999999999999999999999999999999999999999999999999999990ms",
        "99999999999999999999s", "3651000d", "101y", "1e400s",
    ])
    func rejectsLengthsPastAHundredYears(text: String) {
        #expect(throws: DurationText.ParseError.self) { try DurationText.parse(text) }
    }

    @Test func acceptsUpToAHundredYears() throws {
        #expect(try DurationText.parse("36524d").milliseconds == 36524 * 86_400_000)
    }

    @Test func millisecondsSaturateInsteadOfTrapping() {
        #expect(Duration.seconds(Int64.max).milliseconds == .max)
        #expect(Duration.seconds(Int64.min).milliseconds == .min)
        #expect(Duration.seconds(2).milliseconds == 2000)
    }

    @Test func formatsShortestExactSpelling() {
        #expect(DurationText.format(.milliseconds(500)) == "500ms")
        #expect(DurationText.format(.seconds(90)) == "1m30s")
        #expect(DurationText.format(.seconds(7200)) == "2h")
    }

    @Test func clockAndAge() {
        #expect(DurationText.clock(.seconds(45)) == "0:45")
        #expect(DurationText.clock(.seconds(723)) == "12:03")
        #expect(DurationText.clock(.seconds(3723)) == "1:02:03")
        #expect(DurationText.age(.seconds(45)) == "45s")
        #expect(DurationText.age(.seconds(3 * 3600)) == "3h")
        #expect(DurationText.age(.seconds(3 * 86400)) == "3d")
    }

    /// A phase end in the Incident pane: `≤7200m` read as `≤5d`.
    @Test func phaseMinutesInTheirLargestWholeUnit() {
        #expect(DurationText.minutes(5) == "5m")
        #expect(DurationText.minutes(90) == "90m")
        #expect(DurationText.minutes(120) == "2h")
        #expect(DurationText.minutes(7200) == "5d")
        #expect(DurationText.minutes(1500) == "25h")
    }
}
