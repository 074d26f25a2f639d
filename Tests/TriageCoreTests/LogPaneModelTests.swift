import Testing
@testable import TriageCore

@Suite struct LogPaneModelTests {
    init() { DisplayWidth.prepareLocale() }

    static let t0 = LogTimestamp(seconds: 1_800_000_000)

    static func line(_ source: Int, _ seq: UInt64, _ text: String, arrivalMs: Int64 = 0, stampMs: Int64? = nil) -> LogLine {
        LogLine(source: LogSourceID(source), sequence: seq, arrival: t0 + .milliseconds(arrivalMs),
                timestamp: stampMs.map { t0 + .milliseconds($0) }, text: text)
    }

    static func model(lines: Int, capacity: Int = 10_000) -> LogPaneModel {
        var model = LogPaneModel(capacityPerSource: capacity)
        model.updateSources([LogSourceStatus(source: LogSource(id: LogSourceID(0), kind: .file(path: "/a.log"), shortName: "a"))])
        model.ingest((0..<lines).map { line(0, UInt64($0), "line \($0)", arrivalMs: Int64($0)) })
        return model
    }

    static func texts(_ frame: LogPaneModel.Frame) -> [String] { frame.rows.map(\.text) }

    @Test func mergedViewBoundsEachSourceSeparately() {
        var view = MergedLogView(capacityPerSource: 5)
        view.append(Self.line(1, 0, "quiet"))
        for i in 0..<5000 {
            view.append(Self.line(0, UInt64(i), "noisy \(i)", arrivalMs: Int64(i)))
            _ = view.compactIfNeeded()
        }
        #expect(view.liveCount == 6)
        #expect(view.evicted(LogSourceID(0)) == 4995)
        #expect(view.count(of: LogSourceID(1)) == 1)
        let live = (view.startPosition..<view.endPosition).compactMap { view.line(at: $0)?.text }
        #expect(live == ["quiet", "noisy 4995", "noisy 4996", "noisy 4997", "noisy 4998", "noisy 4999"])
        // Compaction keeps the held slots bounded.
        #expect(view.endPosition - view.startPosition < 6 + 1100)
    }

    @Test func mergeOrdersByArrivalAndByTimestampWithinWindow() {
        var view = MergedLogView(capacityPerSource: 100, reorderWindow: .milliseconds(250))
        view.append(Self.line(0, 0, "a0", arrivalMs: 0, stampMs: 100))
        view.append(Self.line(0, 1, "a1", arrivalMs: 10, stampMs: 300))
        // Arrives later but was stamped earlier than a1: goes before it.
        view.append(Self.line(1, 0, "b0", arrivalMs: 20, stampMs: 200))
        // Stamped earliest, but a line never moves past its own source's lines: it passes a1 only.
        view.append(Self.line(1, 1, "b1", arrivalMs: 30, stampMs: 50))
        // Far outside the window: stays in arrival order even though its stamp is old.
        view.append(Self.line(0, 2, "a2", arrivalMs: 5000, stampMs: 5000))
        view.append(Self.line(1, 2, "b2", arrivalMs: 6000, stampMs: 10))
        // Untimestamped lines keep arrival order.
        view.append(Self.line(2, 0, "c0", arrivalMs: 6001))
        // The same source never reorders against itself.
        view.append(Self.line(2, 1, "c1", arrivalMs: 6002, stampMs: 0))
        let order = (view.startPosition..<view.endPosition).compactMap { view.line(at: $0)?.text }
        #expect(order == ["a0", "b0", "b1", "a1", "a2", "b2", "c0", "c1"])
    }

    @Test func followsThenPausesCountingNewLinesThenResumes() {
        var model = Self.model(lines: 100)
        #expect(model.isFollowing)
        #expect(Self.texts(model.visibleRows(height: 3, width: 80)) == ["line 97", "line 98", "line 99"])
        model.scrollUp(10)
        #expect(!model.isFollowing)
        #expect(Self.texts(model.visibleRows(height: 3, width: 80)) == ["line 87", "line 88", "line 89"])
        model.ingest((100..<105).map { Self.line(0, UInt64($0), "line \($0)", arrivalMs: Int64($0)) })
        // The paused view does not move; new lines are counted.
        #expect(Self.texts(model.visibleRows(height: 3, width: 80)) == ["line 87", "line 88", "line 89"])
        #expect(model.newLinesWhilePaused == 5)
        #expect(model.linesBelow == 15)
        #expect(model.statusText == "paused, 5 new lines")
        model.scrollDown(5)
        #expect(model.newLinesWhilePaused == 5)
        #expect(model.linesBelow == 10)
        model.ingest([Self.line(0, 105, "line 105")])
        #expect(model.statusText == "paused, 6 new lines")
        model.resume()
        #expect(model.statusText == "following")
        #expect(Self.texts(model.visibleRows(height: 2, width: 80)) == ["line 104", "line 105"])
    }

    @Test func pausedViewSurvivesEvictionAndCompaction() {
        var model = LogPaneModel(capacityPerSource: 50)
        model.ingest([Self.line(1, 0, "quiet")])
        model.ingest((0..<40).map { Self.line(0, UInt64($0), "n\($0)") })
        model.scrollUp(5)
        let before = Self.texts(model.visibleRows(height: 2, width: 80))
        #expect(before == ["n33", "n34"])
        // Enough noise to evict the paused lines and force compactions.
        for chunk in 0..<50 {
            model.ingest((0..<100).map { Self.line(0, UInt64(40 + chunk * 100 + $0), "m\(chunk * 100 + $0)") })
        }
        #expect(model.view.endPosition - model.view.startPosition < 51 + 1100)
        let rows = Self.texts(model.visibleRows(height: 2, width: 80))
        #expect(rows == ["quiet", "m4950"])
        #expect(!model.isFollowing)
        model.resume()
        #expect(Self.texts(model.visibleRows(height: 1, width: 80)) == ["m4999"])
        #expect(model.shownCount <= 51 + 1100)
    }

    @Test func filterAndExcludeAndSourceVisibility() throws {
        var model = LogPaneModel()
        model.ingest([
            Self.line(0, 0, "GET /health 200"), Self.line(1, 0, "ERROR db"), Self.line(0, 1, "GET /api 500"),
            Self.line(1, 1, "GET /health 200"), Self.line(0, 2, "done"),
        ])
        try model.setFilter("get")
        #expect(Self.texts(model.visibleRows(height: 10, width: 80)) == ["GET /health 200", "GET /api 500", "GET /health 200"])
        try model.setExclude("re:/health\\b")
        #expect(Self.texts(model.visibleRows(height: 10, width: 80)) == ["GET /api 500"])
        // New lines go through the same filters as they arrive.
        model.ingest([Self.line(1, 2, "GET /users 200"), Self.line(1, 3, "GET /health 200")])
        #expect(Self.texts(model.visibleRows(height: 10, width: 80)) == ["GET /api 500", "GET /users 200"])
        model.setSource(LogSourceID(1), visible: false)
        #expect(Self.texts(model.visibleRows(height: 10, width: 80)) == ["GET /api 500"])
        try model.setFilter(nil)
        try model.setExclude(nil)
        #expect(Self.texts(model.visibleRows(height: 10, width: 80)) == ["GET /health 200", "GET /api 500", "done"])
        model.toggleSource(LogSourceID(1))
        #expect(model.shownCount == 7)
        model.clear()
        #expect(model.visibleRows(height: 10, width: 80).rows.isEmpty)
        model.ingest([Self.line(0, 3, "after clear")])
        #expect(Self.texts(model.visibleRows(height: 10, width: 80)) == ["after clear"])
        #expect(throws: LogQuery.ParseError.self) { try model.setFilter("re:[") }
    }

    @Test func searchHighlightsAndJumpsBetweenMatchesKeepingContext() throws {
        var model = Self.model(lines: 0)
        model.viewportHeight = 5
        model.ingest((0..<100).map { Self.line(0, UInt64($0), $0 % 10 == 0 ? "hit \($0) HIT" : "line \($0)") })
        try model.setSearch("hit")
        #expect(model.matchCount == 10)
        #expect(model.isFollowing)
        // From following, n and N go to the newest match first.
        do { let moved = model.previousMatch(); #expect(moved) }
        #expect(model.currentMatchIndex == 10)
        let frame = model.visibleRows(height: 5, width: 80)
        // Surrounding lines are kept: the match sits mid-screen.
        #expect(Self.texts(frame) == ["line 88", "line 89", "hit 90 HIT", "line 91", "line 92"])
        let hitRow = frame.rows[2]
        #expect(hitRow.isCurrentMatch)
        #expect(hitRow.highlights == [0..<3, 7..<10])
        do { let moved = model.previousMatch(); #expect(moved) }
        #expect(model.currentMatchIndex == 9)
        #expect(Self.texts(model.visibleRows(height: 5, width: 80))[2] == "hit 80 HIT")
        do { let moved = model.nextMatch(); #expect(moved) }
        do { let moved = model.nextMatch(); #expect(moved == false) }
        #expect(model.currentMatchIndex == 10)
        for _ in 0..<9 { do { let moved = model.previousMatch(); #expect(moved) } }
        #expect(model.currentMatchIndex == 1)
        do { let moved = model.previousMatch(); #expect(moved == false) }
        // Matches on new lines are indexed as they arrive.
        model.ingest([Self.line(0, 100, "a late hit")])
        #expect(model.matchCount == 11)
        try model.setSearch(nil)
        #expect(model.matchCount == 0)
    }

    /// Two pods of one deployment must not both read `payments-6b…`: labels size to the widest
    /// source, up to a third of the width (at least 12 columns).
    @Test func sourceLabelsSizeToTheWidestNameUpToAThirdOfTheWidth() {
        var model = LogPaneModel()
        model.updateSources([
            LogSourceStatus(source: LogSource(id: LogSourceID(0), kind: .docker(container: "a", host: nil), shortName: "payments-6b8d-crash")),
            LogSourceStatus(source: LogSource(id: LogSourceID(1), kind: .docker(container: "b", host: nil), shortName: "payments-6b8d-x2x9q")),
        ])
        model.ingest([LogLine(source: LogSourceID(0), sequence: 0, arrival: Self.t0, timestamp: nil, text: "boom"),
                      LogLine(source: LogSourceID(1), sequence: 0, arrival: Self.t0, timestamp: nil, text: "ok")])
        let wide = model.visibleRows(height: 5, width: 80)
        #expect(wide.nameWidth == 19)
        #expect(Set(wide.rows.map(\.sourceName)) == ["payments-6b8d-crash", "payments-6b8d-x2x9q"])
        #expect(model.visibleRows(height: 5, width: 45).nameWidth == 15)
        #expect(model.visibleRows(height: 5, width: 30).nameWidth == 12)
    }

    @Test func rowsCarryNameColourTimestampAndWrap() {
        var model = LogPaneModel()
        model.updateSources([
            LogSourceStatus(source: LogSource(id: LogSourceID(0), kind: .docker(container: "web", host: nil), shortName: "web", colorIndex: 4)),
        ])
        model.ingest([LogLine(source: LogSourceID(0), sequence: 0, arrival: Self.t0,
                              timestamp: LogTimestamp.parse("2026-11-23T10:20:30.456Z"), text: "ERROR 漢字abcdefgh")])
        var frame = model.visibleRows(height: 5, width: 4 + 13 + 10)
        #expect(frame.nameWidth == 3)
        #expect(frame.textColumn == 4 + 13)
        #expect(frame.textWidth == 10)
        #expect(frame.rows.count == 1)
        #expect(frame.rows[0].sourceName == "web")
        #expect(frame.rows[0].sourceColor == 4)
        #expect(frame.rows[0].timestampText == "10:20:30.456")
        #expect(frame.rows[0].severity == .crit)
        #expect(frame.rows[0].text == "ERROR 漢…")
        model.toggleWrap()
        model.toggleTimestamps()
        frame = model.visibleRows(height: 5, width: 4 + 10)
        #expect(frame.timestampWidth == 0)
        #expect(frame.rows.map(\.text) == ["ERROR 漢字", "abcdefgh"])
        #expect(frame.rows[1].isContinuation)
        #expect(frame.rows[1].sourceName == "")
        #expect(frame.rows.allSatisfy { DisplayWidth.of($0.text) <= 10 })
    }

    @Test func reorderedLinesKeepIndexesAndPausedViewConsistent() throws {
        var model = LogPaneModel()
        try model.setFilter("x")
        try model.setSearch("hit")
        model.ingest([Self.line(0, 0, "x a0", arrivalMs: 0, stampMs: 100), Self.line(0, 1, "x a1 hit", arrivalMs: 10, stampMs: 300)])
        model.scrollUp(0)
        #expect(!model.isFollowing)
        // b0 is stamped before a1 and arrives within the window: it goes between a0 and a1.
        model.ingest([Self.line(1, 0, "x b0 hit", arrivalMs: 20, stampMs: 200), Self.line(1, 1, "y hidden", arrivalMs: 21, stampMs: 150)])
        #expect(Self.texts(model.visibleRows(height: 5, width: 80)) == ["x a0", "x b0 hit", "x a1 hit"])
        #expect(model.matchCount == 2)
        // The paused bottom line is still a1; b0 went in above it, so nothing is "new" below.
        #expect(model.linesBelow == 0)
        #expect(model.newLinesWhilePaused == 0)
        // From a paused view, N goes to the nearest match at or above the bottom line, then older.
        do { let moved = model.previousMatch(); #expect(moved) }
        #expect(model.currentMatchIndex == 2)
        do { let moved = model.previousMatch(); #expect(moved) }
        #expect(model.currentMatchIndex == 1)
        let frame = model.visibleRows(height: 3, width: 80)
        #expect(frame.rows.first { $0.isCurrentMatch }?.text == "x b0 hit")
    }
}
