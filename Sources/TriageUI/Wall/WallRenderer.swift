import TriageCore

/// Draws the wall display: an incident made to be read across a room from a tmux pane.
///
/// Top to bottom: a header (id, title, READ-ONLY, age of the last change); with an incident open,
/// severity, status and elapsed time in block letters with what is due next; the outage board
/// (every failing, warning and unknown entity from every source, worst and newest first, with its
/// reason and since); checklist progress bars per runbook section; and the last five timeline
/// events. With no incident the board is the wall, under "ALL CLEAR" in block letters only when
/// the model says every source answered and nothing is wrong. Everything that carries
/// a state also carries a symbol or word, so a monochrome theme loses nothing. Block letters shrink
/// (5 rows, then 3) and finally fall back to plain text as the pane gets smaller; below 80x24 it
/// says what it needs, as the dashboard does. Pure: a model and a size in, a grid out.
public enum WallRenderer {
    /// Columns between the severity, status and elapsed blocks.
    static let bandGap = 4
    /// Rows of the block-letter band need this much height before the 5-row letters are used.
    static let largeLettersMinimumHeight = 40

    public static func render(_ model: WallModel, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width >= DashboardLayout.minimumWidth, height >= DashboardLayout.minimumHeight else {
            DashboardRenderer.renderTooSmall(into: &grid, width: width, height: height)
            return grid
        }
        renderHeader(model, into: &grid)

        let hasIncident = model.incidentID != nil
        let noticeRows = model.notice == nil ? 0 : 1
        let events = Array(model.events.prefix(WallModel.eventCount))
        let eventRows = 1 + max(1, events.count)
        let eventsTop = height - noticeRows - eventRows
        let outageNeed = 1 + max(1, model.outages.count)
        let checklistNeed = hasIncident ? 1 + max(1, model.sections.count) : 0

        var y = 2
        if hasIncident {
            // The title in 3-row letters too, when everything below fits without the rows it takes.
            let band = bandLayout(model, width: width, height: height)
            let titleRows = BigText.Scale.small.height + 1
            if height >= largeLettersMinimumHeight,
                BigText.width(of: model.title, scale: .small) <= width - 4,
                eventsTop - (y + 1 + band.height + 1) - (outageNeed + checklistNeed + 2) >= titleRows
            {
                BigText.draw(model.title, scale: .small, into: &grid, x: 2, y: y, style: CellStyle(.title, [.bold]))
                y += titleRows
            }
            renderBand(model, band, into: &grid, y: y)
            y += 1 + band.height
            renderNextDue(model, into: &grid, y: y)
            y += 1
        } else if model.allClear {
            // The one verdict worth block letters when nothing is open: earned, never assumed.
            y += renderAllClear(into: &grid, y: y, tall: height >= largeLettersMinimumHeight) + 1
        } else if let count = countLine(model.outages),
            BigText.width(of: count.text, scale: .small) <= width - 4,
            eventsTop - y - (BigText.Scale.small.height + 1) >= outageNeed + 2
        {
            // "4 CRIT 4 WARN" across the room, only when the whole board still fits below it.
            BigText.draw(count.text, scale: .small, into: &grid, x: 2, y: y, style: CellStyle(count.state.styleRole, [.bold]))
            y += BigText.Scale.small.height + 1
        }

        // The bottom: events (and the notice line) anchored to the last rows.
        if let notice = model.notice {
            grid.fill(Rect(x: 0, y: height - 1, width: width, height: 1), with: Cell(" ", style: CellStyle(.warn, [.reverse])))
            grid.put(" ! " + notice, in: Rect(x: 0, y: height - 1, width: width, height: 1), style: CellStyle(.warn, [.reverse, .bold]))
        }
        renderEvents(events, into: &grid, area: Rect(x: 0, y: eventsTop, width: width, height: eventRows))

        // The middle: the outage board gets the rows it needs first; the checklist keeps at least a
        // third (its heading and the worst sections) and takes what the board leaves. Spare rows go
        // to blank rows between the blocks, then between checklist sections.
        let room = eventsTop - y
        var checklistRows = checklistNeed
        if hasIncident, outageNeed + checklistNeed > room { checklistRows = min(checklistNeed, max(2, room / 3)) }
        let gap = room - checklistRows - outageNeed >= (hasIncident ? 3 : 2) ? 1 : 0
        let outageRows = max(0, min(outageNeed, room - checklistRows - (hasIncident ? 3 : 2) * gap))
        y += gap
        renderOutages(model, into: &grid, area: Rect(x: 0, y: y, width: width, height: outageRows))
        y += outageRows + gap
        guard hasIncident else { return grid }
        let checklistRoom = max(0, eventsTop - gap - y)
        let spacing = model.sections.count > 1 && checklistRoom - 1 >= 2 * model.sections.count - 1 ? 2 : 1
        renderChecklist(
            model.sections, into: &grid, area: Rect(x: 0, y: y, width: width, height: checklistRoom), spacing: spacing)
        return grid
    }

    /// "4 CRIT 2 WARN" for the block letters over a board with no incident, in the worst state's
    /// colour; nil when nothing is crit or warn.
    static func countLine(_ outages: [WallModel.Outage]) -> (text: String, state: HealthState)? {
        let crit = outages.count { $0.state == .crit }, warn = outages.count { $0.state == .warn }
        var parts: [String] = []
        if crit > 0 { parts.append("\(crit) CRIT") }
        if warn > 0 { parts.append("\(warn) WARN") }
        return parts.isEmpty ? nil : (parts.joined(separator: "  "), crit > 0 ? .crit : .warn)
    }

    /// "ALL CLEAR" in green block letters, 5 rows on a tall pane, else 3; returns the rows used.
    static func renderAllClear(into grid: inout CellGrid, y: Int, tall: Bool) -> Int {
        let text = "ALL CLEAR"
        let style = CellStyle(HealthState.ok.styleRole, [.bold])
        for scale in tall ? [BigText.Scale.large, .small] : [.small] where BigText.width(of: text, scale: scale) <= grid.width - 4 {
            BigText.draw(text, scale: scale, into: &grid, x: 2, y: y, style: style)
            return scale.height
        }
        grid.put("\(HealthState.ok.symbol) ALL CLEAR", x: 2, y: y, style: style, limit: grid.width - 2)
        return 1
    }

    // MARK: Header

    static func renderHeader(_ model: WallModel, into grid: inout CellGrid) {
        let width = grid.width
        grid.fill(Rect(x: 0, y: 0, width: width, height: 1), with: Cell(" ", style: CellStyle(.header)))
        var right: [Span] = []
        if model.readOnly { right.append(Span(" READ-ONLY ", CellStyle(.badge, [.bold, .reverse]))) }
        if let age = model.lastChange { right.append(Span("  updated \(age) ago", CellStyle(.header))) }
        let rightLine = StyledLine(right)
        var left: [Span] = []
        if let id = model.incidentID { left.append(Span(id + "  ", CellStyle(.header))) }
        left.append(Span(model.title, CellStyle(.header, [.bold])))
        let rightStart = width - rightLine.displayWidth - 1
        grid.put(StyledLine(left), x: 1, y: 0, limit: max(1, rightStart - 1))
        grid.put(rightLine, x: max(0, rightStart), y: 0, limit: width)
    }

    // MARK: Severity, status, elapsed

    /// How one block of the band is drawn.
    enum BlockForm: Equatable {
        case letters(BigText.Scale)
        case plain
    }

    struct BandLayout: Equatable {
        var forms: [BlockForm]
        var widths: [Int]
        /// Columns between blocks.
        var gap: Int
        /// Rows under the caption row.
        var height: Int
    }

    /// Each block's caption, a shorter caption for tight bands, its value and style.
    static func bandBlocks(_ model: WallModel) -> [(caption: String, short: String, value: String, style: CellStyle)] {
        [
            ("\(model.severityState.symbol) SEVERITY", "\(model.severityState.symbol) SEV", model.severity,
             CellStyle(model.severityState.styleRole, [.bold])),
            ("\(model.statusState.symbol) STATUS", "\(model.statusState.symbol) STATUS", model.status,
             CellStyle(model.statusState.styleRole, [.bold])),
            ("ELAPSED", "TIME", model.elapsed, CellStyle(.normal, [.bold])),
        ]
    }

    /// The largest letters that fit: all 5-row (tall panes), all 3-row, 3-row with a plain status,
    /// then all plain.
    static func bandLayout(_ model: WallModel, width: Int, height: Int) -> BandLayout {
        let blocks = bandBlocks(model)
        var candidates: [[BlockForm]] = []
        if height >= largeLettersMinimumHeight {
            candidates.append([.letters(.large), .letters(.large), .letters(.large)])
            candidates.append([.letters(.large), .letters(.small), .letters(.large)])
        }
        candidates.append([.letters(.small), .letters(.small), .letters(.small)])
        candidates.append([.letters(.small), .letters(.small), .plain])
        candidates.append([.letters(.small), .plain, .letters(.small)])
        candidates.append([.letters(.small), .plain, .plain])
        let available = width - 4
        for forms in candidates {
            let widths = zip(blocks, forms).map { block, form in
                max(DisplayWidth.of(block.short), valueWidth(block.value, form))
            }
            for gap in [bandGap, 2] where widths.reduce(0, +) + gap * (widths.count - 1) <= available {
                let rows = forms.map { form -> Int in
                    if case .letters(let scale) = form { return scale.height }
                    return 1
                }
                return BandLayout(forms: forms, widths: widths, gap: gap, height: rows.max() ?? 1)
            }
        }
        let widths = blocks.map { max(DisplayWidth.of($0.short), DisplayWidth.of(plainValue($0.value))) }
        return BandLayout(forms: [.plain, .plain, .plain], widths: widths, gap: 2, height: 1)
    }

    /// A value drawn without block letters: upper-case between spaces, in reverse video.
    static func plainValue(_ value: String) -> String { " \(value.uppercased()) " }

    static func valueWidth(_ value: String, _ form: BlockForm) -> Int {
        switch form {
        case .letters(let scale): BigText.width(of: value, scale: scale)
        case .plain: DisplayWidth.of(plainValue(value))
        }
    }

    /// Severity and status from the left, elapsed time against the right edge.
    static func renderBand(_ model: WallModel, _ band: BandLayout, into grid: inout CellGrid, y: Int) {
        let blocks = bandBlocks(model)
        let width = grid.width
        var xs: [Int] = []
        var x = 2
        for index in 0..<(blocks.count - 1) {
            xs.append(x)
            x += band.widths[index] + band.gap
        }
        xs.append(max(x, width - 2 - band.widths[blocks.count - 1]))
        for (index, block) in blocks.enumerated() {
            let left = xs[index]
            let limit = index + 1 < blocks.count ? min(width - 2, xs[index + 1] - 1) : width - 2
            let caption = DisplayWidth.of(block.caption) < limit - left ? block.caption : block.short
            grid.put(caption, x: left, y: y, style: CellStyle(.muted, [.bold]), limit: limit)
            switch band.forms[index] {
            case .letters(let scale):
                let top = y + 1 + (band.height - scale.height) / 2
                BigText.draw(block.value, scale: scale, into: &grid, x: left, y: top, style: block.style, limit: limit)
            case .plain:
                let field = Rect(x: left, y: y + 1 + (band.height - 1) / 2, width: max(0, limit - left), height: 1)
                var style = block.style
                style.emphasis.insert(.reverse)
                grid.put(DisplayWidth.truncate(plainValue(block.value), to: field.width), x: field.x, y: field.y, style: style, limit: field.maxX)
            }
        }
    }

    /// "NEXT  ▲ ack due in 2:10", then the severity the outage suggests, when it differs from the
    /// declared one ("⚑ P1 suggested: 3 of 5 services CRIT for 4m"), on the same row.
    static func renderNextDue(_ model: WallModel, into grid: inout CellGrid, y: Int) {
        var spans: [Span] = []
        if let due = model.nextDue {
            let state = model.nextDueState
            spans += [Span("NEXT  ", CellStyle(.muted, [.bold])), Span("\(state.symbol) \(due)", CellStyle(state.styleRole, [.bold]))]
        }
        if let suggestion = model.suggestion {
            spans.append(Span((spans.isEmpty ? "" : "    ") + "⚑ " + suggestion, CellStyle(.warn, [.bold])))
        }
        guard !spans.isEmpty else { return }
        grid.put(StyledLine(spans), x: 2, y: y, limit: grid.width - 2)
    }

    // MARK: Outage board

    /// "── Outages ─ ✖ 3 crit ▲ 7 warn · 12 ok ──" then one row per failing entity, in the model's
    /// order (worst, then newest first): state, kind, name, reason, and since against the right edge.
    /// When they do not all fit, the last row says how many more of each state are hidden.
    static func renderOutages(_ model: WallModel, into grid: inout CellGrid, area: Rect) {
        guard area.height > 0 else { return }
        let outages = model.outages
        var counts: [String] = []
        for state in [HealthState.crit, .warn, .unknown] {
            let count = outages.count { $0.state == state }
            if count > 0 { counts.append("\(state.symbol) \(count) \(state.label.lowercased())") }
        }
        if model.okCount > 0 { counts.append("\(HealthState.ok.symbol) \(model.okCount) ok") }
        let worst = outages.map(\.state).max() ?? (model.allClear ? .ok : .unknown)
        renderHeading("Outages", detail: counts.joined(separator: "  "), detailState: worst, into: &grid, area: area)
        let rows = area.height - 1
        guard rows > 0 else { return }
        guard !outages.isEmpty else {
            let (text, state): (String, HealthState) = model.allClear
                ? ("every source answered: nothing failing", .ok)
                : ("nothing failing so far, but not every source has answered yet", .unknown)
            grid.put("\(state.symbol) \(text)", x: 2, y: area.y + 1, style: CellStyle(state.styleRole, [.bold]), limit: area.maxX - 2)
            return
        }
        let shown = outages.count <= rows ? outages : Array(outages.prefix(rows - 1))
        let labelWidth = area.width >= 100 ? 9 : 2
        let kindWidth = shown.map { DisplayWidth.of($0.kind) }.max() ?? 0
        let nameWidth = min(shown.map { DisplayWidth.of($0.name) }.max() ?? 0, max(16, area.width / 3))
        let sinceWidth = 7
        for (offset, outage) in shown.enumerated() {
            let y = area.y + 1 + offset
            let style = CellStyle(outage.state.styleRole, [.bold])
            var x = 2
            let label = labelWidth > 2 ? "\(outage.state.symbol) \(outage.state.label)" : outage.state.symbol
            grid.put(DisplayWidth.pad(label, to: labelWidth), x: x, y: y, style: style, limit: area.maxX)
            x += labelWidth + 1
            grid.put(DisplayWidth.pad(outage.kind, to: kindWidth), x: x, y: y, style: CellStyle(.muted), limit: area.maxX)
            x += kindWidth + 2
            grid.put(DisplayWidth.pad(DisplayWidth.truncate(outage.name, to: nameWidth), to: nameWidth), x: x, y: y,
                     style: CellStyle(.normal, [.bold]), limit: area.maxX)
            x += nameWidth + 2
            let sinceX = area.maxX - 2 - sinceWidth
            let reasonWidth = sinceX - 1 - x
            if reasonWidth > 0 {
                grid.put(DisplayWidth.truncate(outage.reason, to: reasonWidth), x: x, y: y, style: CellStyle(outage.state.styleRole), limit: sinceX - 1)
            }
            if let since = outage.since {
                let text = outage.recent ? "▸ " + since : since
                grid.put(DisplayWidth.pad(text, to: sinceWidth, align: .right), x: sinceX, y: y,
                         style: outage.recent ? CellStyle(.accent, [.bold]) : CellStyle(.muted), limit: area.maxX - 1)
            }
        }
        let hidden = outages.dropFirst(shown.count)
        if !hidden.isEmpty {
            var parts: [String] = []
            for state in [HealthState.crit, .warn, .unknown] {
                let count = hidden.count { $0.state == state }
                if count > 0 { parts.append("\(count) \(state.label.lowercased())") }
            }
            let worstHidden = hidden.map(\.state).max() ?? .unknown
            grid.put("+\(hidden.count) more (\(parts.joined(separator: ", ")))", x: 2, y: area.y + 1 + shown.count,
                     style: CellStyle(worstHidden.styleRole, [.bold]), limit: area.maxX - 2)
        }
    }

    // MARK: Checklist

    /// - Parameter spacing: rows per section (2 leaves a blank row between bars).
    /// `count` cells of the one-column `scalar` from (x, y), clipped as `put` clips: filled rather
    /// than spelled and measured scalar by scalar (a checklist's bars are most of a wall's width).
    static func run(_ scalar: Unicode.Scalar, count: Int, x: Int, y: Int, style: CellStyle, into grid: inout CellGrid) {
        guard count > 0 else { return }
        guard DisplayWidth.of(scalar) == 1 else {
            grid.put(String(repeating: String(scalar), count: count), x: x, y: y, style: style)
            return
        }
        grid.fill(Rect(x: x, y: y, width: count, height: 1), with: Cell(scalar: scalar, style: style))
    }

    static func renderChecklist(
        _ sections: [WallModel.SectionProgress], into grid: inout CellGrid, area: Rect, spacing: Int = 1
    ) {
        guard area.height > 0 else { return }
        let done = sections.reduce(0) { $0 + $1.done }, total = sections.reduce(0) { $0 + $1.total }
        let overdue = sections.count(where: \.overdue)
        var detail = total > 0 ? "\(done)/\(total)" : ""
        if overdue > 0 { detail += " · \(overdue) overdue" }
        let detailState: HealthState? = total == 0 ? nil : overdue > 0 ? .crit : done == total ? .ok : .warn
        renderHeading("Checklist", detail: detail, detailState: detailState, into: &grid, area: area)
        let spacing = max(1, spacing)
        let rows = (area.height - 1 + spacing - 1) / spacing
        guard rows > 0 else { return }
        guard !sections.isEmpty else {
            grid.put("the runbook has no checklist", x: 2, y: area.y + 1, style: CellStyle(.muted), limit: area.maxX - 2)
            return
        }
        // When they do not all fit, finished sections give way first, then the list is cut.
        var shown = sections
        if shown.count > rows { shown = shown.filter { !($0.total > 0 && $0.done >= $0.total) } }
        var hidden = sections.count - shown.count
        if shown.count > rows {
            hidden += shown.count - (rows - 1)
            shown = Array(shown.prefix(rows - 1))
        }
        let width = area.width
        let labelWidth = min(shown.map { DisplayWidth.of($0.title) }.max() ?? 0, max(12, width / 3))
        let figureWidth = shown.map { "\($0.done)/\($0.total)".count }.max() ?? 3
        let markWidth = 9
        let barWidth = width - 2 - labelWidth - 2 - 2 - 2 - figureWidth - 2 - markWidth - 1
        for (offset, section) in shown.enumerated() {
            let y = area.y + 1 + offset * spacing
            var x = 2
            grid.put(DisplayWidth.pad(DisplayWidth.truncate(section.title, to: labelWidth), to: labelWidth), x: x, y: y, style: CellStyle(.normal), limit: area.maxX)
            x += labelWidth + 2
            let complete = section.total > 0 && section.done >= section.total
            let figureRole: StyleRole = section.overdue ? .crit : complete ? .ok : .normal
            if barWidth >= 4 {
                let filled = section.total > 0 ? Int((Double(section.done) / Double(section.total) * Double(barWidth)).rounded()) : 0
                grid.put("▕", x: x, y: y, style: CellStyle(.border))
                Self.run("█", count: filled, x: x + 1, y: y, style: CellStyle(complete ? .ok : section.overdue ? .crit : .accent), into: &grid)
                Self.run("░", count: barWidth - filled, x: x + 1 + filled, y: y, style: CellStyle(.muted), into: &grid)
                grid.put("▏", x: x + 1 + barWidth, y: y, style: CellStyle(.border))
                x += barWidth + 2 + 2
            }
            grid.put(DisplayWidth.pad("\(section.done)/\(section.total)", to: figureWidth, align: .right), x: x, y: y, style: CellStyle(figureRole, [.bold]))
            x += figureWidth + 2
            if section.overdue {
                grid.put("✖ OVERDUE", x: x, y: y, style: CellStyle(.crit, [.bold]), limit: area.maxX)
            } else if complete {
                grid.put("● done", x: x, y: y, style: CellStyle(.ok), limit: area.maxX)
            }
        }
        if hidden > 0 {
            grid.put("… \(hidden) more section\(hidden == 1 ? "" : "s")", x: 2, y: area.y + 1 + shown.count * spacing, style: CellStyle(.muted), limit: area.maxX)
        }
    }

    // MARK: Timeline

    static func renderEvents(_ events: [WallModel.Event], into grid: inout CellGrid, area: Rect) {
        renderHeading("Timeline", detail: events.isEmpty ? "" : "last \(events.count), newest first", detailState: nil, into: &grid, area: area)
        guard !events.isEmpty else {
            grid.put("nothing recorded yet", x: 2, y: area.y + 1, style: CellStyle(.muted), limit: area.maxX - 2)
            return
        }
        let timeWidth = events.map { DisplayWidth.of($0.time) }.max() ?? 8
        let actorWidth = min(events.map { DisplayWidth.of($0.actor) }.max() ?? 0, max(8, area.width / 5))
        for (offset, event) in events.enumerated() where offset + 1 < area.height {
            let muted = event.automatic
            let line = StyledLine([
                Span(DisplayWidth.pad(event.time, to: timeWidth) + "  ", CellStyle(.logTime)),
                Span(DisplayWidth.pad(DisplayWidth.truncate(event.actor, to: actorWidth), to: actorWidth) + "  ",
                     CellStyle(muted ? .muted : .accent, muted ? [.dim] : [])),
                Span(event.text, CellStyle(muted ? .muted : .normal, muted ? [.dim] : [])),
            ])
            grid.put(line, x: 2, y: area.y + 1 + offset, limit: area.maxX - 1)
        }
    }

    // MARK: Support

    /// "── Title ─ detail ─────" across the area's first row.
    static func renderHeading(_ title: String, detail: String, detailState: HealthState?, into grid: inout CellGrid, area: Rect) {
        guard area.height > 0 else { return }
        let y = area.y
        run("─", count: max(0, area.width), x: area.x, y: y, style: CellStyle(.border), into: &grid)
        var x = area.x + 1
        x += grid.put(" \(title) ", x: x, y: y, style: CellStyle(.title, [.bold]), limit: area.maxX - 1)
        if !detail.isEmpty {
            let style = detailState.map { CellStyle($0.styleRole, [.bold]) } ?? CellStyle(.muted)
            x += grid.put("─ ", x: x, y: y, style: CellStyle(.border), limit: area.maxX - 1)
            grid.put(detail + " ", x: x, y: y, style: style, limit: area.maxX - 1)
        }
    }
}
