import TriageCore

extension UIState {
    /// Keys while a detail view is open: scrolling, closing, and the actions on what it shows.
    /// Everything else is swallowed, so a key meant for the view never acts on a pane behind it.
    mutating func handleDetail(_ key: Key) -> [Effect] {
        switch key {
        case .escape, .char("q"), .char("d"): detail = nil; detailScroll = 0
        case .up, .char("k"): detailScroll = max(0, detailScroll - 1)
        case .down, .char("j"): detailScroll += 1
        case .pageUp: detailScroll = max(0, detailScroll - 10)
        case .pageDown, .char(" "): detailScroll += 10
        case .home, .char("g"): detailScroll = 0
        case .end, .char("G"): detailScroll = Int.max / 2
        case .ctrl("l"): return [.redraw]
        case .char("l"): return [.domain(.followSelectionLogs, input: nil)]
        case .char("p") where detail != .previousLogs: return [.domain(.previousSelectionLogs, input: nil)]
        case .char("i") where detail?.actionKind == .pod || detail?.actionKind == .node: return [.domain(.describeSelection, input: nil)]
        case .char("n") where detail?.actionKind == .pod: return [.domain(.showNode, input: nil)]
        case .char(let c) where c == "S" || c == "E":
            guard case .alert? = detail else { return detailAction(c) }
            if readOnly {
                flash = StyledLine("read-only: this is a wall display", CellStyle(.warn, [.bold]))
                return []
            }
            return [.domain(c == "S" ? .silenceAlert : .expireSilence, input: nil)]
        case .char(let c): return detailAction(c)
        default: break
        }
        return []
    }

    /// A selection action's key on the view's entity (on a pod's view, the node actions act on its node).
    private mutating func detailAction(_ key: Character) -> [Effect] {
        guard let kind = detail?.actionKind,
              let action = SelectionAction.action(key: key, kind: kind) ?? (kind == .pod ? SelectionAction.action(key: key, kind: .node) : nil)
        else { return [] }
        if readOnly {
            flash = StyledLine("read-only: this is a wall display", CellStyle(.warn, [.bold]))
            return []
        }
        return [.domain(.selectionAction(action.id), input: nil)]
    }
}
