import Foundation
import TriageCore
import TriageStore
#if canImport(Glibc)
import Glibc
#endif

/// (i) Recording an incident's picture: a synthesised hour with the whole lab, written to a real
/// incident database as the dashboard writes it (the recorder's diff, one transaction per round, a
/// key frame a minute, 20 Logs pane lines per transition). Prints the CPU it took as a share of one
/// core over the hour, and the database's size on disk.
///
/// The hour is simulated, not waited for: every picture the dashboard would see (four a second: each
/// source's round makes a new snapshot version) goes through the recorder at once, and the process's
/// CPU time (every thread, the writer's included) is divided by 3600 s.
enum RecordingBench {
    static func run(arguments: [String]) {
        Report.section("recording")
        var entities = 80
        var perMinute = 30
        var pods: Int?
        var rest = arguments[...]
        while let head = rest.popFirst() {
            if head == "--entities", let value = rest.popFirst().flatMap(Int.init) { entities = max(1, value) }
            if head == "--transitions-per-minute", let value = rest.popFirst().flatMap(Int.init) { perMinute = max(0, value) }
            if head == "--pods", let value = rest.popFirst().flatMap(Int.init) { pods = max(0, value) }
        }
        withIncidentDatabase("recording") { store, incident, start in
            var picture = lab(entities)
            var recorder = PictureRecorder()
            let lines = (0..<PictureTransition.logLineLimit).map {
                "payments-6b8d-crash 21:50:2\($0 % 10).428 ERROR payments-6b8d-crash/payments: upstream connect error #\($0)"
            }
            let picturesPerSecond = 4
            let seconds = 3600
            let every = perMinute == 0 ? Int.max : max(1, 60 * picturesPerSecond / perMinute)
            var generator = SystemRandomNumberGenerator()
            var transitions = 0
            var rounds = 0
            let cpuBefore = cpuSeconds()
            let wallStart = ContinuousClock.now
            for step in 0..<(seconds * picturesPerSecond) {
                let time = start.addingTimeInterval(Double(step) / Double(picturesPerSecond))
                if step % every == every - 1 {
                    let index = Int.random(in: 0..<picture.count, using: &generator)
                    let states: [HealthState] = [.ok, .warn, .crit]
                    picture[index].state = states[(states.firstIndex(of: picture[index].state)! + 1) % states.count]
                    picture[index].reason = picture[index].state == .ok ? nil : "Back-off restarting failed container (exit 137) step \(step)"
                }
                guard let batch = recorder.take(picture, at: time, logLines: { lines }) else { continue }
                transitions += batch.transitions.count
                rounds += 1
                try store.recordPicture(incidentID: incident.id, batch)
            }
            let cpu = cpuSeconds() - cpuBefore
            let wall = Report.ms(ContinuousClock.now - wallStart) / 1000
            let bytes = try closedSize(store)
            let share = cpu / Double(seconds) * 100
            Report.say("recording: an hour of \(entities) entities, \(perMinute) transitions/min: \(transitions) transitions, "
                + "\(rounds) transactions, \(seconds * picturesPerSecond) pictures diffed in \(Report.format(wall, digits: 2)) s")
            Report.say("recording CPU: \(Report.format(cpu, digits: 2)) s over the hour = \(Report.format(share, digits: 3)) % of a core"
                + "  [target ≤ 0.5 %: \(Report.verdict(share <= 0.5))]")
            Report.say("recording on disk: \(Report.format(Double(bytes) / 1_000_000, digits: 2)) MB"
                + "  [target ≤ 20 MB: \(Report.verdict(bytes <= 20_000_000))]")
        }
        // What the panes are built from, recorded beside the picture (a separate hour, same cadence).
        SourceRecordingBench.run(pods: 40, changesPerMinute: perMinute)
        if let pods, pods != 40 { SourceRecordingBench.run(pods: pods, changesPerMinute: perMinute) }
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
