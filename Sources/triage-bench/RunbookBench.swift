import Foundation
import TriageApp
import TriageCore
import TriageRunbook

/// (f) a 2 MB runbook: `triage runbook lint` (parse and report) and the Incident pane's rows.
enum RunbookBench {
    static func run() {
        Report.section("runbook")
        let text = sample(bytes: 2_000_000)
        let bytes = Array(text.utf8)
        let environment = ProcessInfo.processInfo.environment
        // TRIAGE_BENCH_RUNBOOK_FILE: where to write the generated runbook, for timing `triage incident`
        // with it; TRIAGE_BENCH_LINT_RUNS: fewer runs under callgrind, which is ~50 times slower.
        if let path = environment["TRIAGE_BENCH_RUNBOOK_FILE"] {
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
        let runs = environment["TRIAGE_BENCH_LINT_RUNS"].flatMap(Int.init).map { max(1, $0) } ?? 5
        var lintTimes: [Double] = []
        var lintCPU: [Double] = []
        var runbook = Runbook(title: "")
        var report = ""
        for _ in 0..<runs {
            let cpu = threadCPUMilliseconds()
            lintTimes.append(milliseconds {
                runbook = RunbookParser.parse(bytes: bytes, path: "big.md")
                report = RunbookLint.text(runbook)
            })
            lintCPU.append(threadCPUMilliseconds() - cpu)
        }
        let lint = Stats(lintTimes)
        Report.say("runbook: \(bytes.count / 1000) KB, \(runbook.taskCount) tasks, \(runbook.allCommands.count) commands, "
            + "\(runbook.sections.count) sections; report \(report.utf8.count / 1000) KB")
        Report.say(Report.line("lint a 2 MB runbook", ms: lint, target: "≤ 300 ms: \(Report.verdict(lint.median <= 300))"))
        // On the shared machine the wall time includes waiting for a core; the thread's CPU time does not.
        Report.say(Report.line("lint a 2 MB runbook, thread CPU time", ms: Stats(lintCPU)))

        var rowTimes: [Double] = []
        var rows = 0
        for _ in 0..<20 { rowTimes.append(milliseconds { rows = ChecklistRows.rows(for: runbook).count }) }
        Report.say(Report.line("checklist rows (\(rows))", ms: Stats(rowTimes)))
    }

    /// A runbook as long as `bytes`: sections of tasks, numbered steps, command blocks and tables,
    /// the shapes real runbooks repeat.
    static func sample(bytes: Int) -> String {
        var out = "# Big Runbook\n\n## Severity Levels\n\n| Level | Response Time | Description |\n|---|---|---|\n"
            + "| P0 | Immediate | down |\n| P1 | 15 minutes | degraded |\n\n"
        var task = 0
        var area = 0
        while out.utf8.count < bytes {
            area += 1
            out += "## Area \(area): Recovery (\(area)-\(area + 5) minutes)\n\n"
            out += "Escalate to L2 if not resolved within 30 minutes. Post a status update every 15 minutes.\n\n"
            for part in 1...4 {
                out += "### \(part). Check component \(area).\(part)\n\n"
                for _ in 0..<6 {
                    task += 1
                    out += "- [ ] Verify that replica \(task) of service-\(area) reports healthy and errors stay below 1 %\n"
                }
                out += "\n```bash\n# Check pods of service \(area)\nkubectl get pods -n ns\(area) -l app=svc\(part)\n"
                out += "kubectl logs -n ns\(area) deploy/svc\(part) --tail=100\n```\n\n"
                out += "1. Restart the worker\n2. Confirm the queue drains\n\n"
            }
        }
        return out
    }
}
