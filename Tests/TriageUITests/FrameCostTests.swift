import Foundation
import Testing
import TriageCore
import TriageProbes
import TriageStore
@testable import TriageApp
@testable import TriageUI

/// Issue 16: no frame costs more than 2 ms of CPU at p99, whatever the data. Counted, not timed:
/// a clock frame (only the time moved, the same snapshot version) builds no picture; a new
/// snapshot version builds one; and the picture kept across clock frames is, at every second,
/// the one a fresh build would give, across each moment a judgement by the time flips
/// (``OutageEntities/nextChange(of:after:)``). The figures are `triage-bench frame`'s.
@Suite struct FrameCostTests {
    init() { #expect(localeReady) }

    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let sources = DashboardSources(servicesConfigured: true, dockerHosts: ["local"], kubeContexts: ["prod", "batch"])

    static func pod(_ name: String, context: String = "prod", created: Date, restartedAt: Date?) -> PodInfo {
        let status = KubeContainerStatus(
            name: "app", ready: true, restartCount: restartedAt == nil ? 0 : 3,
            state: .running(startedAt: restartedAt ?? created),
            lastTerminated: restartedAt.map { .init(exitCode: 1, startedAt: $0.addingTimeInterval(-60), finishedAt: $0) })
        return PodInfo(context: context, namespace: "shop", name: name, creationTimestamp: created,
                       facts: KubePodFacts(phase: "Running", containerNames: ["app"], containerStatuses: [status]))
    }

    /// Every judgement by the time, each flipping at its own second after `start`: the docker
    /// host's rows turn stale at +15, the context `prod`'s at +10, its newest warning stops being
    /// recent at +20, a pod's restart at +25, the Alertmanager's alert turns stale at +30.
    static func snapshot() -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: start.addingTimeInterval(-600))
        let silent = OutageEntities.silentAfter
        _ = snapshot.record(docker: DockerSnapshot(
            host: "local", containers: [ContainerInfo(host: "local", containerID: "0123456789ab", name: "web", state: .running)],
            lastGoodAt: start.addingTimeInterval(15 - silent), roundAt: start.addingTimeInterval(15 - silent), failure: nil), slot: 0)
        let event = KubeEvent(context: "prod", namespace: "shop", objectKind: "Pod", objectName: "cart-1", reason: "BackOff",
                              message: "Back-off restarting failed container", count: 2,
                              lastSeen: start.addingTimeInterval(20 - OutageEntities.recentEventWindow), type: "Warning")
        let pods = [
            pod("cart-1", created: start.addingTimeInterval(-86_400), restartedAt: start.addingTimeInterval(25 - PodInfo.recentRestartWindow)),
            pod("cart-2", created: start.addingTimeInterval(-86_400), restartedAt: nil),
        ]
        _ = snapshot.record(kubernetes: KubeSnapshot(
            context: "prod", pods: pods, nodes: [], events: [event], podsUpdatedAt: start, lastGoodAt: start,
            roundAt: start.addingTimeInterval(10 - silent), failure: nil, watching: true), slot: 0, now: start)
        _ = snapshot.record(kubernetes: KubeSnapshot(
            context: "batch", pods: [pod("job-1", context: "batch", created: start.addingTimeInterval(-7200), restartedAt: nil)],
            nodes: [], events: [], podsUpdatedAt: start, lastGoodAt: start, roundAt: start.addingTimeInterval(3600), failure: nil,
            watching: true), slot: 1, now: start)
        snapshot.alertmanagers = [AlertmanagerSnapshot(
            source: "am", alerts: [FiringAlert(fingerprint: "f1", labels: ["alertname": "HighLatency", "severity": "warning"],
                                               startsAt: start.addingTimeInterval(-300))],
            lastGoodAt: start, roundAt: start.addingTimeInterval(30 - silent))]
        return snapshot
    }

    @Test func aClockFrameBuildsNoPictureAndANewVersionBuildsOne() {
        let snapshot = Self.snapshot()
        let session = IncidentSession(store: nil, problem: nil, readOnly: false, actor: "test", defaultRunbookPath: nil)
        var app = TerminalApp(session: session, keymap: .standard, sources: Self.sources, readOnly: false)
        // Inside one window (the first flip is at +10): nine clock frames a second apart.
        _ = app.render(snapshot, version: 7, width: 200, height: 50, now: Self.start)
        #expect(app.pictureCache.built == 1)
        for second in 1...9 {
            let grid = app.render(snapshot, version: 7, width: 200, height: 50, now: Self.start.addingTimeInterval(Double(second)))
            // What is drawn is what a frame with no kept picture draws.
            var fresh = TerminalApp(session: session, keymap: .standard, sources: Self.sources, readOnly: false)
            #expect(grid == fresh.render(snapshot, width: 200, height: 50, now: Self.start.addingTimeInterval(Double(second))))
        }
        #expect(app.pictureCache.built == 1, "clock frames built \(app.pictureCache.built - 1) pictures")
        #expect(app.pictureCache.podsRowsWorkedOut == 1, "clock frames ordered every pod again")
        // A new snapshot version with the same arrays and entities: the same picture, kept with its rows.
        _ = app.render(snapshot, version: 8, width: 200, height: 50, now: Self.start.addingTimeInterval(9.5))
        #expect(app.pictureCache.built == 1, "a new version listing the same entities built its picture again")
        #expect(app.pictureCache.kept == 1)
        #expect(app.pictureCache.podsRowsWorkedOut == 1)
        // The person's view of the pods changed: the rows again, the picture kept.
        app.ui.brokenOnly.insert(.pods)
        _ = app.render(snapshot, version: 8, width: 200, height: 50, now: Self.start.addingTimeInterval(9.55))
        #expect(app.pictureCache.built == 1)
        #expect(app.pictureCache.podsRowsWorkedOut == 2)
        // No version (a caller that does not know it): every frame builds.
        _ = app.render(snapshot, width: 200, height: 50, now: Self.start.addingTimeInterval(9.6))
        #expect(app.pictureCache.built == 2)
    }

    @Test func theKeptPictureIsAFreshOneAtEverySecondAcrossEachFlip() {
        let snapshot = Self.snapshot()
        let cache = PictureCache()
        var pictures: [OutageEntities] = []
        for second in 0...40 {
            let now = Self.start.addingTimeInterval(Double(second))
            let kept = cache.picture(of: snapshot, version: 1, now: now, sources: Self.sources)
            #expect(kept == OutageEntities(snapshot, now: now, sources: Self.sources), "at +\(second) s the kept picture is out of date")
            if pictures.last != kept { pictures.append(kept) }
        }
        // Each of the five flips changed the picture, and only they built one.
        #expect(pictures.count == 6, "\(pictures.count) different pictures in 40 s")
        #expect(cache.built == 6, "\(cache.built) pictures built for 41 frames")
    }

    @Test func theNextChangeIsTheEarliestFlipAfterNow() {
        let snapshot = Self.snapshot()
        let expected = [10, 15, 20, 25, 30]
        var now = Self.start
        for second in expected {
            let next = OutageEntities.nextChange(of: snapshot, after: now)
            #expect(next == Self.start.addingTimeInterval(Double(second)))
            now = next
        }
        // The batch context's round is an hour ahead: its silence starts then, and nothing after.
        #expect(OutageEntities.nextChange(of: snapshot, after: now) == Self.start.addingTimeInterval(3600 + OutageEntities.silentAfter))
    }

    /// The severity the outage suggests: with rules that do not count by the time, the rules are
    /// tallied over the 5,000 entities once per picture, not once per frame (it copied them all
    /// each frame); the suggestion, whose "for 4m" moves with the clock, is at every frame the one
    /// a fresh evaluation gives. A rule with a duration counts by the time: tallied every frame.
    @Test func theSuggestionIsTalliedOncePerPictureAndSaysWhatAFreshOneSays() throws {
        let directory = NSTemporaryDirectory() + "triage-frame-cost-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try IncidentStore(stateDirectory: try StateDirectory.resolve(explicit: directory, environment: [:]))
        _ = try store.createIncident(title: "checkout errors", severity: "P3", at: Self.start.addingTimeInterval(-600), actor: "test")
        let session = IncidentSession(store: store, problem: nil, readOnly: false, actor: "test", defaultRunbookPath: nil)
        defer { session.stop() }
        let snapshot = Self.snapshot()
        func frames(_ rules: [SeverityRule]) -> PictureCache {
            var sources = Self.sources
            sources.severityRules = rules
            var app = TerminalApp(session: session, keymap: .standard, sources: sources, readOnly: false)
            for second in 0...9 {
                let now = Self.start.addingTimeInterval(Double(second))
                _ = app.render(snapshot, version: 7, width: 200, height: 50, now: now)
                let fresh = SeveritySuggestion.evaluate(rules, entities: OutageEntities(snapshot, now: now, sources: sources).all, now: now)
                #expect(fresh != nil)
                #expect(app.lastModel?.severitySuggestion == fresh, "at +\(second) s")
            }
            #expect(app.pictureCache.built == 1)
            return app.pictureCache
        }
        let timeless = frames([SeverityRule(severity: "P1", crit: .count(5)), SeverityRule(severity: "P2", warn: .count(1))])
        #expect(timeless.severityTalliesCounted == 1, "ten clock frames tallied the rules \(timeless.severityTalliesCounted) times")
        let timed = frames([SeverityRule(severity: "P2", warn: .count(1), duration: .seconds(1))])
        #expect(timed.severityTalliesCounted == 10)
    }
}
