import Foundation
import TriageCore
import TriageProbes
#if canImport(Glibc)
import Glibc
#endif

/// (h) The Kubernetes informer at scale, against scripts/kube-standin.py with N pods.
///
/// Steady state: `KubeProbe` polled every 2 s (the default refresh) for S seconds over a quiet cluster;
/// CPU is this process (the probe and its polling) plus every kubectl it started, from /proc of the
/// live ones and RUSAGE_CHILDREN of the reaped ones, as % of one core. "Per-round lists" adds what the
/// probe did before the informer, each round: `get nodes` and `get events` (the one-shot round), to
/// today's watches. Relist: the stand-in changes every pod (one more restart each); the time until
/// the snapshot shows all of them; then a 410 on the pod watch and the time until the relisted
/// snapshot is whole again. Usage: `triage-bench kube [--pods 5000] [--seconds 30] [--contexts 1]`.
enum KubeInformerBench {
    static func run(arguments: [String]) async {
        var pods = 5_000
        var seconds = 30
        var contexts = 1
        var rest = arguments[...]
        while let head = rest.popFirst() {
            if head == "--pods", let value = rest.popFirst().flatMap(Int.init) { pods = value }
            if head == "--seconds", let value = rest.popFirst().flatMap(Int.init) { seconds = value }
            if head == "--contexts", let value = rest.popFirst().flatMap(Int.init) { contexts = value }
        }
        Report.section("kubernetes informer: \(contexts) context(s) x \(pods) pods, stand-in, \(seconds) s steady, refresh 2 s")
        guard let standIn = await StandIn.start(pods: pods) else { return }
        let probes = (0..<contexts).map { _ in
            KubeProbe(target: KubeTarget(context: "lab", kubeconfig: standIn.kubeconfig))
        }
        let listStart = ContinuousClock.now
        for probe in probes {
            let listed = await until(seconds: 120) {
                let round = await probe.poll(deadline: .seconds(10))
                return round.watching && round.pods.count == pods
            }
            guard listed else {
                Report.say("kube: the first list of \(pods) pods did not arrive within 120 s")
                for probe in probes { await probe.stop() }
                await standIn.stop()
                return
            }
        }
        Report.say("first list, \(contexts * pods) pods: \(Report.format(Report.ms(ContinuousClock.now - listStart) / 1000, digits: 2)) s")

        let steady = await cpu(seconds: seconds) {
            for probe in probes { _ = await probe.poll(deadline: .seconds(10)) }
        }
        Report.say("steady, watches only: \(Report.format(steady, digits: 2)) % of a core (probe + kubectl)  [target ≤ \(contexts > 1 ? 5 : 2) %: \(Report.verdict(steady <= (contexts > 1 ? 5 : 2)))]")
        let memory = memoryKilobytes()
        let megabytes = { (field: String) in Report.format(Double(memory[field] ?? 0) / 1024, digits: 1) }
        Report.say("memory: Rss \(megabytes("Rss")) MB, Pss \(megabytes("Pss")) MB, Anonymous \(megabytes("Anonymous")) MB  [target ≤ 200 MB RSS at 20 contexts: \(Report.verdict(Double(memory["Rss"] ?? 0) / 1024 <= 200))]")
        let runs = await probes[0].runsStarted
        Report.say("kubectl runs started by the first probe: \(runs.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", "))")

        if contexts == 1 {
            let oneShot = KubeProbe(target: KubeTarget(context: "lab", kubeconfig: standIn.kubeconfig))
            await oneShot.stop()
            let before = await cpu(seconds: seconds) {
                _ = await probes[0].poll(deadline: .seconds(10))
                _ = await oneShot.poll(deadline: .seconds(10))
            }
            Report.say("steady, per-round nodes + events lists as before the informer: \(Report.format(before, digits: 2)) % of a core")

            let probe = probes[0]
            let restarts = Set(await probe.cachedPods.map(\.restarts))
            let touched = ContinuousClock.now
            await standIn.touchPods()
            let changed = await until(seconds: 60) {
                let round = await probe.poll(deadline: .seconds(10))
                return round.pods.count == pods && round.pods.allSatisfy { !restarts.contains($0.restarts) }
            }
            let watchTime = ContinuousClock.now - touched
            Report.say("\(pods) pods changed, reflected through the watch: \(changed ? Report.format(Report.ms(watchTime) / 1000, digits: 2) + " s" : "not within 60 s")  [target ≤ 5 s: \(Report.verdict(changed && watchTime <= .seconds(5)))]")

            let relistsBefore = await probe.relists[.pods, default: 0]
            let expired = ContinuousClock.now
            await standIn.expire("pods")
            let relisted = await until(seconds: 60) {
                let round = await probe.poll(deadline: .seconds(10))
                let relists = await probe.relists[.pods, default: 0]
                return relists > relistsBefore && round.watching && round.pods.count == pods
            }
            let relistTime = ContinuousClock.now - expired
            Report.say("410 on the pod watch → \(pods)-pod relist complete in the snapshot: \(relisted ? Report.format(Report.ms(relistTime) / 1000, digits: 2) + " s" : "not within 60 s")  [target ≤ 5 s: \(Report.verdict(relisted && relistTime <= .seconds(5)))]")
        }
        for probe in probes { await probe.stop() }
        await standIn.stop()
    }

    /// Polls `round` every 2 s for `seconds`; returns CPU of this process and its kubectl children, % of a core.
    static func cpu(seconds: Int, round: () async -> Void) async -> Double {
        let start = ContinuousClock.now
        let before = ticks()
        while ContinuousClock.now - start < .seconds(seconds) {
            await round()
            try? await Task.sleep(for: .seconds(2))
        }
        let after = ticks()
        let elapsed = Report.ms(ContinuousClock.now - start) / 1000
        // Live kubectl processes count from their start if they were not there before (their ticks are all new).
        var used = after.own - before.own
        for (pid, value) in after.kubectl { used += value - (before.kubectl[pid] ?? 0) }
        return used / elapsed * 100
    }

    /// CPU seconds of this process plus reaped children, and of each live kubectl descendant.
    static func ticks() -> (own: Double, kubectl: [Int32: Double]) {
        var selfUsage = rusage()
        var childUsage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &selfUsage)
        getrusage(RUSAGE_CHILDREN.rawValue, &childUsage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let own = seconds(selfUsage.ru_utime) + seconds(selfUsage.ru_stime) + seconds(childUsage.ru_utime) + seconds(childUsage.ru_stime)
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        var parents: [Int32: Int32] = [:]
        var stats: [Int32: (comm: String, cpu: Double)] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(name), let text = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")")
            else { continue }
            let fields = text[text.index(close, offsetBy: 2)...].split(separator: " ")
            guard fields.count > 13, let ppid = Int32(fields[1]), let utime = Double(fields[11]), let stime = Double(fields[12]) else { continue }
            parents[pid] = ppid
            stats[pid] = (String(text[text.index(after: open)..<close]), (utime + stime) / hertz)
        }
        let me = getpid()
        var kubectl: [Int32: Double] = [:]
        for (pid, stat) in stats where stat.comm.hasPrefix("kubectl") {
            var ancestor = parents[pid]
            var hops = 0
            while let current = ancestor, current > 1, current != me, hops < 16 {
                ancestor = parents[current]
                hops += 1
            }
            if ancestor == me { kubectl[pid] = stat.cpu }
        }
        return (own, kubectl)
    }

    /// This process's memory from /proc/self/smaps_rollup, in kB by field ("Rss", "Pss", "Anonymous").
    static func memoryKilobytes() -> [String: Int] {
        guard let rollup = try? String(contentsOfFile: "/proc/self/smaps_rollup", encoding: .utf8) else { return [:] }
        var fields: [String: Int] = [:]
        for line in rollup.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count >= 2, parts[0].hasSuffix(":"), let value = Int(parts[1]) { fields[String(parts[0].dropLast())] = value }
        }
        return fields
    }

    /// True once `condition` holds, checked every 100 ms for at most `seconds`.
    static func until(seconds: Int, _ condition: () async -> Bool) async -> Bool {
        for _ in 0..<(seconds * 10) {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// scripts/kube-standin.py serving a scale scenario on a free loopback port, in a temporary directory.
    final class StandIn: Sendable {
        let directory: String
        let kubeconfig: String
        let port: Int
        /// The server, run through ProcessRunner: cancelling the task ends its process group (a
        /// Foundation `Process` would hand it this process's blocked signal mask, and SIGTERM with it).
        let task: Task<Void, Never>

        init(directory: String, port: Int, task: Task<Void, Never>) {
            self.directory = directory
            self.kubeconfig = directory + "/kubeconfig"
            self.port = port
            self.task = task
        }

        static var script: String { FileManager.default.currentDirectoryPath + "/scripts/kube-standin.py" }

        static func start(pods: Int) async -> StandIn? {
            guard FileManager.default.fileExists(atPath: script) else {
                Report.say("kube: run triage-bench from the repository root (scripts/kube-standin.py not found)")
                return nil
            }
            let directory = NSTemporaryDirectory() + "triage-bench-kube-\(getpid())"
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = await ProcessRunner.run("python3", [script, "write-scale-scenario", directory + "/scenario.json", String(pods)], deadline: .seconds(60))
            let arguments = [script, "serve", "--scenario", directory + "/scenario.json", "--port-file", directory + "/port"]
            let task = Task { _ = await ProcessRunner.streamLines("python3", arguments) { _ in } }
            for _ in 0..<300 {
                if let text = try? String(contentsOfFile: directory + "/port", encoding: .utf8),
                    let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
                {
                    _ = await ProcessRunner.run("python3", [script, "kubeconfig", directory + "/kubeconfig", String(port)], deadline: .seconds(10))
                    Report.say("stand-in: \(pods) pods over 20 namespaces, 3 nodes, 6 warnings, loopback port \(port), watch timeout 300 s")
                    return StandIn(directory: directory, port: port, task: task)
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
            task.cancel()
            await task.value
            Report.say("kube: the stand-in did not start within 30 s")
            return nil
        }

        func touchPods() async { await control(["touch-pods", directory + "/scenario.json"]) }
        func expire(_ resource: String) async { await control(["expire", String(port), resource]) }

        private func control(_ arguments: [String]) async {
            _ = await ProcessRunner.run("python3", [Self.script] + arguments, deadline: .seconds(60))
        }

        func stop() async {
            task.cancel()
            await task.value
            try? FileManager.default.removeItem(atPath: directory)
        }
    }
}
