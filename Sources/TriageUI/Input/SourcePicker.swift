import TriageCore

/// The log-source picker (`s` in the Logs pane) as a list: every followed source and every
/// container or pod that could be, sorted by name so entries keep their place however busy they
/// are. Arrows move; Space shows, hides or starts following the entry under the cursor; `t`
/// changes how far back a source followed from here starts (``LogWindow``).
public struct SourcePicker: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public enum State: Sendable, Equatable { case shown, hidden, notFollowed }
        /// What the app knows the entry by: stable across rebuilds of the list.
        public var key: String
        public var label: String
        /// Muted text after the label: what the source is, its error rate.
        public var detail: String
        public var state: State

        public init(key: String, label: String, detail: String = "", state: State) {
            self.key = key
            self.label = label
            self.detail = detail
            self.state = state
        }
    }

    /// Sorted by label, then key: never by activity.
    public private(set) var entries: [Entry]
    public private(set) var index: Int
    public var window: LogWindow

    /// The cursor starts on the entry with `selectedKey`, else the one named `selectedLabel` (an
    /// entry keeps its label when following it changes its key), else the first.
    public init(entries: [Entry], selectedKey: String? = nil, selectedLabel: String? = nil, window: LogWindow = .recentLines) {
        let sorted = entries.sorted { ($0.label.lowercased(), $0.key) < ($1.label.lowercased(), $1.key) }
        self.entries = sorted
        index = selectedKey.flatMap { key in sorted.firstIndex { $0.key == key } }
            ?? selectedLabel.flatMap { label in sorted.firstIndex { $0.label == label } } ?? 0
        self.window = window
    }

    public var selected: Entry? { entries.indices.contains(index) ? entries[index] : nil }

    public enum Outcome: Sendable, Equatable {
        case handled
        /// Space on an entry: show, hide or follow it.
        case toggle(Entry)
        case notHandled
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .up, .char("k"): move(to: index - 1)
        case .down, .char("j"): move(to: index + 1)
        case .pageUp: move(to: index - 10)
        case .pageDown: move(to: index + 10)
        case .home, .char("g"): move(to: 0)
        case .end, .char("G"): move(to: entries.count - 1)
        case .char("t"): window = window.next
        case .char(" "):
            guard let selected else { return .handled }
            return .toggle(selected)
        default: return .notHandled
        }
        return .handled
    }

    private mutating func move(to target: Int) {
        index = entries.isEmpty ? 0 : min(max(0, target), entries.count - 1)
    }

    /// One row per entry, the cursor's highlighted: `● container web on local   12 lines`.
    public var lines: [StyledLine] {
        guard !entries.isEmpty else { return [StyledLine("no log sources and no containers or pods to offer yet", CellStyle(.muted))] }
        return entries.enumerated().map { offset, entry in
            let mark: Span = switch entry.state {
            case .shown: Span("● ", CellStyle(.ok))
            case .hidden: Span("○ ", CellStyle(.muted))
            case .notFollowed: Span("+ ", CellStyle(.muted))
            }
            let cursor = offset == index
            var spans = [Span(cursor ? "› " : "  ", CellStyle(.accent, [.bold])), mark,
                         Span(entry.label, cursor ? CellStyle(.selection, [.bold]) : CellStyle(entry.state == .notFollowed ? .muted : .normal))]
            if !entry.detail.isEmpty { spans.append(Span("  " + entry.detail, CellStyle(.muted))) }
            return StyledLine(spans)
        }
    }
}
