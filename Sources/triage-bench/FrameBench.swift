import Foundation
import TriageCore
import TriageUI

/// (a) building a full 200x50 frame and (b) diffing it against the previous one.
///
/// Each frame is one second later than the last (the header clock and ages tick, as on screen).
/// Two states (``FrameScenario``: the lab-sized one and the big one of issue 16) and two kinds of
/// frame: a clock frame (only the time moved: the snapshot version is the last frame's) and a data
/// frame (a round of every probe arrived: a new snapshot version), once with no pod changed and once
/// with one pod of one context restarted. What the terminal thread does once a second, the way it
/// does it (`frameOnScreen`): drawn into the last frame, diffed over the columns written. (The first
/// section, `labDiff`, builds whole frames and diffs them whole: figures kept from the first rounds.) Under
/// callgrind, `TRIAGE_BENCH_FRAMES=20` keeps the run short; the instructions per frame are
/// `FrameBench.clockFrame`'s, `dataFrame`'s and `restartFrame`'s inclusive cost over the frame
/// count printed.
enum FrameBench {
    static func run() {
        let frames = ProcessInfo.processInfo.environment["TRIAGE_BENCH_FRAMES"].flatMap(Int.init).map { max(1, $0) } ?? 2_000
        Report.section("frame build and diff at \(BenchData.width)x\(BenchData.height) (release build, one thread)")
        labDiff(frames: frames)
        for scenario in [FrameScenario.lab(), FrameScenario.big()] {
            let pods = scenario.snapshot.kubernetes.reduce(0) { $0 + $1.pods.count }
            let containers = scenario.snapshot.docker.reduce(0) { $0 + $1.containers.count }
            let items = scenario.session?.runbook.taskCount ?? 0
            Report.say("\(scenario.name): \(scenario.snapshot.serviceOrder.count) checks, \(containers) containers, \(pods) pods, "
                + "\(scenario.logs.shownCount) log lines, incident runbook of \(items) tasks")
            var screen = BenchData.frame(scenario, now: BenchData.start)
            for i in 0..<min(50, frames) { clockFrame(scenario, now: BenchData.start.addingTimeInterval(Double(i)), screen: &screen) }
            var clock: [Double] = []
            var data: [Double] = []
            var restart: [Double] = []
            for i in 0..<frames {
                let now = BenchData.start.addingTimeInterval(Double(100 + 3 * i))
                var c0 = threadCPUMilliseconds()
                clockFrame(scenario, now: now, screen: &screen)
                clock.append(threadCPUMilliseconds() - c0)
                // The round is delivered by the probes' tasks, not the terminal thread: not timed.
                scenario.deliverRound(at: now.addingTimeInterval(1))
                c0 = threadCPUMilliseconds()
                dataFrame(scenario, now: now.addingTimeInterval(1), screen: &screen)
                data.append(threadCPUMilliseconds() - c0)
                scenario.deliverRound(at: now.addingTimeInterval(2), restartingPod: true)
                c0 = threadCPUMilliseconds()
                restartFrame(scenario, now: now.addingTimeInterval(2), screen: &screen)
                restart.append(threadCPUMilliseconds() - c0)
            }
            for (kind, figures) in [("clock frame", clock), ("data frame, no pod changed", data), ("data frame, one pod restarted", restart)] {
                let stats = Stats(figures)
                Report.say(Report.line("\(scenario.name): \(kind), build + diff, thread CPU time", ms: stats,
                                       target: "p99 ≤ 2 ms: \(Report.verdict(stats.p99 <= 2))"))
            }
        }
        Report.say("(frames: \(frames) of each kind per state; a data frame's round is delivered before its time starts)")
    }

    /// Only the time moved: the same snapshot version as the last frame.
    @inline(never)
    static func clockFrame(_ scenario: FrameScenario, now: Date, screen: inout CellGrid) {
        frameOnScreen(scenario, now: now, screen: &screen)
    }

    /// A round of every probe arrived (a new snapshot version): the frame and its diff.
    @inline(never)
    static func dataFrame(_ scenario: FrameScenario, now: Date, screen: inout CellGrid) {
        frameOnScreen(scenario, now: now, screen: &screen)
    }

    /// A round in which one pod of one context restarted (a new snapshot version): the frame and its diff.
    @inline(never)
    static func restartFrame(_ scenario: FrameScenario, now: Date, screen: inout CellGrid) {
        frameOnScreen(scenario, now: now, screen: &screen)
    }

    /// What the terminal thread does for one frame: the model, the panes drawn into the last frame
    /// (a pane whose model did not change is left as it is), the diff of the columns written against
    /// the record of the screen, and that record brought up to date (``TerminalScreen/draw(_:)``).
    @inline(__always)
    static func frameOnScreen(_ scenario: FrameScenario, now: Date, screen: inout CellGrid) {
        let grid = BenchData.frame(scenario, now: now)
        _ = FrameDiff.changedRuns(old: screen, new: grid)
        screen.take(writtenBy: grid)
    }

    /// The lab-sized figures kept from the first rounds: build and diff in wall time, the diff's cases.
    static func labDiff(frames: Int) {
        let snapshot = BenchData.snapshot()
        let logs = BenchData.logs()
        var previous = BenchData.frame(snapshot, logs: logs, now: BenchData.start)
        for i in 0..<min(50, frames) { previous = BenchData.frame(snapshot, logs: logs, now: BenchData.start.addingTimeInterval(Double(i))) }
        var build: [Double] = []
        var diff: [Double] = []
        var both: [Double] = []
        var changedCells: [Double] = []
        var cpu: [Double] = []
        let clock = ContinuousClock()
        for i in 0..<frames {
            let now = BenchData.start.addingTimeInterval(Double(100 + i))
            let c0 = threadCPUMilliseconds()
            let t0 = clock.now
            let grid = BenchData.frame(snapshot, logs: logs, now: now)
            let t1 = clock.now
            let runs = FrameDiff.changedRuns(old: previous, new: grid)
            let t2 = clock.now
            cpu.append(threadCPUMilliseconds() - c0)
            build.append(Report.ms(t1 - t0))
            diff.append(Report.ms(t2 - t1))
            both.append(Report.ms(t2 - t0))
            changedCells.append(Double(FrameDiff.cellCount(of: runs, in: grid)))
            previous = grid
        }
        // The diff's worst case: every cell differs (a theme change paints every cell another colour).
        var restyled = previous
        restyled.restyle(restyled.bounds) { $0.emphasis.insert(.bold) }
        var fullDiff: [Double] = []
        var identical: [Double] = []
        for _ in 0..<min(1_000, frames) {
            fullDiff.append(milliseconds { _ = FrameDiff.changedRuns(old: previous, new: restyled) })
            identical.append(milliseconds { _ = FrameDiff.changedRuns(old: previous, new: previous) })
        }
        let total = Stats(both)
        Report.say(Report.line("frame build (view model + render)", ms: Stats(build)))
        Report.say(Report.line("frame diff, clock tick", ms: Stats(diff)))
        Report.say(Report.line("frame diff, nothing changed", ms: Stats(identical)))
        Report.say(Report.line("frame diff, every cell changed", ms: Stats(fullDiff)))
        Report.say(Report.line("frame build + diff", ms: total, target: "p99 < 2 ms: \(Report.verdict(total.p99 < 2))"))
        let cpuStats = Stats(cpu)
        Report.say(Report.line("frame build + diff, thread CPU time", ms: cpuStats, target: "p99 < 2 ms: \(Report.verdict(cpuStats.p99 < 2))"))
        Report.say("(wall time includes time the thread was preempted; CPU time is what the frame itself costs)")
        Report.say("cells changed per clock-tick frame: median \(Int(Stats(changedCells).median)) of \(BenchData.width * BenchData.height)")
    }
}
