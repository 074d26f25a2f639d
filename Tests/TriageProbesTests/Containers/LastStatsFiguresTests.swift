import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// The last real stats figures survive podman's `--` lines, with their age, and go after `maxAge`.
@Suite struct LastStatsFiguresTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    /// A real podman line, then the `--` line podman sends for the same container between samples.
    static let real = #"{"BlockIO":"0B / 0B","CPUPerc":"42.50%","Container":"1c5f86b1bd79","ID":"1c5f86b1bd79","MemPerc":"3.00%","MemUsage":"780KiB / 23.54GiB","Name":"ab-worker","NetIO":"0B / 0B","PIDs":"2"}"#
    static let dashes = "\u{1B}[H" + #"{"BlockIO":"--","CPUPerc":"--","Container":"1c5f86b1bd79","ID":"1c5f86b1bd79","MemPerc":"--","MemUsage":"-- / --","Name":"ab-worker","NetIO":"--","PIDs":"--"}"#

    @Test func aLineOfDashesKeepsTheLastRealFigures() throws {
        var figures = LastStatsFigures()
        figures.record(try #require(DockerStatsParser.parseLine(Self.real)), at: Self.t0, maxAge: 300)
        for second in 1...9 {
            figures.record(try #require(DockerStatsParser.parseLine(Self.dashes)), at: Self.t0.addingTimeInterval(Double(second) * 2), maxAge: 300)
        }
        let now = Self.t0.addingTimeInterval(20)
        let kept = try #require(figures.figures(for: "1c5f86b1bd79", at: now, maxAge: 300))
        #expect(kept.cpuPercent == 42.5)
        #expect(kept.memoryUsageBytes == Int64(780 * 1024))
        #expect(kept.sampledAt == Self.t0)
        #expect(kept.isOld(at: now), "20 s without a real sample: shown as old")
        #expect(!kept.isOld(at: Self.t0.addingTimeInterval(10)))
        #expect(figures.lacksFreshFigures("1c5f86b1bd79", at: now))
        #expect(figures.figures(for: "1c5f86b1bd79", at: Self.t0.addingTimeInterval(301), maxAge: 300) == nil)
    }

    @Test func aPartialSampleKeepsTheFiguresItLacks() throws {
        var figures = LastStatsFigures()
        figures.record(try #require(DockerStatsParser.parseLine(Self.real)), at: Self.t0, maxAge: 300)
        let cpuOnly = #"{"CPUPerc":"7.00%","ID":"1c5f86b1bd79","MemUsage":"-- / --"}"#
        figures.record(try #require(DockerStatsParser.parseLine(cpuOnly)), at: Self.t0.addingTimeInterval(2), maxAge: 300)
        let kept = try #require(figures.figures(for: "1c5f86b1bd79", at: Self.t0.addingTimeInterval(2), maxAge: 300))
        #expect(kept.cpuPercent == 7 && kept.memoryUsageBytes == Int64(780 * 1024))
        #expect(kept.sampledAt == Self.t0.addingTimeInterval(2))
    }

    @Test func aContainerWithOnlyDashesHasNoFiguresYet() throws {
        var figures = LastStatsFigures()
        figures.record(try #require(DockerStatsParser.parseLine(Self.dashes)), at: Self.t0, maxAge: 300)
        #expect(figures.figures(for: "1c5f86b1bd79", at: Self.t0, maxAge: 300) == nil)
        #expect(figures.lacksFreshFigures("1c5f86b1bd79", at: Self.t0))
    }
}
