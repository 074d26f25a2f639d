import TriageCore

/// What a key asks for. Key handlers never draw: they produce actions, the reducer decides.
public enum Action: Sendable, Hashable {
    case quit, help, redraw
    case focusNext, focusPrevious, focus(PaneID), toggleZoom
    case moveSelection(Int), pageSelection(Int), selectFirst, selectLast
    case toggleBrokenOnly, cycleSort
    /// `/` in Services, Containers and Pods: narrow the rows as you type.
    case filterRows
    // Services, Containers, Pods, Host: the selected row
    case showDetail, followSelectionLogs, previousSelectionLogs
    /// An action from ``SelectionAction/all`` on the selected row (or the open detail view's entity).
    case selectionAction(SelectionAction.ID)
    /// `x` on a row: the runbook commands that use the variables it binds.
    case rowRunbookCommands
    /// `kubectl describe` of the open detail view's pod or node; the node of the selected pod.
    case describeSelection, showNode
    /// `S` and `E` in an alert's view: silence it on its Alertmanager, expire that silence again.
    case silenceAlert, expireSilence
    /// `L`: follow the selection's logs from a chosen point (5m, 1h, all).
    case followSelectionLogsSince
    // Incident pane
    case toggleTick, addNote, setSeverity, setStatus, setCommander, acknowledge, declareIncident, declareSecondIncident
    case showCommand, runCommand, previewStatusUpdate, toggleTimeline
    /// `P`: set the severity the outage suggests (shown in the Incident pane and on the wall).
    case acceptSuggestedSeverity
    /// The answer typed for one placeholder of the status update (`e` on its preview).
    case fillStatusPlaceholder
    // Logs pane
    case search, nextMatch, previousMatch, filterLogs, excludeLogs, pickSources
    case toggleWrap, toggleTimestamps, clearLogs, resumeFollow
}

/// Where a binding applies.
public enum KeyScope: Sendable, Hashable {
    case global
    case pane(PaneID)
}

public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var scope: KeyScope
    public var summary: String
    /// Shown in the footer when its scope is focused (the footer has room for a few only).
    public var inFooter: Bool
    /// Changes incident state: refused in the read-only wall display.
    public var mutates: Bool
    /// A shorter label for the footer, when the summary is a sentence (the help shows the summary).
    public var footerLabel: String?

    public init(_ keys: [Key], _ action: Action, _ scope: KeyScope = .global, _ summary: String, footer: Bool = false, mutates: Bool = false,
                footerLabel: String? = nil) {
        self.keys = keys
        self.action = action
        self.scope = scope
        self.summary = summary
        self.inFooter = footer
        self.mutates = mutates
        self.footerLabel = footerLabel
    }
}

/// The one table of key bindings: input decoding, the footer and the help screen all read it, so
/// the help can never disagree with what a key does.
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The action for a key with a pane focused: pane bindings win over global ones.
    public func action(for key: Key, focus: PaneID) -> KeyBinding? {
        bindings.first { $0.scope == .pane(focus) && $0.keys.contains(key) }
            ?? bindings.first { $0.scope == .global && $0.keys.contains(key) }
    }

    /// Footer hints for the focused pane: its own first, then the global ones.
    public func footerHints(focus: PaneID, readOnly: Bool) -> [(key: String, label: String)] {
        let local = bindings.filter { $0.scope == .pane(focus) && $0.inFooter && !(readOnly && $0.mutates) }
        let global = bindings.filter { $0.scope == .global && $0.inFooter }
        return (local + global).map { ($0.keys.map(\.description).joined(separator: "/"), $0.footerLabel ?? $0.summary) }
    }

    /// The help screen: every binding, grouped by scope, generated from this table.
    public func helpLines(readOnly: Bool) -> [StyledLine] {
        var lines: [StyledLine] = []
        let scopes: [(KeyScope, String)] = [(.global, "Everywhere")] + PaneID.allCases.map { (.pane($0), "\($0.title) pane") }
        for (scope, title) in scopes {
            let group = bindings.filter { $0.scope == scope }
            guard !group.isEmpty else { continue }
            if !lines.isEmpty { lines.append(StyledLine("")) }
            lines.append(StyledLine(title, CellStyle(.accent, [.bold])))
            for binding in group {
                let keys = binding.keys.map(\.description).joined(separator: " ")
                var spans = [Span(DisplayWidthPad.pad(keys, 16), CellStyle(.footerKey, [.bold])), Span(" " + binding.summary)]
                if readOnly && binding.mutates { spans.append(Span("  (read-only here)", CellStyle(.muted))) }
                lines.append(StyledLine(spans))
            }
        }
        return lines
    }

    /// The bindings triage ships with.
    public static let standard = Keymap(bindings: [
        KeyBinding([.char("q")], .quit, .global, "quit", footer: true),
        KeyBinding([.char("?")], .help, .global, "help", footer: true),
        KeyBinding([.tab], .focusNext, .global, "next pane", footer: true),
        KeyBinding([.backTab], .focusPrevious, .global, "previous pane"),
        KeyBinding([.char("1")], .focus(.services), .global, "focus Services"),
        KeyBinding([.char("2")], .focus(.containers), .global, "focus Containers"),
        KeyBinding([.char("3")], .focus(.pods), .global, "focus Pods"),
        KeyBinding([.char("4")], .focus(.logs), .global, "focus Logs"),
        KeyBinding([.char("5")], .focus(.incident), .global, "focus Incident"),
        KeyBinding([.char("6")], .focus(.host), .global, "focus Host"),
        KeyBinding([.char("z")], .toggleZoom, .global, "zoom the focused pane", footer: true),
        KeyBinding([.up, .char("k")], .moveSelection(-1), .global, "move up"),
        KeyBinding([.down, .char("j")], .moveSelection(1), .global, "move down"),
        KeyBinding([.pageUp], .pageSelection(-1), .global, "page up"),
        KeyBinding([.pageDown], .pageSelection(1), .global, "page down"),
        KeyBinding([.home, .char("g")], .selectFirst, .global, "first row"),
        KeyBinding([.end, .char("G")], .selectLast, .global, "last row"),
        KeyBinding([.ctrl("l")], .redraw, .global, "redraw the screen"),
        KeyBinding([.enter, .char("d")], .showDetail, .pane(.services), "details", footer: true),
        KeyBinding([.enter, .char("d")], .showDetail, .pane(.containers), "details", footer: true),
        KeyBinding([.char("l")], .followSelectionLogs, .pane(.containers), "logs", footer: true),
        KeyBinding([.char("L")], .followSelectionLogsSince, .pane(.containers), "logs since: last lines, 5m, 1h or all"),
        KeyBinding([.char("p")], .previousSelectionLogs, .pane(.containers), "logs of its last run (docker logs --until its start)"),
        KeyBinding([.enter, .char("d")], .showDetail, .pane(.pods), "details", footer: true),
        KeyBinding([.char("l")], .followSelectionLogs, .pane(.pods), "logs", footer: true),
        KeyBinding([.char("L")], .followSelectionLogsSince, .pane(.pods), "logs since: last lines, 5m, 1h or all"),
        KeyBinding([.char("p")], .previousSelectionLogs, .pane(.pods), "logs of the previous run (kubectl logs --previous)"),
        KeyBinding([.enter, .char("d")], .showDetail, .pane(.host), "details: top processes", footer: true),
        KeyBinding([.char("b")], .toggleBrokenOnly, .pane(.containers), "only what is broken", footer: true),
        KeyBinding([.char("o")], .cycleSort, .pane(.containers), "sort: severity, CPU, memory, name", footer: true),
        KeyBinding([.char("b")], .toggleBrokenOnly, .pane(.pods), "only what is broken", footer: true),
        KeyBinding([.char("b")], .toggleBrokenOnly, .pane(.services), "only what is failing", footer: true),
        KeyBinding([.char("n")], .showNode, .pane(.pods), "the node's view (a pod's node, or the node row)"),
        KeyBinding([.char("x")], .rowRunbookCommands, .pane(.services), "runbook commands for this check (asks first)", footer: true, mutates: true,
                   footerLabel: "runbook"),
        KeyBinding([.char("x")], .rowRunbookCommands, .pane(.containers), "runbook commands for this container (asks first)", footer: true, mutates: true,
                   footerLabel: "runbook"),
        KeyBinding([.char("x")], .rowRunbookCommands, .pane(.pods), "runbook commands for this pod (asks first)", footer: true, mutates: true,
                   footerLabel: "runbook"),
        KeyBinding([.char("o")], .cycleSort, .pane(.pods), "sort: severity, restarts, age, name"),
        KeyBinding([.char("/")], .filterRows, .pane(.services), "filter rows as you type (name, reason); Esc clears"),
        KeyBinding([.char("/")], .filterRows, .pane(.containers), "filter rows as you type (name, host, reason); Esc clears"),
        KeyBinding([.char("/")], .filterRows, .pane(.pods), "filter rows as you type (name, namespace, reason); Esc clears"),
    ] + selectionActionBindings + [
        KeyBinding([.char("N")], .declareIncident, .global, "declare an incident", mutates: true),
        KeyBinding([.char("P")], .acceptSuggestedSeverity, .global, "accept the severity the outage suggests (⚑ in the Incident pane)", mutates: true),
        KeyBinding([.char("y")], .previewStatusUpdate, .global, "status update: preview (e fills blanks), Enter sends it as OSC 52 and records it", footer: true),
        // Incident pane
        KeyBinding([.char(" ")], .toggleTick, .pane(.incident), "tick or untick the item", footer: true, mutates: true),
        KeyBinding([.char("n")], .addNote, .pane(.incident), "add a note to the timeline", footer: true, mutates: true),
        KeyBinding([.char("a")], .acknowledge, .pane(.incident), "acknowledge", footer: true, mutates: true),
        KeyBinding([.char("s")], .setSeverity, .pane(.incident), "set severity", mutates: true),
        KeyBinding([.char("S")], .setStatus, .pane(.incident), "set status", footer: true, mutates: true),
        KeyBinding([.char("c")], .setCommander, .pane(.incident), "set commander", mutates: true),
        KeyBinding([.enter], .showCommand, .pane(.incident), "show the item (who ticked it, with what it was about) or the command; zoom on a header"),
        KeyBinding([.char("x")], .runCommand, .pane(.incident), "run the command (asks first)", footer: true, mutates: true),
        KeyBinding([.char("T")], .toggleTimeline, .pane(.incident), "checklist or timeline", footer: true),
        // Logs pane
        KeyBinding([.char("/")], .search, .pane(.logs), "search", footer: true),
        KeyBinding([.char("n")], .nextMatch, .pane(.logs), "next match"),
        KeyBinding([.char("N")], .previousMatch, .pane(.logs), "previous match"),
        KeyBinding([.char("F")], .filterLogs, .pane(.logs), "show only matching lines", footer: true),
        KeyBinding([.char("!")], .excludeLogs, .pane(.logs), "hide matching lines", footer: true),
        KeyBinding([.char("s")], .pickSources, .pane(.logs), "pick sources", footer: true),
        KeyBinding([.char("w")], .toggleWrap, .pane(.logs), "wrap long lines"),
        KeyBinding([.char("t")], .toggleTimestamps, .pane(.logs), "timestamps on or off"),
        KeyBinding([.char("c")], .clearLogs, .pane(.logs), "clear the view"),
        KeyBinding([.char("G"), .end], .resumeFollow, .pane(.logs), "follow new lines", footer: true),
    ])
}

extension Keymap {
    /// The selection actions' keys, from their registry: a node action applies in the Pods pane to
    /// the selected pod's node.
    static let selectionActionBindings: [KeyBinding] = SelectionAction.all.map { action in
        let pane: PaneID = action.kind == .container ? .containers : .pods
        let label = action.kind == .node ? action.label.replacingOccurrences(of: "the node", with: "the pod's node") : action.label
        return KeyBinding([.char(action.key)], .selectionAction(action.id), .pane(pane), label + " (asks first)",
                          footer: action.inFooter, mutates: true, footerLabel: String(action.label.split(separator: " ").first ?? ""))
    }

    /// The help line where `focus`'s own keys start, so `?` opens there.
    public func helpStart(focus: PaneID, lines: [StyledLine]) -> Int {
        lines.firstIndex { $0.plainText == "\(focus.title) pane" } ?? 0
    }
}

/// Padding helper kept here so the keymap does not depend on table code.
enum DisplayWidthPad {
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
