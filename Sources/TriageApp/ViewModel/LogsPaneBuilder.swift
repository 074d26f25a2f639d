import Foundation
import TriageCore
import TriageUI

/// The merged log model → the Logs pane: source tag in its colour, timestamp, text in the severity's
/// colour with search matches highlighted. The model already sanitized every byte; the grid would
/// refuse a control character anyway.
enum LogsPaneBuilder {
    static func build(_ model: LogPaneModel, configured: Int, ui: UIState, innerWidth: Int, innerHeight: Int) -> PaneModel {
        let statuses = model.sources
        if configured == 0 && statuses.isEmpty {
            return .unavailable(.logs, message: "no log sources configured",
                                hint: "press s here to follow a container or pod, or add `logs:` to triage.yaml (see `triage init`)")
        }
        let height = max(0, innerHeight)
        let width = max(1, innerWidth - 2)
        let frame = model.visibleRows(height: height, width: width)
        var lines: [StyledLine] = frame.rows.map { line(for: $0, frame: frame) }
        if lines.isEmpty {
            let waiting = statuses.map { describe($0) }.joined(separator: " · ")
            lines = [StyledLine(waiting.isEmpty ? "waiting for log lines…" : waiting, CellStyle(.muted))]
        }
        var state = HealthState.ok
        var badge: [Span] = []
        // The last window is the 60 seconds up to now (sliding, not the clock minute).
        let errorsLastMinute = statuses.reduce(0) { $0 + ($1.errorsPerMinute.last ?? 0) }
        if errorsLastMinute > 0 {
            state = .crit
            badge.append(Span("\(errorsLastMinute) err/min", CellStyle(.crit, [.bold])))
        }
        let ended = statuses.filter { if case .running = $0.state { return false }; return true }
        if !ended.isEmpty {
            state = max(state, .warn)
            if !badge.isEmpty { badge.append(Span(" · ")) }
            badge.append(Span("\(ended.count) ended", CellStyle(.warn)))
        }
        let dropped = statuses.reduce(UInt64(0)) { $0 + $1.dropped }
        if dropped > 0 {
            if !badge.isEmpty { badge.append(Span(" · ")) }
            badge.append(Span("\(dropped) dropped", CellStyle(.muted)))
        }
        var footer: [Span] = [Span(model.statusText, CellStyle(model.isFollowing ? .muted : .warn, model.isFollowing ? [] : [.bold]))]
        if let search = model.search {
            let index = model.currentMatchIndex.map { "\($0 + 1)/" } ?? ""
            footer.append(Span("  /\(TerminalText.clean(search.source)) \(index)\(model.matchCount)", CellStyle(.highlight)))
        }
        if let filter = model.filter { footer.append(Span("  F:\(TerminalText.clean(filter.source))", CellStyle(.accent))) }
        if let exclude = model.exclude { footer.append(Span("  !:\(TerminalText.clean(exclude.source))", CellStyle(.accent))) }
        if !model.hiddenSources.isEmpty { footer.append(Span("  \(model.hiddenSources.count) hidden", CellStyle(.muted))) }
        if model.wrap { footer.append(Span("  wrap", CellStyle(.muted))) }
        let summary = StyledLine(badge.isEmpty ? [Span("\(statuses.count) sources · \(model.shownCount) lines", CellStyle(.muted))] : badge)
        return PaneModel(id: .logs, state: state, badge: badge.isEmpty ? nil : StyledLine(badge), footer: StyledLine(footer),
                         body: [.text(TextView(lines: lines))], summary: summary)
    }

    static func describe(_ status: LogSourceStatus) -> String {
        let name = TerminalText.clean(status.source.shortName)
        switch status.state {
        case .starting: return "\(name): starting"
        case .running: return "\(name): running"
        case .ended(let reason, _): return "\(name): ended (\(TerminalText.clean(reason)))"
        case .failed(let reason): return "\(name): \(TerminalText.clean(reason))"
        }
    }

    static func line(for row: LogPaneModel.Row, frame: LogPaneModel.Frame) -> StyledLine {
        var spans: [Span] = []
        if frame.nameWidth > 0 {
            let role = StyleRole.sources[abs(row.sourceColor) % StyleRole.sources.count]
            spans.append(Span(DisplayWidth.pad(row.sourceName, to: frame.nameWidth) + " ", CellStyle(role, [.bold])))
        }
        if frame.timestampWidth > 0 {
            spans.append(Span(DisplayWidth.pad(row.timestampText ?? "", to: frame.timestampWidth) + " ", CellStyle(.logTime)))
        }
        let textRole: StyleRole = row.severity == .crit ? .logError : row.severity == .warn ? .logWarn : .normal
        let base = CellStyle(textRole, row.severity == .crit ? [.bold] : [])
        if row.highlights.isEmpty {
            spans.append(Span(row.text, base))
        } else {
            spans.append(contentsOf: highlighted(row.text, ranges: row.highlights, base: base, current: row.isCurrentMatch))
        }
        return StyledLine(spans)
    }

    /// Splits text at display-column ranges into normal and highlighted spans.
    static func highlighted(_ text: String, ranges: [Range<Int>], base: CellStyle, current: Bool) -> [Span] {
        var spans: [Span] = []
        var column = 0
        var piece = ""
        var inside = false
        let mark = CellStyle(.highlight, current ? [.bold, .underline] : [])
        for character in text {
            let isInside = ranges.contains { $0.contains(column) }
            if isInside != inside, !piece.isEmpty {
                spans.append(Span(piece, inside ? mark : base))
                piece = ""
            }
            inside = isInside
            piece.append(character)
            column += DisplayWidth.of(character)
        }
        if !piece.isEmpty { spans.append(Span(piece, inside ? mark : base)) }
        return spans
    }
}
