import Foundation
import TriageProbes

/// (e) parsing 5,000 pods of `kubectl get pods -o json` and 1,000 lines of the `docker stats` stream.
enum ParseBench {
    static func run() {
        Report.section("parsers")
        let pods = KubePodListSample.make(count: 5_000)
        var podTimes: [Double] = []
        var parsed = 0
        for _ in 0..<15 {
            podTimes.append(milliseconds {
                parsed = (try? KubePodListParser.parse(pods, context: "bench").pods.count) ?? -1
            })
        }
        let podStats = Stats(podTimes)
        Report.say("kubectl JSON: \(pods.count / 1_000_000) MB, \(parsed) pods parsed")
        Report.say(Report.line("parse 5,000 pods", ms: podStats, target: "< 150 ms: \(Report.verdict(podStats.median < 150))"))

        let stream = dockerStatsStream(lines: 1_000)
        var statsTimes: [Double] = []
        var samples = 0
        for _ in 0..<50 {
            statsTimes.append(milliseconds { samples = DockerStatsParser.parse(stream).count })
        }
        let statsStats = Stats(statsTimes)
        Report.say("docker stats stream: \(stream.utf8.count / 1000) KB, \(samples) samples parsed")
        Report.say(Report.line("parse 1,000 docker stats lines", ms: statsStats, target: "< 10 ms: \(Report.verdict(statsStats.median < 10))"))
    }

    /// The stream as `docker stats --format '{{json .}}'` writes it into a pipe: frames of 8
    /// containers, each starting with `ESC[H`, lines ending in `ESC[K`.
    static func dockerStatsStream(lines: Int) -> String {
        var text = ""
        for i in 0..<lines {
            let container = i % 8
            let frameStart = container == 0 ? "\u{1B}[H" : ""
            let id = String(repeating: String(container), count: 12)
            let cpu = Double((i * 37) % 2_000) / 10
            let mem = 100 + (i * 13) % 400
            text += frameStart + """
                {"BlockIO":"1.5MB / 20kB","CPUPerc":"\(cpu)%","Container":"\(id)","ID":"\(id)","MemPerc":"\(mem / 5).00%",\
                "MemUsage":"\(mem).5MiB / 512MiB","Name":"lab-svc-\(container)","NetIO":"1.2kB / 648B","PIDs":"\(container + 2)"}
                """ + (container == 0 ? "" : " \u{1B}[K") + "\n"
        }
        return text
    }
}
