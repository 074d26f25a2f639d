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
        default: break
        }
        return []
    }
}
