import Foundation
import Synchronization
import TriageApp
import TriageCore
import TriageLogs
import TriageProbes
import TriageTerminal
import TriageUI
#if canImport(Glibc)
import Glibc
#endif

// triage-bench: the performance figures of docs/PERFORMANCE.md, measured, not asserted.
//
// Build and run in release:   swift build -c release --product triage-bench --product triage
//                             .build/release/triage-bench            (everything)
//                             .build/release/triage-bench frame bytes ...   (some sections)
//                             .build/release/triage-bench first-frame --marker 'Load average' -- /usr/bin/htop
//                             .build/release/triage-bench kube [--pods 5000] [--seconds 30] [--contexts 1]
//                             .build/release/triage-bench recording [--entities 80] [--transitions-per-minute 30] [--pods 5000] [--pod-changes-per-minute 60] [--max-cpu 120]
// Sections: frame, bytes, startup, parse, ingest. Figures print as `name: value` lines with the target.

let arguments = Array(CommandLine.arguments.dropFirst())
_ = DisplayWidth.prepareLocale()

if arguments.first == "first-frame" {
    // Generic start-to-first-frame probe (scripts/measure.sh uses it for the anchors too).
    var markers: [String] = []
    var runs = 7
    var environment: [String: String] = [:]
    var directory: String?
    var rest = Array(arguments.dropFirst())
    while let head = rest.first, head != "--" {
        rest.removeFirst()
        if head == "--marker", let value = rest.first { markers.append(value); rest.removeFirst() }
        if head == "--runs", let value = rest.first.flatMap(Int.init) { runs = value; rest.removeFirst() }
        if head == "--dir", let value = rest.first { directory = value; rest.removeFirst() }
        if head == "--env", let value = rest.first, let equals = value.firstIndex(of: "=") {
            environment[String(value[..<equals])] = String(value[value.index(after: equals)...])
            rest.removeFirst()
        }
    }
    rest = Array(rest.drop { $0 == "--" })
    guard !rest.isEmpty, !markers.isEmpty else {
        FileHandle.standardError.write(Data("usage: triage-bench first-frame [--runs N] [--dir D] [--env K=V]... --marker TEXT... -- /abs/tool args\n".utf8))
        exit(2)
    }
    let times = FirstFrameProbe.measure(command: rest, markers: markers, runs: runs, environment: environment, directory: directory)
    Report.say(Report.line("first frame (\(rest[0]))", ms: Stats(times)))
    exit(0)
}

if arguments.first == "recording" {
    // Not in the default run: it writes an hour's recording to a temporary database (docs/PERFORMANCE.md (i)).
    RecordingBench.run(arguments: Array(arguments.dropFirst()))
    exit(0)
}

if arguments.first == "kube" {
    // Not in the default run: it starts the Kubernetes stand-in and takes minutes (see docs/PERFORMANCE.md (h)).
    await KubeInformerBench.run(arguments: Array(arguments.dropFirst()))
    exit(0)
}

let sections = Set(arguments.isEmpty ? ["frame", "bytes", "startup", "parse", "ingest", "runbook"] : arguments)
Report.say("triage-bench on \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(Report.loadAverage()) at start, \(Date())")

if sections.contains("frame") { FrameBench.run() }
if sections.contains("bytes") { BytesBench.run() }
if sections.contains("startup") { StartupBench.run() }
if sections.contains("parse") { ParseBench.run() }
if sections.contains("ingest") { await IngestBench.run() }
if sections.contains("runbook") { RunbookBench.run() }
Report.say("load average \(Report.loadAverage()) at end")
