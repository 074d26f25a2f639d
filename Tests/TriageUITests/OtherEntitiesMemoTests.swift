import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp

/// Issue 16: a new picture keeps the checks', containers' and nodes' entities whose raw inputs did
/// not change (``OtherEntitiesMemo``). Whatever a round changed, the entities are the ones made
/// afresh; a round that changed none of those inputs makes none.
@Suite struct OtherEntitiesMemoTests {
    static let start = BigClockTests.start

    static func serviceResult(_ name: String, failing: Bool, code: Int, at time: Date) -> ServiceCheckResult {
        let http = HTTPCheckResult(statusCode: code, timings: .init(total: .milliseconds(12)), state: failing ? .crit : .ok,
                                   reason: failing ? "HTTP \(code)" : nil)
        return ServiceCheckResult(name: name, detail: .http(http), checkedAt: time)
    }

    /// The entities of `snapshot` made with `memo`, and made afresh.
    static func both(_ snapshot: DashboardSnapshot, now: Date, memo: inout OtherEntitiesMemo) -> (kept: [OutageEntity], fresh: [OutageEntity]) {
        var answered = true, freshAnswered = true
        var fresh = OtherEntitiesMemo()
        let kept = OutageEntities.entities(snapshot, now: now, sources: BigClockTests.sources, answered: &answered, memo: &memo) { _, _, _, _ in [] }
        let made = OutageEntities.entities(snapshot, now: now, sources: BigClockTests.sources, answered: &freshAnswered, memo: &fresh) { _, _, _, _ in [] }
        #expect(answered == freshAnswered)
        return (kept, made)
    }

    /// 200 seeded rounds, each changing one thing an entity other than a pod is made from, or only
    /// what none is (the containers' figures): the kept entities are the fresh ones every round.
    @Test func everyKindOfChangeGivesTheEntitiesAFreshPictureMakes() {
        var snapshot = BigClockTests.snapshot(containers: 12)
        let services = (0..<6).map { "svc-\($0)" }
        snapshot.declareServices(services.map { ($0, .http, .standard) })
        for (slot, context) in BigClockTests.contexts.enumerated() {
            var kube = snapshot.kubernetes[slot]
            kube.nodes = (0..<4).map { NodeInfo(context: context, name: "node-\($0)", readyStatus: "True") }
            _ = snapshot.record(kubernetes: kube, slot: slot, now: Self.start)
        }
        var memo = OtherEntitiesMemo()
        var random = SeededRandom(seed: 1_616)
        var now = Self.start
        var unchangedRounds = 0
        for round in 1...200 {
            now = now.addingTimeInterval(random.next(below: 7) == 0 ? 400 : 2)
            let change = random.next(below: 11)
            switch change {
            case 0:
                let name = services[random.next(below: services.count)]
                let failing = random.next(below: 2) == 0
                _ = snapshot.record(services: [Self.serviceResult(name, failing: failing, code: failing ? 500 + round % 4 : 200, at: now)])
            case 1:
                var host = snapshot.docker[0]
                let index = random.next(below: host.containers.count)
                host.containers[index].state = host.containers[index].state == .running ? .exited : .running
                host.containers[index].exitCode = host.containers[index].state == .exited ? 1 + round % 3 : nil
                _ = snapshot.record(docker: host, slot: 0)
            case 2:
                // A container added first or the first one gone: every place after it shifts.
                var host = snapshot.docker[0]
                if random.next(below: 2) == 0 || host.containers.count < 4 {
                    host.containers.insert(BigClockTests.container(host: host.host, index: 100 + round), at: 0)
                } else {
                    host.containers.removeFirst()
                }
                _ = snapshot.record(docker: host, slot: 0)
            case 3:
                // The second host gone or back: the containers' names name their host, or not.
                if snapshot.docker.count > 1 {
                    snapshot.docker.removeLast()
                } else {
                    _ = snapshot.record(docker: DockerSnapshot(
                        host: BigClockTests.hosts[1], containers: (0..<5).map { BigClockTests.container(host: BigClockTests.hosts[1], index: $0) },
                        lastGoodAt: now, roundAt: now, failure: nil), slot: 1)
                }
            case 4:
                // A host that fails keeps its rows, stale; one that answers again is fresh.
                var host = snapshot.docker[0]
                host.failure = host.failure == nil ? "docker: connection refused" : nil
                host.roundAt = now
                if host.failure == nil { host.lastGoodAt = now }
                _ = snapshot.record(docker: host, slot: 0)
            case 5:
                var kube = snapshot.kubernetes[random.next(below: snapshot.kubernetes.count)]
                let index = random.next(below: kube.nodes.count)
                kube.nodes[index].readyStatus = kube.nodes[index].isReady ? "False" : "True"
                kube.nodes[index].diskPressure = round % 2 == 0
                _ = snapshot.record(kubernetes: kube, slot: BigClockTests.contexts.firstIndex(of: kube.context)!, now: now)
            case 6:
                var kube = snapshot.kubernetes[random.next(below: snapshot.kubernetes.count)]
                kube.failure = kube.failure == nil ? "context \(kube.context): connection refused" : nil
                kube.roundAt = now
                if kube.failure == nil { kube.lastGoodAt = now }
                _ = snapshot.record(kubernetes: kube, slot: BigClockTests.contexts.firstIndex(of: kube.context)!, now: now)
            case 7:
                // A new warning, as new as the newest (a tie) or newer, or one without a time.
                var kube = snapshot.kubernetes[random.next(below: snapshot.kubernetes.count)]
                let newest = kube.events.compactMap(\.lastSeen).max() ?? now
                let seen: Date? = [newest, now, nil][random.next(below: 3)]
                kube.events.append(KubeEvent(context: kube.context, namespace: "shop", objectKind: "Pod", objectName: "new-\(round)",
                                             reason: "Failed", message: "round \(round)", count: 1, lastSeen: seen, type: "Warning"))
                _ = snapshot.record(kubernetes: kube, slot: BigClockTests.contexts.firstIndex(of: kube.context)!, now: now)
            default:
                // The containers' figures move: new arrays, no entity's input changed.
                var host = snapshot.docker[0]
                host.containers = host.containers.map { container in
                    var moved = container
                    moved.stats?.cpuPercent = Double(round % 90)
                    return moved
                }
                host.roundAt = now
                _ = snapshot.record(docker: host, slot: 0)
            }
            let builtBefore = memo.built
            let (kept, fresh) = Self.both(snapshot, now: now, memo: &memo)
            // The first entity that differs, not two lists of 60.
            #expect(kept.count == fresh.count, "round \(round), change \(change)")
            if let at = zip(kept, fresh).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("round \(round), change \(change): kept \(kept[at]), made \(fresh[at])")
            }
            #expect(kept.filter { $0.kind == .events } == Self.eventsAsFilteredOnce(snapshot, in: fresh), "round \(round), change \(change)")
            if change >= 8, now.timeIntervalSince(Self.start) > 0, memo.built == builtBefore { unchangedRounds += 1 }
        }
        #expect(memo.kept > 2_000, "entities kept: \(memo.kept), made: \(memo.built)")
        #expect(unchangedRounds > 20, "rounds of moved figures alone that made no entity: \(unchangedRounds)")
    }

    /// The events' entities as the warnings filtered out and the newest taken with `max(by:)` name
    /// them: the newest's object in each reason.
    static func eventsAsFilteredOnce(_ snapshot: DashboardSnapshot, in entities: [OutageEntity]) -> [OutageEntity] {
        entities.filter { $0.kind == .events }.map { entity in
            guard let context = snapshot.kubernetes.first(where: { "events:" + $0.context == entity.key }) else { return entity }
            let warnings = context.events.filter(\.isWarning)
            guard let newest = warnings.max(by: { ($0.lastSeen ?? .distantPast) < ($1.lastSeen ?? .distantPast) }) else { return entity }
            var expected = entity
            let count = warnings.count == 1 ? "1 warning" : "\(warnings.count) warnings"
            expected.reason = OutageEntities.clean("\(count), newest \(newest.object) \(newest.reason): \(newest.message)")
            expected.since = newest.lastSeen
            return expected
        }
    }

    /// A round whose inputs are all the same, in new arrays, makes no entity; one changed check
    /// makes one.
    @Test func aRoundOfTheSameInputsMakesNoEntityAndOneChangedCheckMakesOne() {
        var snapshot = BigClockTests.snapshot(containers: 20)
        snapshot.declareServices([("api", .http, .standard), ("db", .http, .standard)])
        _ = snapshot.record(services: [Self.serviceResult("api", failing: false, code: 200, at: Self.start),
                                       Self.serviceResult("db", failing: false, code: 200, at: Self.start)])
        var memo = OtherEntitiesMemo()
        _ = Self.both(snapshot, now: Self.start, memo: &memo)
        let made = memo.built
        // The same containers as a new array, their figures moved.
        var host = snapshot.docker[0]
        host.containers = host.containers.map { var moved = $0; moved.stats?.cpuPercent = 99; return moved }
        _ = snapshot.record(docker: host, slot: 0)
        let (same, sameFresh) = Self.both(snapshot, now: Self.start.addingTimeInterval(1), memo: &memo)
        #expect(same == sameFresh)
        #expect(memo.built == made, "entities made for a round of the same inputs: \(memo.built - made)")
        // Failing until its policy calls it failing.
        for second in 2...5 {
            _ = snapshot.record(services: [Self.serviceResult("db", failing: true, code: 503, at: Self.start.addingTimeInterval(Double(second)))])
        }
        #expect(snapshot.services["db"]?.state == .crit)
        let (changed, changedFresh) = Self.both(snapshot, now: Self.start.addingTimeInterval(5), memo: &memo)
        #expect(changed == changedFresh)
        #expect(memo.built == made + 1, "entities made for one changed check: \(memo.built - made)")
    }
}
