import Testing
import TriageCore
@testable import TriageUI

/// The wall display at the sizes a tmux pane on a wall screen has, from a fixed model.
@Suite struct WallSnapshotTests {
    init() { #expect(localeReady) }

    static let model = WallModel(
        title: "Checkout API returning 503s", incidentID: "INC-20261123-1942", severity: "P1", severityState: .crit,
        status: "Investigating", statusState: .crit, elapsed: "1:02:03", nextDue: "ack missed by 0:45",
        nextDueState: .crit,
        outages: labOutages, okCount: 23, allClear: false,
        sections: [
            .init(title: "Detection (First 5 minutes)", done: 4, total: 4, overdue: false),
            .init(title: "Investigation (5-30 minutes)", done: 2, total: 5, overdue: true),
            .init(title: "Resolution (30-120 minutes)", done: 1, total: 4, overdue: false),
            .init(title: "Recovery", done: 0, total: 4, overdue: false),
            .init(title: "Post-Outage (Within 5 days)", done: 0, total: 4, overdue: false),
        ],
        events: [
            .init(time: "20:44:05", actor: "alice@bastion", text: "tick: Check recent deploys", automatic: false),
            .init(time: "20:43:51", actor: "triage", text: "checkout-api went down (HTTP 503)", automatic: true),
            .init(time: "20:40:12", actor: "bob@bastion from 10.0.0.5", text: "note: rolling back 4.12.1", automatic: false),
            .init(time: "20:31:00", actor: "triage", text: "response target missed (P1: 5 minutes)", automatic: true),
            .init(time: "19:42:05", actor: "alice@bastion", text: "Declared \"Checkout API returning 503s\" (P1, Investigating)", automatic: false),
            .init(time: "19:40:00", actor: "ignored", text: "a sixth event is never shown", automatic: false),
        ],
        readOnly: true, lastChange: "12s")

    /// What the lab looks like broken, as the builder words and orders it: crit from three sources
    /// (a container, a check, a pod), then warnings, then a context that did not answer.
    static let labOutages: [WallModel.Outage] = [
        .init(state: .crit, kind: "container", name: "backend", reason: "exited 137", since: "12s", recent: true),
        .init(state: .crit, kind: "service", name: "checkout-api", reason: "HTTP 503, expected 2xx", since: "3m", recent: true),
        .init(state: .crit, kind: "pod", name: "shop/api-7d9f-xk2", reason: "CrashLoopBackOff: back-off 5m0s restarting failed container", since: "41m"),
        .init(state: .crit, kind: "container", name: "worker", reason: "OOM-killed", since: "2h"),
        .init(state: .warn, kind: "events", name: "context lab", reason: "5 warnings, newest pod/api-7d9f-xk2 BackOff: Back-off restarting failed container", since: "20s", recent: true),
        .init(state: .warn, kind: "pod", name: "shop/web-5c4-abc", reason: "Running 1/2 ready", since: "40s", recent: true),
        .init(state: .warn, kind: "node", name: "node-b", reason: "MemoryPressure, DiskPressure"),
        .init(state: .warn, kind: "host", name: "vm", reason: "load 13.0 on 2 CPUs"),
        .init(state: .unknown, kind: "source", name: "context lab-down", reason: "context lab-down: connection refused", since: "5m"),
    ]

    @Test func wide200x50() throws { try assertSnapshot(WallRenderer.render(Self.model, width: 200, height: 50), named: "wall-200x50") }
    @Test func medium120x40() throws { try assertSnapshot(WallRenderer.render(Self.model, width: 120, height: 40), named: "wall-120x40") }
    @Test func small80x24() throws { try assertSnapshot(WallRenderer.render(Self.model, width: 80, height: 24), named: "wall-80x24") }
}

/// How the wall behaves at the edges: too small, too much to show, no colour, no incident.
@Suite struct WallLayoutTests {
    init() { #expect(localeReady) }

    @Test func tooSmallSaysWhatItNeedsLikeTheDashboard() {
        for (w, h) in [(79, 24), (80, 23), (40, 10)] {
            let text = WallRenderer.render(WallSnapshotTests.model, width: w, height: h).text
            #expect(text.contains("terminal too small:"))
            #expect(text.contains("need 80x24, have \(w)x\(h)"))
        }
    }

    @Test func everyStateCarriesASymbolOrWordForMonochrome() {
        let text = WallRenderer.render(WallSnapshotTests.model, width: 120, height: 40).text
        for word in ["✖ CRIT", "▲ WARN", "? UNKNOWN", "✖ 4 crit  ▲ 4 warn  ? 1 unknown  ● 23 ok", "✖ OVERDUE", "● done", "READ-ONLY",
                     "updated 12s ago", "✖ ack missed by 0:45", "7/21 · 1 overdue"] {
            #expect(text.contains(word), "\(word)")
        }
    }

    @Test func onlyTheLastFiveEventsShow() {
        let text = WallRenderer.render(WallSnapshotTests.model, width: 200, height: 50).text
        #expect(text.contains("Declared \"Checkout API returning 503s\""))
        #expect(!text.contains("a sixth event is never shown"))
    }

    @Test func severityAndStatusUseBlockLettersWhereTheyFit() {
        let wide = WallRenderer.render(WallSnapshotTests.model, width: 200, height: 50)
        // The 5-row letters for "P1": P's first row is three pixels, two columns each.
        #expect(wide.lines.contains { $0.hasPrefix("  ██████  ") || $0.contains("██████    ██") })
        #expect(!wide.text.contains("INVESTIGATING"))
        let small = WallRenderer.render(WallSnapshotTests.model, width: 80, height: 24)
        #expect(small.lines[3].hasPrefix("  █▀▄ ▄█"))
        #expect(!small.text.contains("INVESTIGATING"))
        // Too long for letters at 80 columns: falls back to plain text, upper-cased, never cut silently.
        var long = WallSnapshotTests.model
        long.status = "Mitigating the database failover"
        long.elapsed = "12:03:45"
        let fallback = WallRenderer.render(long, width: 80, height: 24).text
        #expect(fallback.contains("MITIGATING THE DATABASE FAILOVER"))
    }

    @Test func manyOutagesEndWithHowManyMoreOfEachState() {
        var model = WallSnapshotTests.model
        model.outages = (1...40).map { .init(state: $0 <= 5 ? .crit : .warn, kind: "pod", name: "shop/pod-\($0)", reason: "CrashLoopBackOff") }
        let grid = WallRenderer.render(model, width: 80, height: 24)
        #expect(grid.text.contains("shop/pod-1 "))
        #expect(grid.text.contains("+34 more (34 warn)"), "\(grid.text)")
        #expect(grid.text.contains("✖ 5 crit  ▲ 35 warn"))
        // The timeline still has its five rows.
        #expect(grid.text.contains("19:42:05"))
    }

    @Test func manySectionsHideFinishedOnesFirstThenSayHowManyMore() {
        var model = WallSnapshotTests.model
        model.sections = (1...20).map { .init(title: "Section \($0)", done: $0 <= 10 ? 2 : 0, total: 2, overdue: $0 == 15) }
        let text = WallRenderer.render(model, width: 80, height: 24).text
        #expect(!text.contains("Section 1 "))
        #expect(text.contains("Section 11"))
        #expect(text.contains("more sections"))
        #expect(text.contains("20/40 · 1 overdue"))
    }

    @Test func noticeTakesTheBottomRow() {
        var model = WallSnapshotTests.model
        model.notice = "read-only"
        let grid = WallRenderer.render(model, width: 80, height: 24)
        #expect(grid.lines[23].hasPrefix(" ! read-only"))
        #expect(grid[1, 23].style.role == .warn)
        #expect(grid.text.contains("19:42:05"))
    }

    @Test func noIncidentIsStillAnOutageBoard() throws {
        let model = WallModel(
            title: "No open incident", incidentID: nil, severity: "--", severityState: .ok, status: "--",
            statusState: .ok, elapsed: "--", outages: WallSnapshotTests.labOutages, okCount: 23, readOnly: true, lastChange: "3s")
        let grid = WallRenderer.render(model, width: 80, height: 24)
        #expect(grid.text.contains("No open incident"))
        #expect(grid.text.contains("exited 137"))
        #expect(!grid.text.contains("Checklist"))
        #expect(grid.text.contains("nothing recorded yet"))
        try assertSnapshot(grid, named: "wall-no-incident-80x24")
    }

    @Test func hostileTextCannotEscapeTheGrid() {
        var model = WallSnapshotTests.model
        model.title = "evil \u{1B}]0;pwned\u{07} title"
        model.events[0].text = "\u{1B}[2J cleared?"
        let text = WallRenderer.render(model, width: 120, height: 40).text
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{07}"))
    }
}

/// The block-letter font.
@Suite struct BigTextTests {
    @Test func everyGlyphHasFiveRowsOfOneWidth() {
        for (character, glyph) in BigText.font {
            #expect(glyph.rows.count == 5, "\(character)")
            #expect(Set(glyph.rows.map(\.count)).count == 1, "\(character)")
        }
        for character in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-./+!? " {
            #expect(BigText.font[character] != nil, "\(character)")
        }
    }

    @Test func rowsAreAsWideAsMeasured() {
        for scale in BigText.Scale.allCases {
            for text in ["P1", "Investigating", "1:02:03", "sev-2", "ÄÖ"] {
                let rows = BigText.rows(text, scale: scale)
                #expect(rows.count == scale.height)
                for row in rows { #expect(row.count == BigText.width(of: text, scale: scale), "\(text) \(scale)") }
            }
        }
    }

    @Test func smallLettersPackTwoPixelRowsPerCell() {
        #expect(BigText.rows("1", scale: .small) == ["▄█ ", " █ ", "▀▀▀"])
        #expect(BigText.rows("-", scale: .small) == ["   ", "▀▀▀", "   "])
        #expect(BigText.rows("1", scale: .large)[4] == "██████")
        // Unknown characters draw as "?".
        #expect(BigText.rows("€", scale: .small) == BigText.rows("?", scale: .small))
    }

    /// The rows as the font's characters map to pixels and the pixels to block characters, one
    /// `Character` at a time: what `rows` gave before it spelled bytes (docs/PERFORMANCE.md (n)).
    static func rowsByCharacters(_ text: String, scale: BigText.Scale) -> [String] {
        let glyphs = text.uppercased().map(BigText.glyph(for:))
        var pixelRows = Array(repeating: [Bool](), count: 5)
        // One pixel between letters at both scales (the gap over the pixel width).
        let gap = 1
        for (index, glyph) in glyphs.enumerated() {
            for row in 0..<5 {
                if index > 0 { pixelRows[row] += Array(repeating: false, count: gap) }
                pixelRows[row] += glyph.rows[row].map { $0 == "#" }
            }
        }
        if scale == .large { return pixelRows.map { String($0.flatMap { $0 ? ["█", "█"] : [" ", " "] }) } }
        let blank = [Bool](repeating: false, count: pixelRows[0].count)
        return stride(from: 0, to: 6, by: 2).map { top in
            String(zip(pixelRows[top], top + 1 < 5 ? pixelRows[top + 1] : blank).map { pair -> Character in
                pair.0 ? (pair.1 ? "█" : "▀") : (pair.1 ? "▄" : " ")
            })
        }
    }

    @Test func rowsSpelledAsBytesAreTheRowsSpelledByCharacter() {
        let texts = ["", " ", "P1", "SEV-2", "Investigating", "1:02:03", "12:59", "ack due", "ALL CLEAR", "ÄÖ€", "mitigated!", "a/b+c.d?"]
            + [String(BigText.font.keys.sorted())]
        for scale in BigText.Scale.allCases {
            for text in texts {
                #expect(BigText.spell(text, scale: scale) == Self.rowsByCharacters(text, scale: scale), "\(text) \(scale)")
                // And again, as kept.
                #expect(BigText.rows(text, scale: scale) == Self.rowsByCharacters(text, scale: scale), "\(text) \(scale)")
                #expect(BigText.rows(text, scale: scale) == Self.rowsByCharacters(text, scale: scale), "\(text) \(scale)")
            }
        }
    }

    /// A checklist bar filled as a run is the bar `put` spells, clipped at the grid's edge too.
    @Test func aBarFilledAsARunIsTheBarSpelled() {
        for (x, count) in [(0, 0), (2, 5), (3, 30), (10, 40)] {
            for scalar: Unicode.Scalar in ["█", "░"] {
                var filled = CellGrid(width: 40, height: 2), spelled = CellGrid(width: 40, height: 2)
                WallRenderer.run(scalar, count: count, x: x, y: 1, style: CellStyle(.accent), into: &filled)
                spelled.put(String(repeating: String(scalar), count: count), x: x, y: 1, style: CellStyle(.accent))
                #expect(filled == spelled, "\(scalar) × \(count) at \(x)")
            }
        }
    }
}
