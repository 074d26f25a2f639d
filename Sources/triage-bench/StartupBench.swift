import Foundation

/// (d) start to first frame of the real `triage` binary next to this one, with no configuration
/// (host pane only) and a fresh state directory.
enum StartupBench {
    static func run(runs: Int = 9) {
        Report.section("start to first frame of the triage binary, tmux 200x50")
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let binary = here.appendingPathComponent("triage").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Report.say("first frame: \(binary) is missing; build it: swift build -c release --product triage")
            return
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("triage-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: scratch.appendingPathComponent("config"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let environment = [
            "XDG_CONFIG_HOME": scratch.appendingPathComponent("config").path,
            "TRIAGE_STATE": scratch.appendingPathComponent("state").path,
        ]
        // The header says `triage` and the host pane's title is drawn in the first frame.
        let times = FirstFrameProbe.measure(command: [binary], markers: ["triage", "Host"], runs: runs,
                                            environment: environment, directory: scratch.path)
        let stats = Stats(times)
        Report.say(Report.line("first frame (triage, no config)", ms: stats, target: "< 150 ms: \(Report.verdict(!times.isEmpty && stats.median < 150))"))
    }
}
