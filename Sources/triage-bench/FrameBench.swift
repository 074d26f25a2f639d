import Foundation
import TriageCore
import TriageUI

/// (a) building a full 200x50 frame and (b) diffing it against the previous one.
///
/// Each frame is one second later than the last (the header clock and ages tick, as on screen),
/// from the realistic snapshot of ``BenchData``: what the terminal thread does once a second.
enum FrameBench {
    static func run(frames: Int = 2_000) {
        Report.section("frame build and diff at \(BenchData.width)x\(BenchData.height) (release build, one thread)")
        let snapshot = BenchData.snapshot()
        let logs = BenchData.logs()
        var previous = BenchData.frame(snapshot, logs: logs, now: BenchData.start)
        for i in 0..<50 { previous = BenchData.frame(snapshot, logs: logs, now: BenchData.start.addingTimeInterval(Double(i))) }
        var build: [Double] = []
        var diff: [Double] = []
        var both: [Double] = []
        var changedCells: [Double] = []
        var cpu: [Double] = []
        build.reserveCapacity(frames)
        diff.reserveCapacity(frames)
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
        for _ in 0..<1_000 {
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
