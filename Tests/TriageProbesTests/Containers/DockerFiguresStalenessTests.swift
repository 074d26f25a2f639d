import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// Podman's stats stream sends `--` for every figure in most frames: the probe then takes the
/// figures of a one-shot `docker stats --no-stream`, keeps them between samples with their age,
/// and a CPU% or MEM cell is never blank without a reason. A stand-in CLI is the point here: it
/// sends only `--` on the stream, which podman does only some of the time.
@Suite struct DockerFiguresStalenessTests {
    static let worker = "1c5f86b1bd79"

    /// `docker` that lists the lab's containers, inspects them from the recorded fixture, streams
    /// nothing but `--` (bounded: 60 s), and answers `stats --no-stream` with real figures, counting
    /// each such run in `oneshots`.
    static func standIn(in directory: String) throws -> String {
        try Fixture.text("docker-ps-lab.jsonl").write(toFile: directory + "/ps.jsonl", atomically: true, encoding: .utf8)
        try Fixture.text("docker-inspect-lab.json").write(toFile: directory + "/inspect.json", atomically: true, encoding: .utf8)
        let dashes = LastStatsFiguresTests.dashes.replacingOccurrences(of: "\u{1B}[H", with: "")
        try (dashes + "\n").write(toFile: directory + "/dashes.jsonl", atomically: true, encoding: .utf8)
        try (LastStatsFiguresTests.real + "\n").write(toFile: directory + "/real.jsonl", atomically: true, encoding: .utf8)
        let script = """
            #!/bin/sh
            d='\(directory)'
            echo "$*" >> "$d/calls"
            case " $* " in
            *" ps "*) cat "$d/ps.jsonl" ;;
            *" inspect "*) cat "$d/inspect.json" ;;
            *" stats --no-stream "*) echo x >> "$d/oneshots"; cat "$d/real.jsonl" ;;
            *" stats "*) i=0; while [ $i -lt 300 ]; do cat "$d/dashes.jsonl"; sleep 0.2; i=$((i+1)); done ;;
            esac
            """
        let path = directory + "/docker"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    @Test func aStreamOfDashesFallsBackToTheOneShotFiguresAndKeepsThem() async throws {
        let directory = NSTemporaryDirectory() + "triage-stats-dashes-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let probe = DockerProbe(
            target: DockerHostTarget(endpoint: .cliDefault, tag: "local"), executable: try Self.standIn(in: directory), oneShotInterval: 1)

        var snapshot = await probe.poll(deadline: .seconds(10))
        func worker() -> ContainerInfo? { snapshot.containers.first { $0.containerID == Self.worker } }
        #expect(worker()?.state == .running)
        var figures = false
        for _ in 0..<50 where !figures {
            try await Task.sleep(for: .milliseconds(200))
            snapshot = await probe.poll(deadline: .seconds(10))
            figures = worker()?.stats?.cpuPercent == 42.5
        }
        #expect(figures, "no one-shot figures: \(String(describing: worker()?.stats))")
        #expect(worker()?.stats?.memoryUsageBytes == Int64(780 * 1024))
        #expect(snapshot.statsFailure == nil, "the stream runs; it just has no figures")
        // The stream keeps sending `--` meanwhile: the figures stay, they are not blanked.
        for _ in 0..<5 {
            try await Task.sleep(for: .milliseconds(200))
            snapshot = await probe.poll(deadline: .seconds(10))
            #expect(worker()?.stats?.cpuPercent == 42.5)
        }
        await probe.stop()
        let oneShots = (try? String(contentsOfFile: directory + "/oneshots", encoding: .utf8))?.split(separator: "\n").count ?? 0
        #expect(oneShots >= 1, "\((try? String(contentsOfFile: directory + "/calls", encoding: .utf8)) ?? "no calls")")
        // Bounded: at most one run per `oneShotInterval` (1 s here) over the ~2-12 s of the test.
        #expect(oneShots <= 14, "\(oneShots) one-shot runs")
    }
}
