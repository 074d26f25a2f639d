import Foundation
import Testing
import TriageApp
import TriageCore
import TriageProbes

/// The one list of judged entities the wall's outage board is built from, from a lab-like snapshot.
@Suite struct OutageEntitiesTests {
    static let now = Date(timeIntervalSince1970: 1_795_465_800)

    static func http(_ name: String, _ state: HealthState, _ reason: String?, at: Date) -> ServiceCheckResult {
        ServiceCheckResult(name: name, detail: .http(HTTPCheckResult(statusCode: state == .ok ? 200 : 503, state: state, reason: reason)), checkedAt: at)
    }

    static func crashing(_ name: String, lastRestart: TimeInterval, context: String = "lab") -> PodInfo {
        let status = KubeContainerStatus(
            name: "app", restartCount: 5, state: .waiting(reason: "CrashLoopBackOff", message: "back-off 5m0s restarting failed container"),
            lastTerminated: .init(exitCode: 1, startedAt: now.addingTimeInterval(-lastRestart - 5), finishedAt: now.addingTimeInterval(-lastRestart)))
        return PodInfo(context: context, namespace: "shop", name: name, creationTimestamp: now.addingTimeInterval(-86_400),
                       facts: KubePodFacts(phase: "Running", containerNames: ["app"], containerStatuses: [status]))
    }

    static func healthyPod(_ name: String) -> PodInfo {
        let status = KubeContainerStatus(name: "app", ready: true, started: true, state: .running(startedAt: now.addingTimeInterval(-86_400)))
        return PodInfo(context: "lab", namespace: "shop", name: name, creationTimestamp: now.addingTimeInterval(-86_400),
                       facts: KubePodFacts(phase: "Running", conditions: ["Ready": "True"], containerNames: ["app"], containerStatuses: [status]))
    }

    /// Services, one docker host, one context and the host, every one of them answering.
    static func snapshot(backendDown: Bool = true, podsFailing: Bool = true, load: Double = 13, contextFailure: String? = nil) -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: now.addingTimeInterval(-600))
        snapshot.declareServices([("backend", .http, .standard), ("web", .http, .standard)])
        for round in 0..<3 {
            let at = now.addingTimeInterval(Double(round - 3) * 60)
            snapshot.record(services: [
                http("backend", backendDown ? .crit : .ok, backendDown ? "HTTP 503, expected 2xx" : nil, at: at),
                http("web", .ok, nil, at: at),
            ])
        }
        var containers = [
            ContainerInfo(host: "local", containerID: "c1", name: "api", state: .running, statusText: "Up 2 days", startedAt: now.addingTimeInterval(-2 * 86_400)),
        ]
        if backendDown {
            containers += [
                ContainerInfo(host: "local", containerID: "a1", name: "lab-backend", state: .exited, statusText: "Exited (137) 12 seconds ago", exitCode: 137,
                              startedAt: now.addingTimeInterval(-3600), finishedAt: now.addingTimeInterval(-12)),
                ContainerInfo(host: "local", containerID: "b2", name: "lab-worker", state: .exited, statusText: "Exited (137) 2 hours ago", exitCode: 137,
                              oomKilled: true, startedAt: now.addingTimeInterval(-3 * 3600), finishedAt: now.addingTimeInterval(-2 * 3600)),
            ]
        }
        _ = snapshot.record(docker: DockerSnapshot(host: "local", containers: containers, lastGoodAt: now, roundAt: now, failure: nil), slot: 0)
        let pods = podsFailing ? [crashing("api-old", lastRestart: 7200), crashing("api-new", lastRestart: 20), healthyPod("web-1")] : [healthyPod("web-1")]
        let nodes = [NodeInfo(context: "lab", name: "node-b", readyStatus: "True", memoryPressure: podsFailing)]
        _ = snapshot.record(kubernetes: KubeSnapshot(context: "lab", pods: contextFailure == nil ? pods : [], nodes: contextFailure == nil ? nodes : [],
                                                     events: [], podsUpdatedAt: now, lastGoodAt: contextFailure == nil ? now : now.addingTimeInterval(-300),
                                                     roundAt: now, failure: contextFailure, watching: contextFailure == nil), slot: 0, now: now)
        snapshot.record(host: HostSnapshot(time: now, hostname: "vm", disks: [], memory: nil,
                                           load: LoadAverage(one: load, five: load, fifteen: load), cpuCount: 2, cpuPercent: 50))
        return snapshot
    }

    @Test func everyFailingEntityFromEverySourceWorstThenNewestFirst() throws {
        let entities = OutageEntities(Self.snapshot(), now: Self.now)
        let failing = entities.failing
        // Every source is on the board: services, containers, pods, nodes and the host.
        #expect(Set(failing.map(\.kind)) == [.service, .container, .pod, .node, .host])
        // Worst first, and within crit, newest first.
        #expect(failing.map(\.state) == failing.map(\.state).sorted(by: >))
        let crit = failing.filter { $0.state == .crit }
        #expect(crit.map(\.name) == ["lab-backend", "shop/api-new", "backend", "lab-worker", "shop/api-old", "vm"])
        #expect(crit.compactMap(\.since) == crit.compactMap(\.since).sorted(by: >))
        // The panes' own reasons.
        #expect(failing.first { $0.name == "lab-backend" }?.reason == "exited 137")
        #expect(failing.first { $0.name == "lab-worker" }?.reason == "OOM-killed")
        #expect(failing.first { $0.name == "backend" }?.reason == "HTTP 503, expected 2xx")
        #expect(failing.first { $0.name == "shop/api-new" }?.reason?.hasPrefix("CrashLoopBackOff") == true)
        #expect(failing.first { $0.name == "shop/api-new" }?.reason?.contains("back-off 5m0s") == true)
        #expect(failing.first { $0.kind == .host }?.reason == "load 13.0 on 2 CPUs")
        #expect(failing.first { $0.kind == .node }?.reason == "MemoryPressure")
        // Since: when each entered its state, as the source says it.
        #expect(failing.first { $0.name == "lab-backend" }?.since == Self.now.addingTimeInterval(-12))
        #expect(failing.first { $0.name == "shop/api-new" }?.since == Self.now.addingTimeInterval(-20))
        // The healthy ones are in the list, ok, and not on the board.
        #expect(entities.all.contains { $0.name == "web" && $0.state == .ok })
        #expect(entities.all.contains { $0.name == "shop/web-1" && $0.state == .ok })
        #expect(!failing.contains { $0.name == "api" || $0.name == "web" || $0.name == "shop/web-1" })
        #expect(entities.everySourceAnswered)
        #expect(!entities.allClear)
    }

    @Test func allClearOnlyWhenEverySourceAnsweredAndNothingFails() {
        let clear = OutageEntities(Self.snapshot(backendDown: false, podsFailing: false, load: 0.5), now: Self.now)
        #expect(clear.failing.isEmpty, "\(clear.failing)")
        #expect(clear.everySourceAnswered)
        #expect(clear.allClear)
        // A host figure past its threshold alone holds it off.
        #expect(!OutageEntities(Self.snapshot(backendDown: false, podsFailing: false, load: 13), now: Self.now).allClear)
        // No host sample yet: a source has not answered.
        var noHost = Self.snapshot(backendDown: false, podsFailing: false, load: 0.5)
        noHost.host = nil
        #expect(!OutageEntities(noHost, now: Self.now).allClear)
        // A configured context with no round yet has not answered either.
        var sources = DashboardSources(servicesConfigured: true, dockerHosts: ["local"], kubeContexts: ["lab", "lab-down"])
        #expect(!OutageEntities(Self.snapshot(backendDown: false, podsFailing: false, load: 0.5), now: Self.now, sources: sources).allClear)
        sources.kubeContexts = ["lab"]
        #expect(OutageEntities(Self.snapshot(backendDown: false, podsFailing: false, load: 0.5), now: Self.now, sources: sources).allClear)
    }

    @Test func anUnreachableContextIsItsOwnEntityWithItsErrorAndPreventsAllClear() throws {
        let entities = OutageEntities(
            Self.snapshot(backendDown: false, podsFailing: false, load: 0.5, contextFailure: "context lab: connection refused"), now: Self.now)
        let source = try #require(entities.failing.first { $0.kind == .source })
        #expect(source.name == "context lab")
        #expect(source.state == .unknown)
        #expect(source.reason == "context lab: connection refused")
        #expect(source.since == Self.now.addingTimeInterval(-300))
        #expect(!entities.everySourceAnswered)
        #expect(!entities.allClear)
    }

    /// An OOM kill 5 s ago whose restart has not come yet is news, not a day-old pod; and a second
    /// context that holds pods puts the context on each pod's name, a refused one does not.
    @Test func aPodJustTerminatedIsSinceItsTerminationAndContextsAreNamedOnlyWhenNeeded() throws {
        var snapshot = Self.snapshot(backendDown: false, podsFailing: false, load: 0.5)
        let killed = PodInfo(
            context: "lab", namespace: "shop", name: "search-oomnow", creationTimestamp: Self.now.addingTimeInterval(-86_400),
            facts: KubePodFacts(phase: "Running", containerNames: ["search"], containerStatuses: [
                KubeContainerStatus(name: "search", restartCount: 6, state: .terminated(.init(
                    exitCode: 137, reason: "OOMKilled", startedAt: Self.now.addingTimeInterval(-60), finishedAt: Self.now.addingTimeInterval(-5)))),
            ]))
        snapshot.kubernetes[0].pods.append(killed)
        _ = snapshot.record(kubernetes: KubeSnapshot(context: "lab-down", pods: [], nodes: [], events: [], podsUpdatedAt: nil, lastGoodAt: nil,
                                                     roundAt: Self.now, failure: "context lab-down: connection refused", watching: false), slot: 1, now: Self.now)
        let pod = try #require(OutageEntities(snapshot, now: Self.now).failing.first { $0.kind == .pod })
        #expect(pod.name == "shop/search-oomnow")
        #expect(pod.reason?.hasPrefix("OOMKilled") == true)
        #expect(pod.since == Self.now.addingTimeInterval(-5))
        _ = snapshot.record(kubernetes: KubeSnapshot(context: "staging", pods: [Self.crashing("api", lastRestart: 30, context: "staging")], nodes: [],
                                                     events: [], podsUpdatedAt: Self.now, lastGoodAt: Self.now, roundAt: Self.now,
                                                     failure: nil, watching: true), slot: 2, now: Self.now)
        let names = Set(OutageEntities(snapshot, now: Self.now).failing.filter { $0.kind == .pod }.map(\.name))
        #expect(names == ["shop/search-oomnow @ lab", "shop/api @ staging"])
    }

    /// Names, reasons and errors come from outside (engines, API servers): none reaches the wall as a control.
    @Test func hostileTextBecomesPlainText() {
        var snapshot = Self.snapshot(backendDown: false, podsFailing: false, load: 0.5)
        let evil = "x\u{1B}]0;pwned\u{07}\u{1B}[2J\nline"
        _ = snapshot.record(docker: DockerSnapshot(host: "local", containers: [
            ContainerInfo(host: "local", containerID: "e1", name: evil, state: .dead),
        ], lastGoodAt: Self.now, roundAt: Self.now, failure: nil), slot: 0)
        _ = snapshot.record(kubernetes: KubeSnapshot(context: evil, pods: [], nodes: [], events: [], podsUpdatedAt: nil, lastGoodAt: nil,
                                                     roundAt: Self.now, failure: evil, watching: false), slot: 1, now: Self.now)
        let failing = OutageEntities(snapshot, now: Self.now).failing
        #expect(failing.count == 2)
        for entity in failing {
            let text = entity.name + (entity.reason ?? "")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(text.debugDescription)")
        }
    }

    @Test func warningEventsCountOnlyWhileRecent() {
        func events(lastSeen: TimeInterval) -> OutageEntities {
            var snapshot = Self.snapshot(backendDown: false, podsFailing: false, load: 0.5)
            let event = KubeEvent(context: "lab", namespace: "shop", objectKind: "Pod", objectName: "api-new", reason: "BackOff",
                                  message: "Back-off restarting failed container", count: 4, lastSeen: Self.now.addingTimeInterval(-lastSeen),
                                  type: "Warning", uid: "e1")
            snapshot.kubernetes[0].events = [event]
            return OutageEntities(snapshot, now: Self.now)
        }
        let fresh = events(lastSeen: 30)
        #expect(fresh.failing.map(\.kind) == [.events])
        #expect(fresh.failing.first?.reason == "1 warning, newest pod/api-new BackOff: Back-off restarting failed container")
        #expect(!fresh.allClear)
        #expect(events(lastSeen: 3000).allClear)
    }
}
