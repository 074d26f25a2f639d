import Foundation
import TriageCore
import TriageStore
#if canImport(Glibc)
import Glibc
#endif

/// (j) Recording an incident: a synthesised hour of the whole lab, and with `--pods N` an hour with a
/// context of N pods as well, written to a real incident database as the dashboard writes it: the
/// outage picture (``PictureRecorder``'s diff, one transaction per round, spaced key frames) and
/// what the panes are built from (``SourceRecordingBench``). Prints, for each scenario, the CPU it
/// took as a share of one core over the hour and the databases' size on disk.
///
/// The hour is simulated, not waited for: every picture the dashboard would see (four a second: each
/// source's round makes a new snapshot version) goes through the recorder at once, and the process's
/// CPU time (every thread, the writer's included) is divided by the simulated seconds. A run that
/// uses more than `--max-cpu` seconds (default 120) stops early and says how far it got; its
/// figures are then per simulated hour, extrapolated from the minutes it did.
enum RecordingBench {
    /// What one part of a scenario cost over the simulated time it ran.
    struct Cost {
        var cpu: Double
        var bytes: Int
        var seconds: Int

        var share: Double { cpu / Double(seconds) * 100 }
        var bytesPerHour: Double { Double(bytes) * 3600 / Double(seconds) }
    }

    static func run(arguments: [String]) {
        Report.section("recording")
        var entities = 80
        var perMinute = 30
        var pods: Int?
        var podChangesPerMinute = 60
        var maxCPU = 120.0
        var rest = arguments[...]
        while let head = rest.popFirst() {
            if head == "--entities", let value = rest.popFirst().flatMap(Int.init) { entities = max(1, value) }
            if head == "--transitions-per-minute", let value = rest.popFirst().flatMap(Int.init) { perMinute = max(0, value) }
            if head == "--pods", let value = rest.popFirst().flatMap(Int.init) { pods = max(0, value) }
            if head == "--pod-changes-per-minute", let value = rest.popFirst().flatMap(Int.init) { podChangesPerMinute = max(0, value) }
            if head == "--max-cpu", let value = rest.popFirst().flatMap(Double.init) { maxCPU = max(1, value) }
        }
        Report.say("recording bench, load average \(Report.loadAverage()) at start")
        scenario("whole lab", [
            picture(lab(entities), transitionsPerMinute: perMinute, maxCPU: maxCPU),
            SourceRecordingBench.run(pods: 40, changesPerMinute: perMinute, podChangesPerMinute: 0, maxCPU: maxCPU),
        ])
        if let pods {
            // The lab's entities and a context of `pods` more, the pod changes on top of the lab's.
            let big = lab(entities) + (0..<pods).map { index in
                OutageEntity(state: .ok, kind: .pod, name: "shop/payments-6b8d-\(index)-x2x9q", since: Date(timeIntervalSince1970: 1_795_435_000),
                             source: "kube:big", key: "pod:big/shop/payments-6b8d-\(index)-x2x9q")
            }
            scenario("\(pods) pods", [
                picture(big, transitionsPerMinute: perMinute + podChangesPerMinute, maxCPU: maxCPU),
                SourceRecordingBench.run(pods: pods, changesPerMinute: perMinute, podChangesPerMinute: podChangesPerMinute, maxCPU: maxCPU),
            ])
        }
        Report.say("load average \(Report.loadAverage()) at end")
    }

    /// Prints a scenario's total against the targets.
    static func scenario(_ name: String, _ parts: [Cost?]) {
        let parts = parts.compactMap { $0 }
        guard parts.count == 2 else { return }
        let share = parts.map(\.share).reduce(0, +)
        let megabytes = parts.map(\.bytesPerHour).reduce(0, +) / 1_000_000
        Report.say("recording, \(name): \(Report.format(share, digits: 3)) % of a core, \(Report.format(megabytes, digits: 2)) MB an hour"
            + "  [target ≤ 0.5 %: \(Report.verdict(share <= 0.5)); ≤ 20 MB: \(Report.verdict(megabytes <= 20))]")
    }

    /// The picture's recording: `picture` four times a second for an hour, `transitionsPerMinute`
    /// entities turning bad or healing. No log lines ride on transitions: the dashboard records them
    /// once, with the sources (``TransitionLogWindow``).
    static func picture(_ initial: [OutageEntity], transitionsPerMinute: Int, maxCPU: Double) -> Cost? {
        var cost: Cost?
        withIncidentDatabase("recording-\(initial.count)") { store, incident, start in
            var picture = initial
            var recorder = PictureRecorder()
            let picturesPerSecond = 4
            let seconds = 3600
            let every = transitionsPerMinute == 0 ? Int.max : max(1, 60 * picturesPerSecond / transitionsPerMinute)
            var generator = SystemRandomNumberGenerator()
            var (transitions, frames, rounds, simulated) = (0, 0, 0, 0)
            let cpuBefore = cpuSeconds()
            for step in 0..<(seconds * picturesPerSecond) {
                if step % (60 * picturesPerSecond) == 0, step > 0, cpuSeconds() - cpuBefore > maxCPU { break }
                simulated = step + 1
                let time = start.addingTimeInterval(Double(step) / Double(picturesPerSecond))
                if step % every == every - 1 {
                    let index = Int.random(in: 0..<picture.count, using: &generator)
                    let states: [HealthState] = [.ok, .warn, .crit]
                    picture[index].state = states[(states.firstIndex(of: picture[index].state)! + 1) % states.count]
                    picture[index].reason = picture[index].state == .ok ? nil : "Back-off restarting failed container (exit 137) step \(step)"
                }
                guard let batch = recorder.take(picture, at: time) else { continue }
                transitions += batch.transitions.count
                frames += batch.keyFrame == nil ? 0 : 1
                rounds += 1
                try store.recordPicture(incidentID: incident.id, batch)
            }
            let ran = max(1, simulated / picturesPerSecond)
            cost = Cost(cpu: cpuSeconds() - cpuBefore, bytes: try closedSize(store), seconds: ran)
            Report.say("picture: \(initial.count) entities, \(transitionsPerMinute) transitions/min, \(ran / 60) simulated minutes"
                + (ran < 3600 ? " (stopped at --max-cpu)" : "") + ": \(transitions) transitions, \(frames) key frames, "
                + "\(rounds) transactions")
            say(cost!, "picture")
            Report.say("picture counts: \(recorder.keyFrameEntities) entities in key frames")  // counts
        }
        return cost
    }

    static func say(_ cost: Cost, _ part: String) {
        Report.say("\(part) CPU: \(Report.format(cost.cpu, digits: 2)) s over \(cost.seconds) s = \(Report.format(cost.share, digits: 3)) % of a core; "
            + "on disk \(Report.format(cost.bytesPerHour / 1_000_000, digits: 2)) MB an hour")
    }

    /// A lab-sized picture: checks, containers, pods, nodes, events and host figures, with the names and
    /// reasons `scripts/lab.sh` produces.
    static func lab(_ count: Int) -> [OutageEntity] {
        let kinds: [(OutageEntity.Kind, String, String)] = [
            (.service, "services", "service:"), (.container, "docker:local", "container:local/lab-"),
            (.pod, "kube:lab", "pod:lab/shop/payments-6b8d-"), (.pod, "kube:lab", "pod:lab/shop/search-5c-"),
            (.node, "kube:lab", "node:lab/node-"), (.host, "host", "host:bastion/"),
        ]
        return (0..<count).map { index in
            let (kind, source, prefix) = kinds[index % kinds.count]
            return OutageEntity(state: index % 5 == 0 ? .crit : .ok, kind: kind, name: "shop/entity-\(index)-x2x9q",
                                reason: index % 5 == 0 ? "CrashLoopBackOff: back-off 5m0s restarting failed container" : nil,
                                since: Date(timeIntervalSince1970: 1_795_435_000), source: source, key: prefix + "\(index)")
        }
    }

    /// Runs `body` on a fresh incident database in a temporary directory (removed after), with an
    /// incident declared at the simulated hour's start; a failure is said under `label`.
    static func withIncidentDatabase(_ label: String, _ body: (IncidentStore, Incident, Date) throws -> Void) {
        let directory = NSTemporaryDirectory() + "triage-\(label)-bench-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try IncidentStore(path: directory + "/incidents.sqlite")
            let start = Date(timeIntervalSince1970: 1_795_435_200)
            try body(store, try store.createIncident(title: "bench", severity: "P1", at: start, actor: "bench"), start)
        } catch {
            Report.say("\(label): failed: \(error)")
        }
    }

    /// Closes `store` and returns its size on disk: the database, its WAL and SHM.
    static func closedSize(_ store: IncidentStore) throws -> Int {
        let path = store.path
        try store.close()
        return ["", "-wal", "-shm"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }.reduce(0, +)
    }

    /// This process's CPU time, every thread, user and system.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
