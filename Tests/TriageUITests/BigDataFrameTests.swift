import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// Issue 16: a data frame with 5,000 pods costs what changed, not what there is. Counted, not
/// timed: a new snapshot in which no pod changed makes no pod's entity and compares none (the kube
/// probe handed over the same arrays); one in which one pod of 5,000 restarted makes one and places
/// it without sorting the rest. And the picture kept this way is, after every kind of change, the
/// one a fresh build gives, with the Pods pane's rows the ranks give. The figures are
/// `triage-bench frame`'s (docs/PERFORMANCE.md (a)).
@Suite struct BigDataFrameTests {
    init() { #expect(localeReady) }

    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let contexts = ["prod-eu", "prod-us", "staging", "batch"]
    static let sources = DashboardSources(servicesConfigured: false, kubeContexts: contexts)

    /// Four contexts of `perContext` pods each (kubectl's own JSON, every state), in the probe's order.
    static func snapshot(perContext: Int) throws -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: start.addingTimeInterval(-600))
        let sample = KubePodListSample.make(count: perContext)
        for (slot, context) in contexts.enumerated() {
            let pods = try KubePodListParser.parse(sample, context: context).pods.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
            _ = snapshot.record(kubernetes: KubeSnapshot(
                context: context, pods: pods, nodes: [NodeInfo(context: context, name: "node-1", readyStatus: "True")], events: [],
                podsUpdatedAt: start, lastGoodAt: start, roundAt: start, failure: nil, watching: true), slot: slot, now: start)
        }
        return snapshot
    }

    /// The pod after one more restart, ended at `time`.
    static func restarted(_ pod: PodInfo, at time: Date) -> PodInfo {
        var facts = pod.facts
        if facts.containerStatuses.isEmpty { facts.containerStatuses = [KubeContainerStatus(name: "app")] }
        facts.containerStatuses[0].restartCount += 1
        facts.containerStatuses[0].ready = true
        facts.containerStatuses[0].lastTerminated = .init(exitCode: 1, reason: "Error", startedAt: time.addingTimeInterval(-30), finishedAt: time)
        facts.containerStatuses[0].state = .running(startedAt: time)
        facts.phase = "Running"
        return PodInfo(context: pod.context, namespace: pod.namespace, name: pod.name, uid: pod.uid, creationTimestamp: pod.creationTimestamp,
                       resourceVersion: pod.resourceVersion + "1", facts: facts)
    }

    /// The pod crash-looping: CRIT, failing in its context's header.
    static func crashed(_ pod: PodInfo) -> PodInfo {
        var facts = pod.facts
        if facts.containerStatuses.isEmpty { facts.containerStatuses = [KubeContainerStatus(name: "app")] }
        facts.containerStatuses[0].ready = false
        facts.containerStatuses[0].state = .waiting(reason: "CrashLoopBackOff", message: "back-off 5m0s restarting failed container")
        facts.phase = "Running"
        return PodInfo(context: pod.context, namespace: pod.namespace, name: pod.name, uid: pod.uid, creationTimestamp: pod.creationTimestamp,
                       resourceVersion: pod.resourceVersion + "2", facts: facts)
    }

    /// The pod pending again, its containers not started: pending in its context's header.
    static func pending(_ pod: PodInfo) -> PodInfo {
        var facts = pod.facts
        facts.containerStatuses = []
        facts.phase = "Pending"
        return PodInfo(context: pod.context, namespace: pod.namespace, name: pod.name, uid: pod.uid, creationTimestamp: pod.creationTimestamp,
                       resourceVersion: pod.resourceVersion + "3", facts: facts)
    }

    /// The context headers' counts the cache gives are the ones counting every pod gives.
    static func expectSameHeaders(_ cache: PictureCache, _ snapshot: DashboardSnapshot, now: Date, _ comment: Comment) {
        guard let headers = cache.podsContextHeaders(snapshot.kubernetes, now: now) else { return }
        let counted = snapshot.kubernetes.map { PodsContextHeader($0, now: now) }
        #expect(headers.map(\.failing) == counted.map(\.failing) && headers.map(\.pending) == counted.map(\.pending), comment)
    }

    /// A round of every context as the probe hands it over: the same arrays, a new round time.
    static func round(_ snapshot: inout DashboardSnapshot, at time: Date) {
        for (slot, context) in snapshot.kubernetes.enumerated() {
            var round = context
            round.roundAt = time
            round.lastGoodAt = time
            _ = snapshot.record(kubernetes: round, slot: slot, now: time)
        }
    }

    /// The positions by source and the ranks of a picture made by merging are those of one made
    /// whole (equality compares the entities alone).
    static func expectSamePositions(_ merged: OutageEntities, _ whole: OutageEntities, _ comment: Comment) {
        #expect(merged.positionsBySource == whole.positionsBySource, comment)
        #expect(merged.all.allSatisfy { merged.rank[$0.key] == whole.rank[$0.key] }, comment)
    }

    /// The Pods pane's rows as the picture's ranks give them, with nothing kept.
    static func expectSameRows(_ kept: PodsPaneRows, _ snapshot: DashboardSnapshot, ui: UIState, now: Date, _ comment: Comment) {
        let fresh = PodsPaneRows(snapshot.kubernetes, picture: OutageEntities(snapshot, now: now, sources: sources), ui: ui, now: now)
        #expect(kept.pods == fresh.pods, comment)
        #expect(kept.tableIndex == fresh.tableIndex && kept.priorityRows == fresh.priorityRows && kept.beforeFilter == fresh.beforeFilter, comment)
        #expect(kept.stale == fresh.stale && kept.counts == fresh.counts && kept.staleEntities == fresh.staleEntities, comment)
    }

    @Test func oneRestartedPodOf5000MakesOneEntityAndNoChangeMakesNone() throws {
        var snapshot = try Self.snapshot(perContext: 1_250)
        let cache = PictureCache()
        _ = cache.picture(of: snapshot, version: 1, now: Self.start, sources: Self.sources)
        #expect(cache.pods.made == 5_000)
        #expect(cache.pods.sortedWhole == 1)

        // A round of every probe with no pod changed: a new version, no pod's entity made or compared.
        Self.round(&snapshot, at: Self.start.addingTimeInterval(2))
        var now = Self.start.addingTimeInterval(2)
        var picture = cache.picture(of: snapshot, version: 2, now: now, sources: Self.sources)
        #expect(cache.built == 1 && cache.kept == 1, "a round that changed no entity built a picture")
        #expect(cache.pods.made == 5_000, "a round with no pod changed made \(cache.pods.made - 5_000) pod entities")
        #expect(cache.pods.compared == 0, "a round with the same pods arrays compared \(cache.pods.compared) pods")
        #expect(picture == OutageEntities(snapshot, now: now, sources: Self.sources))

        // One pod of one context restarted: one entity made, placed without sorting the others.
        var context = snapshot.kubernetes[2]
        context.pods[700] = Self.restarted(context.pods[700], at: now)
        now = Self.start.addingTimeInterval(4)
        context.roundAt = now
        _ = snapshot.record(kubernetes: context, slot: 2, now: now)
        picture = cache.picture(of: snapshot, version: 3, now: now, sources: Self.sources)
        #expect(cache.pods.made == 5_001, "a round with one pod restarted made \(cache.pods.made - 5_000) pod entities")
        #expect(cache.pods.compared == 1, "only the pod whose bytes changed is compared, \(cache.pods.compared) were")
        #expect(cache.pods.sortedWhole == 1, "one changed pod sorted every pod again")
        #expect(picture == OutageEntities(snapshot, now: now, sources: Self.sources))
        Self.expectSamePositions(picture, OutageEntities(snapshot, now: now, sources: Self.sources), "one pod restarted")
        #expect(picture.all.first { $0.key == OutageEntities.podKey(context.pods[700]) }?.state == .warn)
        let rows = cache.podsPaneRows(snapshot.kubernetes, picture: picture, ui: UIState(), now: now)
        Self.expectSameRows(rows, snapshot, ui: UIState(), now: now, "the kept order of pods is not the ranks' order")
    }

    /// What a frame draws with the kept picture is what a frame with none draws, after a round in
    /// which one pod restarted.
    @Test func aDataFrameDrawsWhatAFreshFrameDraws() throws {
        var snapshot = try Self.snapshot(perContext: 300)
        let session = IncidentSession(store: nil, problem: nil, readOnly: false, actor: "test", defaultRunbookPath: nil)
        var app = TerminalApp(session: session, keymap: .standard, sources: Self.sources, readOnly: false)
        app.ui.focus = .pods
        _ = app.render(snapshot, version: 1, width: 200, height: 50, now: Self.start)
        for version in 2...4 {
            let now = Self.start.addingTimeInterval(Double(version))
            var context = snapshot.kubernetes[version % 4]
            context.pods[version * 37] = Self.restarted(context.pods[version * 37], at: now)
            context.roundAt = now
            _ = snapshot.record(kubernetes: context, slot: version % 4, now: now)
            let grid = app.render(snapshot, version: UInt64(version), width: 200, height: 50, now: now)
            var fresh = TerminalApp(session: session, keymap: .standard, sources: Self.sources, readOnly: false)
            fresh.ui.focus = .pods
            #expect(grid == fresh.render(snapshot, width: 200, height: 50, now: now), "round \(version)")
        }
        #expect(app.pictureCache.pods.made == 1_200 + 3)
    }

    /// Every kind of change a context's pods go through, round after round (restarts, crashes,
    /// pods coming and going, a context failing, falling silent, emptied, gone, back, restarts
    /// leaving their hour, pods out of order): the kept picture is the fresh one, and the Pods
    /// pane's rows, in every view of them, are the ones the ranks give.
    @Test func everyKindOfChangeKeepsThePictureAFreshOneGives() throws {
        var snapshot = try Self.snapshot(perContext: 30)
        _ = snapshot.record(docker: DockerSnapshot(host: "docker-a", containers: (0..<12).map { BigClockTests.container(host: "docker-a", index: $0) },
                                                   lastGoodAt: Self.start, roundAt: Self.start, failure: nil), slot: 0)
        let cache = PictureCache()
        var random = SeededRandom(seed: 16)
        // Apart, so the pods' changes are the ones this seed always gave.
        var dockerRandom = SeededRandom(seed: 61)
        let containerViews: [UIState] = {
            var broken = UIState()
            broken.brokenOnly.insert(.containers)
            var filtered = UIState()
            filtered.filters[.containers] = TableFilter(text: "app-1", editing: false)
            var byCPU = UIState()
            byCPU.containerSort = .cpu
            return [UIState(), broken, filtered, byCPU]
        }()
        let viewsCache = PictureCache()
        var now = Self.start
        let views: [UIState] = {
            var broken = UIState()
            broken.brokenOnly.insert(.pods)
            var filtered = UIState()
            filtered.filters[.pods] = TableFilter(text: "svc-1", editing: false)
            var byRestarts = UIState()
            byRestarts.podSort = .restarts
            return [UIState(), broken, filtered, byRestarts]
        }()
        for round in 1...120 {
            now = now.addingTimeInterval(random.next(below: 9) == 0 ? 3_000 : 2)
            Self.round(&snapshot, at: now)
            let slot = random.next(below: snapshot.kubernetes.count)
            var context = snapshot.kubernetes[slot]
            let change = random.next(below: 10)
            switch change {
            case 0 where !context.pods.isEmpty: context.pods.remove(at: random.next(below: context.pods.count))
            case 1:
                let name = "new-\(round)"
                let pod = Self.restarted(PodInfo(context: context.context, namespace: "team-\(round % 3)", name: name,
                                                 facts: KubePodFacts(phase: "Running", containerNames: ["app"])), at: now)
                let place = context.pods.firstIndex { ($0.namespace, $0.name) > (pod.namespace, pod.name) } ?? context.pods.count
                context.pods.insert(pod, at: place)
            case 2: context.failure = "context \(context.context): connection refused"
            case 3: context.failure = nil
            case 4: context.roundAt = now.addingTimeInterval(-OutageEntities.silentAfter - 1)
            case 5 where snapshot.kubernetes.count > 1 && random.next(below: 3) == 0:
                snapshot.kubernetes.removeLast()
                context = snapshot.kubernetes[min(slot, snapshot.kubernetes.count - 1)]
            case 6 where random.next(below: 4) == 0: context.pods = []
            case 7 where random.next(below: 4) == 0: context.pods.reverse()
            default:
                for _ in 0..<(1 + random.next(below: 3)) where !context.pods.isEmpty {
                    let index = random.next(below: context.pods.count)
                    // Restarted, crashed (failing in its header) or pending again, by the round.
                    let pod = context.pods[index]
                    context.pods[index] = round % 3 == 0 ? Self.restarted(pod, at: now) : round % 3 == 1 ? Self.crashed(pod) : Self.pending(pod)
                }
            }
            let target = min(slot, snapshot.kubernetes.count - 1)
            if snapshot.kubernetes[target].context == context.context { snapshot.kubernetes[target] = context }
            // The docker probe's round: now and then the same containers as a new array, or one exited.
            var host = snapshot.docker[0]
            host.roundAt = now
            host.lastGoodAt = now
            switch dockerRandom.next(below: 6) {
            case 0, 2:
                // New figures for every container: the same entities, rows read anew.
                let cpu = Double(dockerRandom.next(below: 100))
                host.containers = host.containers.map { container in
                    var changed = container
                    changed.stats?.cpuPercent = cpu + Double(container.name.count)
                    return changed
                }
            case 1:
                let index = dockerRandom.next(below: host.containers.count)
                host.containers[index].state = host.containers[index].state == .running ? .exited : .running
                host.containers[index].exitCode = host.containers[index].state == .exited ? 1 : nil
            default: break
            }
            _ = snapshot.record(docker: host, slot: 0)
            if snapshot.kubernetes.count < Self.contexts.count, random.next(below: 5) == 0 {
                var back = try Self.snapshot(perContext: 10).kubernetes[snapshot.kubernetes.count]
                back.roundAt = now
                snapshot.kubernetes.append(back)
            }
            let picture = cache.picture(of: snapshot, version: UInt64(round), now: now, sources: Self.sources)
            #expect(picture == OutageEntities(snapshot, now: now, sources: Self.sources), "round \(round), change \(change)")
            Self.expectSamePositions(picture, OutageEntities(snapshot, now: now, sources: Self.sources), "round \(round), change \(change)")
            for ui in views {
                let rows = cache.podsPaneRows(snapshot.kubernetes, picture: picture, ui: ui, now: now)
                Self.expectSameRows(rows, snapshot, ui: ui, now: now, "round \(round), change \(change), sort \(ui.podSort)")
            }
            Self.expectSameHeaders(cache, snapshot, now: now, "round \(round), change \(change)")
            let fresh = OutageEntities(snapshot, now: now, sources: Self.sources)
            Self.expectSameContainerRows(cache.containersPaneRows(snapshot.docker, picture: picture, ui: UIState(), now: now),
                                         ContainersPaneRows(snapshot.docker, picture: fresh, ui: UIState(), now: now),
                                         "round \(round), change \(change)")
            // Each other view of the containers for ten rounds running, in a cache of its own.
            let view = containerViews[(round / 10) % containerViews.count]
            let viewPicture = viewsCache.picture(of: snapshot, version: UInt64(round), now: now, sources: Self.sources)
            Self.expectSameContainerRows(viewsCache.containersPaneRows(snapshot.docker, picture: viewPicture, ui: view, now: now),
                                         ContainersPaneRows(snapshot.docker, picture: fresh, ui: view, now: now),
                                         "round \(round), change \(change), view \((round / 10) % containerViews.count)")
            // The severity tallies, moved by a patch or counted again, are what counting gives.
            let rules = [SeverityRule(severity: "SEV1", kinds: [.pod], crit: .count(1)), SeverityRule(severity: "SEV3", warn: .count(1))]
            let tallies = cache.severityTallies(rules, picture: picture, now: now)
            #expect(tallies == rules.map { SeverityTally($0, entities: picture.all, now: now) }, "round \(round), change \(change)")
        }
        // Most rounds placed their changes: the placing, not only the whole sort, was checked.
        #expect(cache.pods.sortedWhole < 100, "\(cache.pods.sortedWhole) whole sorts in 120 rounds")
        // And rounds of a few moved pods patched the last picture (23 of 119 new pictures with this seed).
        #expect(cache.patched > 10, "\(cache.patched) of \(cache.built) new pictures patched")
        #expect(cache.containersRowsMoved > 10, "new pictures whose containers kept their order: \(cache.containersRowsMoved)")
        #expect(viewsCache.containersRowsMoved > 5, "with other views: \(viewsCache.containersRowsMoved)")
    }
}

extension BigDataFrameTests {
    /// The Containers pane's rows kept by the cache are the ones worked out afresh.
    static func expectSameContainerRows(_ kept: ContainersPaneRows, _ fresh: ContainersPaneRows, _ context: String,
                                        sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(kept.containers == fresh.containers, "\(context): the containers' order", sourceLocation: sourceLocation)
        #expect(kept.staleKeys == fresh.staleKeys && kept.beforeFilter == fresh.beforeFilter, "\(context)", sourceLocation: sourceLocation)
        #expect(kept.counts == fresh.counts && kept.worstCounted == fresh.worstCounted, "\(context): the badge", sourceLocation: sourceLocation)
        #expect(kept.entities == fresh.entities, "\(context): the entities", sourceLocation: sourceLocation)
    }
}

/// Issue 16, round five: what a data frame with 5,000 pods no longer works out. A round that
/// changes no entity keeps the picture and everything worked out over it; the Pods pane's rows
/// hold the pods' places, not copies; a round in which one pod restarted draws what a fresh frame
/// draws.
extension BigDataFrameTests {
    /// A round of every probe in which no pod changed (the same arrays, a new version): the last
    /// picture, its Pods rows, events, headers and tallies, none worked out again; a round whose
    /// containers are new arrays (their stats moved) keeps their order, each container read anew.
    @Test func aRoundThatChangesNoEntityKeepsThePictureAndWhatWasWorkedOutOverIt() throws {
        var snapshot = try Self.snapshot(perContext: 1_250)
        _ = snapshot.record(docker: DockerSnapshot(host: "docker-a", containers: (0..<20).map { BigClockTests.container(host: "docker-a", index: $0) },
                                                   lastGoodAt: Self.start, roundAt: Self.start, failure: nil), slot: 0)
        var sources = Self.sources
        sources.dockerHosts = ["docker-a"]
        let session = IncidentSession(store: nil, problem: nil, readOnly: false, actor: "test", defaultRunbookPath: nil)
        var app = TerminalApp(session: session, keymap: .standard, sources: sources, readOnly: false)
        app.ui.focus = .pods
        _ = app.render(snapshot, version: 1, width: 200, height: 50, now: Self.start)
        let cache = app.pictureCache
        #expect(cache.built == 1 && cache.podsRowsWorkedOut == 1 && cache.podsEventsWorkedOut == 1 && cache.podsHeadersCounted == 1)
        #expect(cache.containersRowsWorkedOut == 1)
        for version in 2...4 {
            let now = Self.start.addingTimeInterval(Double(2 * version))
            Self.round(&snapshot, at: now)
            if version == 4 {
                // The containers again as a new array (the docker probe's round): the same entities.
                var host = snapshot.docker[0]
                host.containers = host.containers.map { $0 }
                host.roundAt = now
                _ = snapshot.record(docker: host, slot: 0)
            }
            let grid = app.render(snapshot, version: UInt64(version), width: 200, height: 50, now: now)
            var fresh = TerminalApp(session: session, keymap: .standard, sources: sources, readOnly: false)
            fresh.ui.focus = .pods
            #expect(grid == fresh.render(snapshot, width: 200, height: 50, now: now), "round \(version)")
        }
        #expect(cache.built == 1, "rounds that changed no entity built \(cache.built - 1) pictures")
        #expect(cache.kept == 3)
        #expect(cache.podsRowsWorkedOut == 1, "rounds with the same pods worked out the Pods rows \(cache.podsRowsWorkedOut) times")
        #expect(cache.podsEventsWorkedOut == 1 && cache.podsHeadersCounted == 1)
        // New containers arrays of the same entities keep the order; the frame above is a fresh one's.
        #expect(cache.containersRowsWorkedOut == 1 && cache.containersRowsMoved == 1,
                "new containers arrays of the same entities were ordered \(cache.containersRowsWorkedOut - 1) more times")
        #expect(cache.othersSorted == 1, "rounds with the same checks and containers sorted them \(cache.othersSorted) times")

        // One pod restarted: a new picture, and its rows worked out again.
        let now = Self.start.addingTimeInterval(10)
        var context = snapshot.kubernetes[1]
        context.pods[300] = Self.restarted(context.pods[300], at: now)
        context.roundAt = now
        _ = snapshot.record(kubernetes: context, slot: 1, now: now)
        let grid = app.render(snapshot, version: 5, width: 200, height: 50, now: now)
        var fresh = TerminalApp(session: session, keymap: .standard, sources: sources, readOnly: false)
        fresh.ui.focus = .pods
        #expect(grid == fresh.render(snapshot, width: 200, height: 50, now: now))
        #expect(cache.built == 2 && cache.podsRowsWorkedOut == 2)
    }

    /// The Pods pane's rows of 5,000 pods in the severity order hold no copy of a pod: the table
    /// makes the rows on screen from their places. The same pods as the ranks' order.
    @Test func thePodsRowsOf5000PodsCopyNoPod() throws {
        let snapshot = try Self.snapshot(perContext: 1_250)
        let cache = PictureCache()
        let now = Self.start
        let picture = cache.picture(of: snapshot, version: 1, now: now, sources: Self.sources)
        let rows = cache.podsPaneRows(snapshot.kubernetes, picture: picture, ui: UIState(), now: now)
        #expect(rows.pods.count == 5_000)
        #expect(rows.pods.copied == 0, "the Pods rows copied \(rows.pods.copied) pods")
        Self.expectSameRows(rows, snapshot, ui: UIState(), now: now, "the rows from places are not the ranks' rows")
    }
}

/// Issue 16, round five (second part): a round in which one pod of 5,000 changed compares that pod
/// alone and moves its context's header counts by it, counting no context's pods again.
extension BigDataFrameTests {
    @Test func oneCrashedPodOf5000MovesItsContextsHeaderCountsWithoutCountingIt() throws {
        var snapshot = try Self.snapshot(perContext: 1_250)
        let cache = PictureCache()
        _ = cache.picture(of: snapshot, version: 1, now: Self.start, sources: Self.sources)
        Self.expectSameHeaders(cache, snapshot, now: Self.start, "first picture")
        let before = cache.podsContextHeaders(snapshot.kubernetes, now: Self.start)?[2].failing ?? -1
        let places = snapshot.kubernetes[2].pods.indices.filter { snapshot.kubernetes[2].pods[$0].healthState(now: Self.start) != .crit }.suffix(2)
        for (version, place) in zip(2...3, places) {
            let now = Self.start.addingTimeInterval(Double(2 * version))
            var context = snapshot.kubernetes[2]
            context.pods[place] = Self.crashed(context.pods[place])
            context.roundAt = now
            _ = snapshot.record(kubernetes: context, slot: 2, now: now)
            _ = cache.picture(of: snapshot, version: UInt64(version), now: now, sources: Self.sources)
            Self.expectSameHeaders(cache, snapshot, now: now, "version \(version)")
        }
        #expect(cache.podsContextHeaders(snapshot.kubernetes, now: Self.start)?[2].failing == before + 2, "the crashed pods are not counted failing")
        #expect(cache.podsHeaderContextsCounted == 0, "\(cache.podsHeaderContextsCounted) contexts' pods counted again for their header")
        #expect(cache.pods.countedForHeaders == 5_000, "the index counted \(cache.pods.countedForHeaders - 5_000) pods again for the headers")
        #expect(cache.pods.compared == 2, "two rounds of one changed pod compared \(cache.pods.compared) pods")
        #expect(cache.othersSorted == 1, "rounds that changed only pods sorted the other entities \(cache.othersSorted) times")
    }
}

/// Issue 16, round six: a data frame that builds a new picture does not also free the last one
/// (its entities, its Pods rows, the pods arrays its context headers counted: ~2 M instructions
/// with 5,000 pods); the next clock frame does.
extension BigDataFrameTests {
    /// A weak reference to an array's storage: whether some owner still holds it, without holding
    /// it (an array on Linux is one reference to its storage object).
    final class StorageWatch {
        weak var storage: AnyObject?
        init<Element>(_ array: [Element]) { storage = unsafeBitCast(array, to: AnyObject.self) }
    }

    @Test func aRestartedPodsFrameLeavesFreeingTheLastPictureToTheNextClockFrame() throws {
        var snapshot = try Self.snapshot(perContext: 1_250)
        let cache = PictureCache()
        var now = Self.start
        let lastEntities = StorageWatch(cache.picture(of: snapshot, version: 1, now: now, sources: Self.sources).all)
        _ = cache.podsContextHeaders(snapshot.kubernetes, now: now)
        let lastPods = StorageWatch(snapshot.kubernetes[2].pods)
        #expect(lastEntities.storage != nil && lastPods.storage != nil)

        // A data frame: 20 pods restarted, a new picture merged (more moves than a patch takes,
        // ``PodMoves/patchedAtMost``), the context's pods a new array.
        now = Self.start.addingTimeInterval(2)
        var context = snapshot.kubernetes[2]
        for place in stride(from: 100, to: 1_100, by: 50) { context.pods[place] = Self.restarted(context.pods[place], at: now) }
        context.roundAt = now
        _ = snapshot.record(kubernetes: context, slot: 2, now: now)
        let picture = cache.picture(of: snapshot, version: 2, now: now, sources: Self.sources)
        _ = cache.podsContextHeaders(snapshot.kubernetes, now: now)
        #expect(cache.built == 2 && cache.patched == 0)
        #expect(lastEntities.storage != nil, "the data frame freed the last picture's entities")
        #expect(lastPods.storage != nil, "the data frame freed the pods array the last headers counted")
        #expect(cache.retiredFreed == 0)

        // The next clock frame: the same version a second later frees them, and shows the same picture.
        #expect(cache.picture(of: snapshot, version: 2, now: now.addingTimeInterval(1), sources: Self.sources) == picture)
        #expect(lastEntities.storage == nil, "the clock frame kept the last picture's entities")
        #expect(lastPods.storage == nil, "the clock frame kept the pods array the last headers counted")
        #expect(cache.retiredFreed == 1)
        #expect(cache.built == 2)
    }
}

/// Issue 16, round seven: a round in which one pod of 5,000 restarted patches the last picture's
/// list in place (that pod's entity taken out and put back where the merge puts it): no other
/// entity is copied into a new list, nor freed with the last one. In the cache alone, and behind
/// the app's frames, which let go of the picture they showed while the next one is built.
extension BigDataFrameTests {
    /// True when `entities` is the very storage `watch` still sees: the list was not copied.
    static func isStorage(_ entities: [OutageEntity], of watch: StorageWatch) -> Bool {
        watch.storage.map { $0 === unsafeBitCast(entities, to: AnyObject.self) } ?? false
    }

    @Test func oneRestartedPodOf5000PatchesThePictureInPlace() throws {
        var snapshot = try Self.snapshot(perContext: 1_250)
        _ = snapshot.record(docker: DockerSnapshot(host: "docker-a", containers: (0..<20).map { BigClockTests.container(host: "docker-a", index: $0) },
                                                   lastGoodAt: Self.start, roundAt: Self.start, failure: nil), slot: 0)
        let cache = PictureCache()
        let first = StorageWatch(cache.picture(of: snapshot, version: 1, now: Self.start, sources: Self.sources).all)
        _ = cache.containersPaneRows(snapshot.docker, picture: cache.picture(of: snapshot, version: 1, now: Self.start, sources: Self.sources),
                                     ui: UIState(), now: Self.start)
        let rules = [SeverityRule(severity: "SEV1", kinds: [.pod], crit: .count(1)), SeverityRule(severity: "SEV3", warn: .count(1))]
        _ = cache.severityTallies(rules, picture: cache.picture(of: snapshot, version: 1, now: Self.start, sources: Self.sources), now: Self.start)
        for version in 2...4 {
            let now = Self.start.addingTimeInterval(Double(2 * version))
            var context = snapshot.kubernetes[version - 1]
            context.pods[100 * version] = Self.restarted(context.pods[100 * version], at: now)
            context.roundAt = now
            _ = snapshot.record(kubernetes: context, slot: version - 1, now: now)
            let picture = cache.picture(of: snapshot, version: UInt64(version), now: now, sources: Self.sources)
            let inPlace = Self.isStorage(picture.all, of: first)
            #expect(inPlace, "version \(version): the picture's 5,000 pods' entities were copied into a new list")
            let whole = OutageEntities(snapshot, now: now, sources: Self.sources)
            #expect(picture == whole, "version \(version)")
            Self.expectSamePositions(picture, whole, "version \(version)")
            #expect(picture.all.first { $0.key == OutageEntities.podKey(context.pods[100 * version]) }?.state == .warn)
            // The severity tallies moved by the patch are what counting every entity gives.
            let tallies = cache.severityTallies(rules, picture: picture, now: now)
            #expect(tallies == rules.map { SeverityTally($0, entities: whole.all, now: now) }, "version \(version)")
            let rows = cache.podsPaneRows(snapshot.kubernetes, picture: picture, ui: UIState(), now: now)
            Self.expectSameRows(rows, snapshot, ui: UIState(), now: now, "version \(version)")
            // The very same containers: the rows worked out over the last picture are this one's.
            let containers = cache.containersPaneRows(snapshot.docker, picture: picture, ui: UIState(), now: now)
            Self.expectSameContainerRows(containers, ContainersPaneRows(snapshot.docker, picture: whole, ui: UIState(), now: now), "version \(version)")
        }
        #expect(cache.containersRowsWorkedOut == 1, "the same containers were ordered \(cache.containersRowsWorkedOut) times")
        #expect(cache.patched == 3 && cache.built == 4, "patched \(cache.patched) of \(cache.built - 1) new pictures")
        #expect(cache.severityTalliesCounted == 1, "the tallies were counted \(cache.severityTalliesCounted) times over every entity")
        #expect(cache.nodesOrdered == 1, "the same nodes were put in order \(cache.nodesOrdered) times")
        #expect(cache.pods.sortedWhole == 1)
    }

    /// The app's frames: the picture a frame showed (kept for the keys on a selected row, and in the
    /// last model) is let go of while the next frame is built, so the cache patches it in place; and
    /// the frames are the ones a fresh app draws.
    @Test func theAppsRestartedPodFramesPatchThePictureTheyShowed() throws {
        var snapshot = try Self.snapshot(perContext: 1_250)
        let session = IncidentSession(store: nil, problem: nil, readOnly: false, actor: "test", defaultRunbookPath: nil)
        var app = TerminalApp(session: session, keymap: .standard, sources: Self.sources, readOnly: false)
        app.ui.focus = .pods
        _ = app.render(snapshot, version: 1, width: 200, height: 50, now: Self.start)
        let first = try StorageWatch(#require(app.framePicture.current).all)
        for version in 2...3 {
            let now = Self.start.addingTimeInterval(Double(2 * version))
            var context = snapshot.kubernetes[version]
            context.pods[900] = Self.restarted(context.pods[900], at: now)
            context.roundAt = now
            _ = snapshot.record(kubernetes: context, slot: version, now: now)
            let grid = app.render(snapshot, version: UInt64(version), width: 200, height: 50, now: now)
            let inPlace = try Self.isStorage(#require(app.framePicture.current).all, of: first)
            #expect(inPlace, "version \(version): the app's last picture was copied")
            var fresh = TerminalApp(session: session, keymap: .standard, sources: Self.sources, readOnly: false)
            fresh.ui.focus = .pods
            #expect(grid == fresh.render(snapshot, width: 200, height: 50, now: now), "version \(version)")
        }
        #expect(app.pictureCache.patched == 2)
    }
}

/// Issue 16, round seven (second part): a pod that changed moves between its two places in the
/// lists at once (``Array/replaceMoving(from:to:with:)``), which must be a removal then an insertion.
extension BigDataFrameTests {
    @Test func aBigFrameMovesAChangedPodAsARemovalThenAnInsertion() {
        let list = (0..<7).map { "entity-\($0)-" + String(repeating: "x", count: $0 * 9) }
        for from in list.indices {
            for to in list.indices {
                var moved = list
                moved.replaceMoving(from: from, to: to, with: "new")
                var expected = list
                expected.remove(at: from)
                expected.insert("new", at: to)
                #expect(moved == expected, "from \(from) to \(to)")
            }
        }
    }
}
