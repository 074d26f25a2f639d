import Foundation
import Testing
import TriageCore
import TriageProbes
import TriageStore
@testable import TriageApp
@testable import TriageUI

/// Issue 16, clock frames with a big state (docs/PERFORMANCE.md (a), round three): what a clock
/// frame (the same snapshot version, only the time moved) no longer works out again. Counted, not
/// timed: the Pods pane's warning events are sorted and cleaned once per picture; the Containers
/// pane orders its rows once per picture and view and makes only the rows on screen; the wall
/// tallies the severity rules once per picture, as the dashboard does. Each frame draws what a
/// frame with nothing kept draws.
@Suite struct BigClockTests {
    init() { #expect(localeReady) }

    static let start = FrameCostTests.start
    static let hosts = ["docker-a", "docker-b"]
    static let contexts = ["prod", "batch"]
    static let sources = DashboardSources(servicesConfigured: false, dockerHosts: hosts, kubeContexts: contexts)

    /// One of a host's containers: one in 7 exited with 137 a minute before `start`.
    static func container(host: String, index: Int) -> ContainerInfo {
        let exited = index % 7 == 3
        return ContainerInfo(host: host, containerID: String(format: "%012x", index + (host == hosts[0] ? 0 : 10_000)), name: "app-\(index)",
                             image: "registry.example/app:1", state: exited ? .exited : .running,
                             statusText: exited ? "Exited (137) 1 minute ago" : "Up 3 hours", exitCode: exited ? 137 : nil,
                             startedAt: start.addingTimeInterval(-10_800), finishedAt: exited ? start.addingTimeInterval(-60) : nil,
                             stats: ContainerStats(cpuPercent: Double(index % 40), memoryUsageBytes: Int64(index) << 20, memoryLimitBytes: 1 << 30,
                                                   memoryPercent: Double(index % 90)))
    }

    /// `containers` containers on each of two docker hosts, and two contexts with a few pods and
    /// 30 warning events each (out of order, so sorting them matters), all answered at `start`.
    static func snapshot(containers: Int) -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: start.addingTimeInterval(-600))
        for (slot, host) in hosts.enumerated() {
            _ = snapshot.record(docker: DockerSnapshot(
                host: host, containers: (0..<containers).map { container(host: host, index: $0) },
                lastGoodAt: start, roundAt: start, failure: nil), slot: slot)
        }
        for (slot, context) in contexts.enumerated() {
            let events = (0..<30).map { n in
                KubeEvent(context: context, namespace: "shop", objectKind: "Pod", objectName: "cart-\(n)", reason: n % 2 == 0 ? "BackOff" : "Unhealthy",
                          message: "Back-off restarting failed container", count: 1 + n % 3,
                          lastSeen: start.addingTimeInterval(-Double((n * 37) % 30) * 40 - Double(slot)), type: n % 5 == 4 ? "Normal" : "Warning")
            }
            let pods = (0..<3).map { FrameCostTests.pod("web-\($0)", context: context, created: start.addingTimeInterval(-86_400), restartedAt: nil) }
            _ = snapshot.record(kubernetes: KubeSnapshot(
                context: context, pods: pods, nodes: [], events: events, podsUpdatedAt: start, lastGoodAt: start, roundAt: start,
                failure: nil, watching: true), slot: slot, now: start)
        }
        return snapshot
    }

    /// A dashboard that drew ten clock frames of `snapshot` (one version, a second apart from
    /// `start`), each the frame a dashboard with nothing kept draws; `check` reads each one's text.
    static func tenClockFrames(of snapshot: DashboardSnapshot, ui: UIState, check: (Int, String) -> Void) -> TerminalApp {
        let session = IncidentSession(store: nil, problem: nil, readOnly: false, actor: "test", defaultRunbookPath: nil)
        var app = TerminalApp(session: session, keymap: .standard, sources: sources, readOnly: false)
        app.ui = ui
        for second in 0...9 {
            let now = start.addingTimeInterval(Double(second))
            let grid = app.render(snapshot, version: 3, width: 200, height: 50, now: now)
            var fresh = TerminalApp(session: session, keymap: .standard, sources: sources, readOnly: false)
            fresh.ui = app.ui
            #expect(grid == fresh.render(snapshot, width: 200, height: 50, now: now), "at +\(second) s")
            check(second, grid.text)
        }
        return app
    }

    /// Ten clock frames sort and clean the warning events once and order the containers once; a
    /// new snapshot version sorts the events again and keeps the containers' order, each read anew
    /// (the same entities); another view of the containers orders them again.
    @Test func tenClockFramesSortTheEventsAndOrderTheContainersOnce() {
        let snapshot = Self.snapshot(containers: 50)
        var ui = UIState()
        ui.focus = .containers
        ui.selection[.containers] = 40
        var app = Self.tenClockFrames(of: snapshot, ui: ui) { second, text in
            // The newest event, its age moving with the clock.
            #expect(text.contains("⚠ \(second)s pod/cart-0 BackOff: Back-off restarting failed"), "at +\(second) s")
        }
        #expect(app.pictureCache.built == 1)
        #expect(app.pictureCache.podsEventsWorkedOut == 1, "ten clock frames sorted the events \(app.pictureCache.podsEventsWorkedOut) times")
        #expect(app.pictureCache.containersRowsWorkedOut == 1, "ten clock frames ordered the containers \(app.pictureCache.containersRowsWorkedOut) times")
        // A new round: the same entities, but new arrays of events and containers.
        let next = Self.snapshot(containers: 50)
        _ = app.render(next, version: 4, width: 200, height: 50, now: Self.start.addingTimeInterval(9.5))
        #expect(app.pictureCache.podsEventsWorkedOut == 2, "a new round's events must be sorted")
        #expect(app.pictureCache.containersRowsWorkedOut == 1 && app.pictureCache.containersRowsMoved == 1,
                "a new round of the same containers: the last order, each read anew")
        app.ui.containerSort = .cpu
        _ = app.render(next, version: 4, width: 200, height: 50, now: Self.start.addingTimeInterval(9.6))
        #expect(app.pictureCache.containersRowsWorkedOut == 2, "another order of the containers must order them again")
        #expect(app.pictureCache.podsEventsWorkedOut == 2)
    }

    /// Rows the picture does not rank apart (a picture without these containers) are ordered by
    /// the severity sort, which asks the time: not kept, ordered again at each frame.
    @Test func rowsOrderedByTheTimeAreNotKept() {
        let snapshot = Self.snapshot(containers: 5)
        let cache = PictureCache()
        let other = OutageEntities(kubernetes: snapshot.kubernetes, now: Self.start)
        let first = cache.containersPaneRows(snapshot.docker, picture: other, ui: UIState(), now: Self.start)
        _ = cache.containersPaneRows(snapshot.docker, picture: other, ui: UIState(), now: Self.start.addingTimeInterval(1))
        #expect(first.dependsOnTime)
        #expect(cache.containersRowsWorkedOut == 2)
        // The same rows in a picture that holds them: its order, kept.
        let picture = OutageEntities(snapshot, now: Self.start, sources: Self.sources)
        let ranked = ContainersPaneRows(snapshot.docker, picture: picture, ui: UIState(), now: Self.start)
        #expect(!ranked.dependsOnTime)
        let ranks = ranked.containers.map { picture.rank["container:\($0.host)/\($0.name)"] ?? -1 }
        #expect(ranked.containers.count == 10 && ranks == ranks.sorted() && !ranks.contains(-1))
    }

    /// A frame of 1,000 containers makes only the Containers table's rows that are on screen; it
    /// made every row up front each frame.
    @Test(arguments: [false, true])
    func aFrameOfAThousandContainersMakesOnlyTheRowsOnScreen(zoomed: Bool) throws {
        let snapshot = Self.snapshot(containers: 500)
        var ui = UIState()
        ui.focus = .containers
        ui.zoomed = zoomed
        ui.selection[.containers] = 600
        let model = DashboardViewModel.build(snapshot, ui: ui, sources: Self.sources, width: 200, height: 50, now: Self.start)
        let (grid, upFront, made, total) = try VisibleRowsTests.framedCounting(.containers, model, ui: ui)
        #expect(total == 1_000)
        let built = upFront + made
        #expect(built > 0 && built <= 50, "a 200x50 frame built \(built) of \(total) container rows (\(upFront) up front)")
        #expect(grid.lines.contains { $0.contains("app-") })
    }

    /// The wall (`triage wall`) tallies the severity rules once per picture across ten clock frames
    /// (it evaluated them over every entity each frame) and shows, at every second, what a wall
    /// with nothing kept shows.
    @Test func theWallTalliesTheSuggestionOncePerPicture() throws {
        let directory = NSTemporaryDirectory() + "triage-big-clock-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try IncidentStore(stateDirectory: try StateDirectory.resolve(explicit: directory, environment: [:]))
        _ = try store.createIncident(title: "checkout errors", severity: "P3", at: Self.start.addingTimeInterval(-600), actor: "test")
        let session = IncidentSession(store: store, problem: nil, readOnly: true, actor: "test", defaultRunbookPath: nil)
        defer { session.stop() }
        var sources = FrameCostTests.sources
        sources.severityRules = [SeverityRule(severity: "P1", crit: .count(5)), SeverityRule(severity: "P2", warn: .count(1))]
        let snapshot = FrameCostTests.snapshot()
        var wall = TerminalApp(session: session, keymap: .standard, sources: sources, readOnly: true)
        for second in 0...9 {
            let now = Self.start.addingTimeInterval(Double(second))
            let grid = wall.render(snapshot, version: 7, width: 200, height: 50, now: now)
            var fresh = TerminalApp(session: session, keymap: .standard, sources: sources, readOnly: true)
            #expect(grid == fresh.render(snapshot, width: 200, height: 50, now: now), "at +\(second) s")
            #expect(grid.text.contains("⚑ "), "the wall shows the suggestion at +\(second) s")
        }
        #expect(wall.pictureCache.built == 1)
        #expect(wall.pictureCache.severityTalliesCounted == 1, "ten wall frames tallied the rules \(wall.pictureCache.severityTalliesCounted) times")
    }

    /// Every text of up to three `pieces` (the last one added to a text of fewer than `scalarsBelow` scalars).
    static func texts(of pieces: [String], scalarsBelow: Int) -> Set<String> {
        var texts = [""]
        for _ in 0..<3 { texts += texts.filter { $0.unicodeScalars.count < scalarsBelow }.flatMap { text in pieces.map { text + $0 } } }
        return Set(texts)
    }

    /// Expects `text` (and its substring) to measure what the walk by character measures; returns that.
    @discardableResult
    static func expectWalkedWidth(_ text: String) -> Int {
        var walked = 0
        for character in text { walked += DisplayWidth.of(character) }
        #expect(DisplayWidth.of(text) == walked, "\(text.debugDescription)")
        #expect(DisplayWidth.of(Substring(text)) == walked, "\(text.debugDescription)")
        return walked
    }

    /// The width of printable ASCII is its byte count (the renderer's fast path); any other text
    /// is measured by character as before, CR LF as one column. Every text of up to three pieces.
    @Test func theASCIIWidthIsTheCharacterWalks() {
        let pieces: [String] = ["a", "Z", " ", "~", "\r\n", "\r", "\n", "\t", "\u{7F}", "\u{1B}", "é", "e\u{301}", "─", "界", "👍🏽", "⚠️", "\u{200D}"]
        for text in Self.texts(of: pieces, scalarsBelow: 8) { Self.expectWalkedWidth(text) }
        #expect(DisplayWidth.of("refreshed 0s ago  21:50:24 UTC") == 30)
        #expect(DisplayWidth.of("a\r\nb") == 3)
    }
}

extension BigClockTests {
    /// A log row of printable ASCII (the Logs pane's fast path) is cut where the character walk
    /// cuts the same line with one non-ASCII character in front of it: whole when it fits, else
    /// its first columns and `…`.
    @Test func anASCIILogRowIsCutWhereTheWalkCutsIt() {
        let t0 = LogTimestamp(seconds: 1_800_000_000)
        for length in [1, 2, 30, 60, 61, 62, 63, 64, 200] {
            var model = LogPaneModel()
            model.updateSources([LogSourceStatus(source: LogSource(id: LogSourceID(0), kind: .file(path: "/a.log"), shortName: "a"))])
            let tail = String(repeating: "x", count: length - 1)
            model.ingest([LogLine(source: LogSourceID(0), sequence: 0, arrival: t0, text: "e" + tail),
                          LogLine(source: LogSourceID(0), sequence: 1, arrival: t0 + .milliseconds(1), text: "é" + tail)])
            let frame = model.visibleRows(height: 2, width: 80)
            #expect(frame.rows.count == 2)
            guard frame.rows.count == 2 else { continue }
            let (fast, walked) = (frame.rows[0].text, frame.rows[1].text)
            #expect(fast.dropFirst() == walked.dropFirst(), "length \(length): \(fast) against \(walked)")
            #expect(DisplayWidth.of(fast) == min(length, frame.textWidth))
            #expect(fast.hasSuffix("…") == (length > frame.textWidth))
        }
    }
}

extension BigClockTests {
    /// Two contexts, one crash-looping pod and one pending in `prod`; `batch` refused since 30 s
    /// before `start`, its rows stale.
    static func contextsWithCounts() -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: start.addingTimeInterval(-600))
        let created = start.addingTimeInterval(-86_400)
        let crashing = PodInfo(context: "prod", namespace: "shop", name: "cart-0", creationTimestamp: created, facts: KubePodFacts(
            phase: "Running", containerNames: ["app"],
            containerStatuses: [KubeContainerStatus(name: "app", restartCount: 5, state: .waiting(reason: "CrashLoopBackOff", message: ""))]))
        let pending = PodInfo(context: "prod", namespace: "shop", name: "cart-1", creationTimestamp: created,
                              facts: KubePodFacts(phase: "Pending", containerNames: ["app"]))
        let ok = FrameCostTests.pod("web-0", context: "prod", created: created, restartedAt: nil)
        _ = snapshot.record(kubernetes: KubeSnapshot(
            context: "prod", pods: [crashing, pending, ok], nodes: [], events: [], podsUpdatedAt: start, lastGoodAt: start, roundAt: start,
            failure: nil, watching: true), slot: 0, now: start)
        let lastGood = start.addingTimeInterval(-30)
        _ = snapshot.record(kubernetes: KubeSnapshot(
            context: "batch", pods: [FrameCostTests.pod("job-0", context: "batch", created: created, restartedAt: nil)], nodes: [], events: [],
            podsUpdatedAt: lastGood, lastGoodAt: lastGood, roundAt: start, failure: "connection refused", watching: false), slot: 1, now: start)
        return snapshot
    }

    /// Ten clock frames count each context's pods for its header once (they counted every pod of
    /// every context each frame) and draw, at every second, the headers a frame with nothing kept
    /// draws, the stale context's age moving with the clock; a new snapshot version counts again.
    @Test func theContextHeadersCountTheirPodsOncePerPicture() {
        var ui = UIState()
        ui.focus = .pods
        var app = Self.tenClockFrames(of: Self.contextsWithCounts(), ui: ui) { second, text in
            #expect(text.contains("▾ prod  3 pods · 1 failing · 1 pending"), "at +\(second) s")
            #expect(text.contains("▾ batch  1 pod · stale, data from \(30 + second)s ago"), "at +\(second) s")
        }
        #expect(app.pictureCache.built == 1)
        #expect(app.pictureCache.podsHeadersCounted == 1, "ten clock frames counted the contexts' pods \(app.pictureCache.podsHeadersCounted) times")
        _ = app.render(Self.contextsWithCounts(), version: 4, width: 200, height: 50, now: Self.start.addingTimeInterval(9.5))
        #expect(app.pictureCache.podsHeadersCounted == 2, "a new snapshot version must count its pods")
    }
}

extension BigClockTests {
    /// Every scalar the by-scalar paths take (``DisplayWidth/standsAlone(_:)``) is a whole
    /// character beside itself, ASCII and a sparkline block, so no grapheme rule joins it to a
    /// neighbour (a rule that could joins a scalar to one of its own kind or to any base); none is
    /// one the grid makes safe. Marks, joiners and selectors are not among them.
    @Test func everyScalarThatStandsAloneIsAWholeCharacter() {
        var taken = 0
        for value in UInt32(0)..<0x3000 {
            guard let scalar = Unicode.Scalar(value), DisplayWidth.standsAlone(scalar) else { continue }
            taken += 1
            let s = String(scalar)
            #expect((s + s).count == 2 && ("a" + s).count == 2 && (s + "a").count == 2 && (s + "▁").count == 2 && ("▁" + s).count == 2,
                    "U+\(String(value, radix: 16))")
            #expect(!CellGrid.isUnsafe(scalar), "U+\(String(value, radix: 16))")
        }
        #expect(taken > 1_500)
        for value: UInt32 in [0x0A, 0x0D, 0x7F, 0x85, 0xAD, 0x0301, 0x200B, 0x200D, 0x200E, 0x2028, 0x202E, 0x2066, 0x20E3, 0xFE0F, 0x1F1E6, 0x1F3FB] {
            #expect(!DisplayWidth.standsAlone(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
    }

    /// Text of scalars that stand alone is measured, cut from its start (a chart that keeps its
    /// end) and drawn by scalar as the walk by character measures, cuts and draws it; text with
    /// any other scalar takes the walk. Every text of up to three pieces, at every cut and edge.
    @Test func textThatStandsAloneIsMeasuredCutAndDrawnAsTheWalkDoes() {
        let pieces: [String] = ["a", " ", "▁", "█", "● ", "▸", "…", "·", "é", "⚠", "⚠️", "e\u{301}", "▁\u{301}", "界", "👍🏽", "\u{200D}", "❤", "\t", "\r\n", "\u{AD}"]
        for text in Self.texts(of: pieces, scalarsBelow: 6) {
            let walked = Self.expectWalkedWidth(text)
            for columns in 0...(walked + 1) {
                var rest = Substring(text), dropped = 0
                while dropped < columns, let first = rest.first {
                    dropped += DisplayWidth.of(first)
                    rest = rest.dropFirst()
                }
                let cut = DisplayWidth.dropLeading(columns: columns, of: text)
                #expect(cut.rest == rest && cut.dropped == dropped, "\(text.debugDescription) less \(columns) columns")
            }
            // A zero-width space at its end (drawn as nothing) sends the same text down the walk.
            for (x, limit) in [(0, 8), (0, 3), (2, 4), (-1, 8), (-2, 3)] {
                var fast = CellGrid(width: 8, height: 1), walk = CellGrid(width: 8, height: 1)
                let columns = fast.put(text, x: x, y: 0, limit: limit)
                #expect(columns == walk.put(text + "\u{200B}", x: x, y: 0, limit: limit), "\(text.debugDescription) at \(x)")
                #expect(fast == walk, "\(text.debugDescription) at \(x) to \(limit)")
            }
        }
    }
}
