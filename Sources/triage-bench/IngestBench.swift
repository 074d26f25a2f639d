import Foundation
import Synchronization
import TriageApp
import TriageCore
import TriageLogs
import TriageTerminal
import TriageUI

/// (f) log ingest on one core, then frame times while a source ingests as fast as it can.
///
/// The second part runs what the app runs: a follower task decoding 100-byte lines into the real
/// ``LogInbox`` (through ``LogHub``), and on this thread, every 100 ms (the terminal loop's key
/// timeout), drain → LogPaneModel.apply → view model → render → diff → TerminalScreen.draw on a
/// 200x50 pseudo-terminal. The frame time is that whole sequence.
enum IngestBench {
    static func run() async {
        Report.section("log ingest (LogIngestBenchmark: bytes → sanitizer → lines → inbox, no I/O)")
        var rates: [Double] = []
        for _ in 0..<3 {
            let result = LogIngestBenchmark.run(lines: 1_000_000, lineBytes: 100)
            Report.say(result.description)
            rates.append(result.linesPerSecond)
        }
        let median = Stats(rates).median
        Report.say("ingest: median \(Int(median)) lines/s  [target ≥ 1,000,000 lines/s: \(Report.verdict(median >= 1_000_000))]")
        await framesWhileIngesting(seconds: 15)
    }

    final class StopFlag: Sendable {
        let stopped = Atomic<Bool>(false)
    }

    static func framesWhileIngesting(seconds: Int) async {
        Report.section("frames while one source ingests at full speed (\(seconds) s, a frame every 100 ms)")
        let corpus = corpus(lines: 100_000, lineBytes: 100)
        let hub = LogHub()
        let stop = StopFlag()
        let id = await hub.add(.file(path: "/bench/firehose"), shortName: "firehose", colorIndex: 0) { sink in
            var decoder = LogLineDecoder(source: sink.source.id, parsesTimestamps: false)
            var batch: [LogLine] = []
            batch.reserveCapacity(1_024)
            sink.state(.running)
            while !stop.stopped.load(ordering: .relaxed) && !Task.isCancelled {
                corpus.withUnsafeBytes { all in
                    var offset = 0
                    while offset < all.count {
                        let end = min(all.count, offset + 65_536)
                        decoder.feed(UnsafeRawBufferPointer(rebasing: all[offset..<end]), arrival: sink.now()) { batch.append($0) }
                        sink.lines(batch)
                        batch.removeAll(keepingCapacity: true)
                        offset = end
                    }
                }
                await Task.yield()
            }
        }
        let result = await Task.detached { frameLoop(inbox: hub.inbox, seconds: seconds) }.value
        stop.stopped.store(true, ordering: .relaxed)
        await hub.stop(id)
        guard let result else { return }
        let stats = Stats(result.frameTimes)
        Report.say(Report.line("frame while ingesting (drain + apply + build + render + diff + draw)", ms: stats,
                          target: "p99 < 16 ms: \(Report.verdict(stats.p99 < 16))"))
        Report.say(Report.line("  of which drain + LogPaneModel.apply", ms: Stats(result.applyTimes)))
        Report.say(Report.line("  of which view model + render", ms: Stats(result.buildTimes)))
        Report.say(Report.line("  of which diff + ncurses draw to the pty", ms: Stats(result.drawTimes)))
        let cpu = Stats(result.cpuTimes)
        Report.say(Report.line("frame while ingesting, thread CPU time", ms: cpu, target: "p99 < 16 ms: \(Report.verdict(cpu.p99 < 16))"))
        Report.say("ingested during the run: \(result.received) lines (\(Int(Double(result.received) / Double(seconds))) lines/s), "
              + "\(result.dropped) dropped by the inbox between frames (it keeps the newest 10,000 per source), "
              + "\(result.bytes / 1024) KB written to the terminal (\(result.bytes / 1024 / seconds) KB/s)")
    }

    struct LoopResult: Sendable {
        var frameTimes: [Double] = []
        var applyTimes: [Double] = []
        var buildTimes: [Double] = []
        var drawTimes: [Double] = []
        var cpuTimes: [Double] = []
        var received: UInt64 = 0
        var dropped: UInt64 = 0
        var bytes = 0
    }

    static func frameLoop(inbox: LogInbox, seconds: Int) -> LoopResult? {
        unsetenv("LINES")
        unsetenv("COLUMNS")
        guard let pty = PseudoTerminal(width: BenchData.width, height: BenchData.height),
              let output = fdopen(dup(pty.slave), "w"), let input = fdopen(dup(pty.slave), "r"),
              let theme = try? ThemeLoader.resolve("default"),
              let screen = TerminalScreen(theme: theme, noColor: false, terminalType: "tmux-256color", output: output, input: input)
        else {
            Report.say("could not start curses on a pseudo-terminal")
            return nil
        }
        defer { pty.close() }
        var result = LoopResult()
        let snapshot = BenchData.snapshot()
        var logs = LogPaneModel()
        logs.viewportHeight = 20
        let clock = ContinuousClock()
        let start = clock.now
        let bytesBefore = pty.settle()
        var next = start
        var frame = 0
        while clock.now - start < .seconds(seconds) {
            let c0 = threadCPUMilliseconds()
            let t0 = clock.now
            if let batch = inbox.drain() {
                logs.apply(batch)
                if let status = batch.sources.first {
                    result.received = status.received
                    result.dropped = status.dropped
                }
            }
            let t1 = clock.now
            let grid = BenchData.frame(snapshot, logs: logs, now: BenchData.start.addingTimeInterval(Double(frame / 10)))
            let tBuilt = clock.now
            screen.draw(grid)
            let t2 = clock.now
            result.cpuTimes.append(threadCPUMilliseconds() - c0)
            result.buildTimes.append(Report.ms(tBuilt - t1))
            result.drawTimes.append(Report.ms(t2 - tBuilt))
            result.applyTimes.append(Report.ms(t1 - t0))
            result.frameTimes.append(Report.ms(t2 - t0))
            frame += 1
            next = next + .milliseconds(100)
            let wait = next - clock.now
            if wait > .zero { Thread.sleep(forTimeInterval: Double(Report.ms(wait)) / 1000) }
        }
        screen.shutdown()
        result.bytes = pty.settle() - bytesBefore
        return result
    }

    /// 100-byte lines of a realistic mix, newline-terminated, to be fed round and round.
    static func corpus(lines: Int, lineBytes: Int) -> [UInt8] {
        let samples = [
            "2026-11-23T19:51:09Z GET /api/v1/users 200 12ms user=alice trace=4bf92f3577b34da6",
            "WARN pool nearly exhausted: 95 of 100 connections in use, waiting=3",
            "\u{1B}[31mERROR\u{1B}[0m upstream timeout after 5000ms host=db-1 attempt=3",
            "worker\tprocessed job id=77131 queue=emails duration=0.031s",
        ]
        var corpus: [UInt8] = []
        corpus.reserveCapacity(lines * (lineBytes + 1))
        for i in 0..<lines {
            var bytes = Array(samples[i % samples.count].utf8)
            bytes += repeatElement(UInt8(ascii: "."), count: max(0, lineBytes - bytes.count))
            corpus += bytes.prefix(lineBytes)
            corpus.append(0x0A)
        }
        return corpus
    }
}
