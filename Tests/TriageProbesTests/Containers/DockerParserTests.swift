import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// Parsers for docker ps / inspect / stats, on output recorded from the real docker CLI against podman
/// (the lab's containers) and on hand-made odd cases.
@Suite("Docker parsers")
struct DockerParserTests {
    @Test func psLinesRecordedFromTheLab() throws {
        let result = DockerPSParser.parse(try RecordedFixture.text("docker-ps-lab.jsonl"))
        #expect(result.skippedLines == 0)
        let byName = Dictionary(uniqueKeysWithValues: result.entries.map { ($0.name, $0) })
        #expect(Set(byName.keys) == ["lab-web", "lab-worker", "lab-crashloop", "lab-unhealthy", "lab-exited", "lab-oom"])
        #expect(byName["lab-web"]?.state == "running")
        #expect(byName["lab-web"]?.image == "localhost/triage-bb:latest")
        #expect(byName["lab-exited"]?.state == "exited")
        #expect(byName["lab-exited"].map { ContainerInfo.exitCode(fromStatus: $0.status) } == 3)
        #expect(byName["lab-oom"].map { ContainerInfo.exitCode(fromStatus: $0.status) } == 137)
        for entry in result.entries { #expect(entry.containerID.count == 12) }
    }

    @Test func psOddLinesAreKeptAsData() throws {
        let result = DockerPSParser.parse(try RecordedFixture.text("docker-ps-odd.jsonl"))
        // The warning line and the object without an ID are skipped; the blank line is not counted.
        #expect(result.skippedLines == 2)
        let names = result.entries.map(\.name)
        #expect(names.contains("café-日本-🚀"))
        // Escape sequences stay in the data: sanitizing is the UI's job.
        #expect(names.contains("evil\u{1B}[2J\u{1B}]0;pwned\u{07}name"))
        #expect(names.contains("first"))
        #expect(names.contains("slashed"))
        let bare = try #require(result.entries.first { $0.containerID == "dddddddddddd" })
        #expect(bare.name == "" && bare.state == "" && bare.status == "")
        let paused = try #require(result.entries.first { $0.name == "slashed" })
        #expect(ContainerRunState(engineWord: paused.state) == .paused)
    }

    /// Output with no container line but something else in it is not an empty engine: "0 containers,
    /// ok" hid a docker shim or proxy answering with text. A listing with some good lines stays readable.
    @Test func psOutputWithoutAContainerLineIsUnreadable() throws {
        let garbage = DockerPSParser.parse("<html><body>502 Bad Gateway</body></html>\nretry later\n")
        #expect(garbage.entries.isEmpty && garbage.skippedLines == 2)
        #expect(garbage.unreadableReason == #"docker ps output is not JSON: "<html><body>502 Bad Gateway</body></html>" (+1 more lines)"#)
        #expect(DockerPSParser.parse("").unreadableReason == nil, "no containers at all is an empty engine")
        #expect(DockerPSParser.parse("\n  \n").unreadableReason == nil)
        let odd = DockerPSParser.parse(try RecordedFixture.text("docker-ps-odd.jsonl"))
        #expect(odd.unreadableReason == nil, "a warning line among containers costs a row, not the pane")
    }

    @Test(arguments: [
        ("Up Less than a second", 0), ("Up 5 seconds", 5), ("Up About a minute", 60), ("Up 3 minutes (healthy)", 180),
        ("Up About an hour", 1800), ("Up 2 hours (unhealthy)", 5400), ("Up 3 days", 259_200),
    ])
    func upSecondsReadsTheStatusText(status: String, seconds: Int) {
        #expect(DockerPSEntry(containerID: "x", name: "x", status: status).upSeconds == seconds)
    }

    @Test func upRangeCoversDockersRounding() {
        #expect(DockerPSEntry(containerID: "x", name: "x", status: "Up About a minute").upRange == 60..<120)
        #expect(DockerPSEntry(containerID: "x", name: "x", status: "Up 3 minutes (healthy)").upRange == 180..<240)
        #expect(DockerPSEntry(containerID: "x", name: "x", status: "Up 5 hours").upRange == 16200..<19800)
        #expect(DockerPSEntry(containerID: "x", name: "x", status: "Up Less than a second").upRange == 0..<1)
    }

    @Test func upSecondsIsNilForOtherStatuses() {
        #expect(DockerPSEntry(containerID: "x", name: "x", status: "Exited (3) 2 seconds ago").upSeconds == nil)
        #expect(DockerPSEntry(containerID: "x", name: "x", status: "Created").upSeconds == nil)
    }

    @Test func fingerprintIgnoresAgeingButNotHealthOrExitCode() {
        func entry(_ status: String, _ state: String = "running") -> DockerPSEntry {
            DockerPSEntry(containerID: "abc", name: "web", state: state, status: status)
        }
        #expect(entry("Up 5 seconds").fingerprint == entry("Up 6 seconds").fingerprint)
        #expect(entry("Up 5 seconds (healthy)").fingerprint != entry("Up 6 seconds (unhealthy)").fingerprint)
        #expect(entry("Exited (1) 1 second ago", "exited").fingerprint != entry("Exited (2) 1 second ago", "exited").fingerprint)
        #expect(entry("Up 5 seconds").fingerprint != entry("Exited (0) 1 second ago", "exited").fingerprint)
    }

    @Test func inspectRecordedFromTheLab() throws {
        let entries = try DockerInspectParser.parse(try RecordedFixture.data("docker-inspect-lab.json"))
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        #expect(entries.count == 6)
        #expect(byName["lab-web"]?.healthStatus == "healthy")
        #expect(byName["lab-unhealthy"]?.healthStatus == "unhealthy")
        #expect(byName["lab-worker"]?.healthStatus == "")
        #expect((byName["lab-crashloop"]?.restartCount ?? 0) > 0)
        #expect(byName["lab-exited"]?.exitCode == 3)
        #expect(byName["lab-exited"]?.status == "exited")
        #expect(byName["lab-exited"]?.finishedAt != nil)
        #expect(byName["lab-oom"]?.exitCode == 137)
        // Go's zero time means "never finished".
        #expect(byName["lab-web"]?.finishedAt == nil)
        #expect(byName["lab-web"]?.startedAt != nil)
        #expect(byName["lab-web"]?.fullID.count == 64)
    }

    @Test func inspectOddCases() throws {
        let entries = try DockerInspectParser.parse(try RecordedFixture.data("docker-inspect-odd.json"))
        #expect(entries.count == 4)
        let oom = try #require(entries.first { $0.name == "oom" })
        #expect(oom.oomKilled && oom.exitCode == 137 && oom.restartCount == 2 && oom.image == "img:1")
        let started = try #require(oom.startedAt)
        #expect(abs(started.timeIntervalSince1970 - 1_795_428_000.123456789) < 0.001)
        let restarting = try #require(entries.first { $0.name == "restarting" })
        #expect(restarting.restarting && restarting.healthStatus == "starting" && restarting.finishedAt == nil)
        // +02:00 offset: two hours earlier in UTC.
        #expect(abs((restarting.startedAt?.timeIntervalSince1970 ?? 0) - (1_795_428_000 - 7200)) < 0.001)
        let unhealthy = try #require(entries.first { $0.name == "unhealthy" })
        #expect(unhealthy.restartCount == 3 && unhealthy.exitCode == 0)
        #expect(unhealthy.healthFailingStreak == 7 && unhealthy.lastHealthOutput.hasPrefix("curl: (7)"))
        #expect(throws: DockerInspectParser.Failure.self) { try DockerInspectParser.parse(Data("Error: no such object".utf8)) }
    }

    @Test func statsStreamRecordedFromTheLab() throws {
        let text = try RecordedFixture.text("docker-stats-stream.txt")
        let samples = DockerStatsParser.parse(text)
        #expect(samples.count > 10)
        #expect(samples.contains { $0.startsFrame })
        let psIDs = Set(DockerPSParser.parse(try RecordedFixture.text("docker-ps-lab.jsonl")).entries.map(\.containerID))
        for sample in samples { #expect(psIDs.contains(sample.containerID)) }
        // Running containers got real figures: memory in bytes with a limit, a pid count.
        let withMemory = samples.filter { $0.stats.memoryUsageBytes != nil }
        #expect(!withMemory.isEmpty)
        for sample in withMemory {
            #expect((sample.stats.memoryLimitBytes ?? 0) > 1_000_000)
            #expect(sample.stats.cpuPercent != nil)
        }
        // Rows reading "--" before the first sample parse to empty figures, not zeros.
        let dashes = samples.filter { $0.stats.pids == nil }
        for sample in dashes { #expect(sample.stats.cpuPercent == nil && sample.stats.memoryUsageBytes == nil) }
    }

    @Test func statsOddLines() throws {
        let samples = DockerStatsParser.parse(try RecordedFixture.text("docker-stats-odd.txt"))
        #expect(samples.map(\.containerID) == ["111111111111", "222222222222", "333333333333", "444444444444"])
        #expect(samples[0].startsFrame && samples[0].stats == ContainerStats())
        let busy = samples[1].stats
        #expect(busy.cpuPercent == 250.75)
        #expect(busy.memoryUsageBytes == Int64((465.9 * 1_048_576).rounded()))
        #expect(busy.memoryLimitBytes == Int64(536_870_912))
        #expect(busy.memoryPercent == 91)
        #expect(busy.networkReceivedBytes == 1200 && busy.networkSentBytes == 648)
        #expect(busy.blockReadBytes == 1_500_000 && busy.blockWrittenBytes == 20000)
        #expect(busy.pids == 12)
        #expect(samples[1].name == "café🚀")
        #expect(samples[2].stats.cpuPercent == 1 && samples[2].stats.memoryUsageBytes == nil)
        #expect(samples[3].stats.cpuPercent == nil && samples[3].stats.memoryUsageBytes == nil && samples[3].stats.pids == nil)
        #expect(samples[3].stats.blockReadBytes == 0)
    }

    @Test func containerHealthStates() {
        func info(_ state: ContainerRunState, health: ContainerHealth = .none, exit: Int? = nil, oom: Bool = false,
                  recent: Bool = false, used: Int64? = nil, limit: Int64? = nil, status: String = "") -> ContainerInfo {
            ContainerInfo(
                host: "h", containerID: "c", name: "n", state: state, statusText: status, health: health, restarts: 4,
                exitCode: exit, oomKilled: oom, restartedRecently: recent,
                stats: ContainerStats(memoryUsageBytes: used, memoryLimitBytes: limit))
        }
        #expect(info(.running).healthState == .ok)
        #expect(info(.running, health: .healthy).healthState == .ok)
        #expect(info(.running, health: .unhealthy).healthState == .crit)
        #expect(info(.running, health: .unhealthy).reason == "unhealthy")
        #expect(info(.exited, exit: 0).healthState == .ok)
        #expect(info(.exited, exit: 3).reason == "exited 3")
        #expect(info(.exited, status: "Exited (2) 1 second ago").reason == "exited 2")
        #expect(info(.exited, exit: 137, oom: true).reason == "OOM-killed")
        #expect(info(.restarting).healthState == .crit)
        #expect(info(.running, recent: true).reason == "restarting (4 restarts)")
        #expect(info(.running, used: 81, limit: 100).healthState == .warn)
        #expect(info(.running, used: 81, limit: 100).reason == "memory 81% of limit")
        #expect(info(.running, used: 79, limit: 100).healthState == .ok)
        #expect(info(.running, health: .starting).healthState == .unknown)
        #expect(info(.paused).healthState == .warn)
    }

    @Test(arguments: [
        ("0B", Int64(0)), ("492KiB", 503_808), ("23.54GiB", 25_275_882_537), ("1.2MB", 1_200_000), ("3kB", 3000),
        ("648B", 648), ("1TiB", 1_099_511_627_776),
    ])
    func byteSizes(text: String, bytes: Int64) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test func byteSizesThatAreNotSizes() {
        for text in ["--", "", "abc", "12 parsecs"] { #expect(ByteSize.parse(text) == nil) }
    }

    /// Found by scripts/fuzz.sh (docker-stats): a size past Int64 trapped converting from Double.
    @Test func byteSizesPastInt64AreNotSizes() {
        #expect(ByteSize.parse("6666666666666666666648B") == nil)
        #expect(ByteSize.parse("99999999999999999999999999999999999999TiB") == nil)
        #expect(ByteSize.parse("10000000TB") == nil)
        #expect(ByteSize.parse("9000000TB") == 9_000_000_000_000_000_000)
        let line = #"{"BlockIO":"0B / 0B","CPUPerc":"1.00%","Container":"111111111111","ID":"111111111111","MemPerc":"1.00%","MemUsage":"1MiB / 2MiB","Name":"web","NetIO":"1.2kB / 6666666666666666666648B","PIDs":"3"}"#
        let sample = DockerStatsParser.parseLine(line)
        #expect(sample?.name == "web")
        #expect(sample?.stats.networkReceivedBytes == 1200)
        #expect(sample?.stats.networkSentBytes == nil)
    }
}

@Suite("Container sorting")
struct ContainerSortTests {
    static let rows = [
        ContainerInfo(host: "a", containerID: "1", name: "web", state: .running, stats: ContainerStats(cpuPercent: 5, memoryUsageBytes: 100)),
        ContainerInfo(host: "a", containerID: "2", name: "db", state: .exited, exitCode: 1),
        ContainerInfo(host: "b", containerID: "3", name: "api", state: .running, stats: ContainerStats(cpuPercent: 90, memoryUsageBytes: 10)),
        ContainerInfo(host: "a", containerID: "4", name: "cache", state: .running, health: .starting),
    ]

    @Test func eachKeyOrdersAsThePaneNeeds() {
        #expect(ContainerSortKey.severity.sorted(Self.rows).map(\.name) == ["db", "cache", "api", "web"])
        #expect(ContainerSortKey.cpu.sorted(Self.rows).map(\.name) == ["api", "web", "cache", "db"])
        #expect(ContainerSortKey.memory.sorted(Self.rows).map(\.name) == ["web", "api", "cache", "db"])
        #expect(ContainerSortKey.name.sorted(Self.rows).map(\.name) == ["api", "cache", "db", "web"])
    }
}
