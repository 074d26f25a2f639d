import TriageCore

/// What the person has done to the screen: focus, zoom, selections, an open modal.
///
/// A value with a reducer, so every key's effect is testable without a terminal. Domain changes
/// (ticks, notes, commands) leave as ``Effect/domain(_:)`` for the app layer to carry out.
public struct UIState: Sendable {
    public var focus: PaneID = .services
    public var zoomed = false
    public var modal: Modal?
    public var modalPurpose: ModalPurpose?
    public var selection: [PaneID: Int] = [:]
    public var brokenOnly: Set<PaneID> = []
    public var containerSort: ContainerSort = .severity
    public var podSort: PodSortKey = .severity
    /// `/` filters of the table panes, by pane.
    public var filters: [PaneID: TableFilter] = [:]
    public var readOnly: Bool
    /// The open detail view, and how far it is scrolled (clamped when drawn).
    public var detail: DetailTarget?
    public var detailScroll = 0
    /// A short message in the footer, e.g. "read-only" or an error; cleared by the next key.
    public var flash: StyledLine?

    public init(readOnly: Bool = false) {
        self.readOnly = readOnly
    }

    public enum ContainerSort: String, Sendable, CaseIterable {
        case severity, cpu, memory, name
        var next: ContainerSort {
            let all = ContainerSort.allCases
            return all[(all.firstIndex(of: self)! + 1) % all.count]
        }
    }

    /// Why a modal is open, so the app knows what its input is for.
    public enum ModalPurpose: Sendable, Equatable {
        case help
        case info
        case input(Action)
        case confirm(Action)
    }

    /// What a key led to, for the app layer.
    public enum Effect: Sendable, Equatable {
        case quit
        case redraw
        /// A change to incident or log state, with the modal's input when one was asked for.
        case domain(Action, input: String?)
    }

    /// Applies one key. Returns what the app must do beyond redrawing.
    public mutating func handle(_ key: Key, keymap: Keymap, rowCounts: [PaneID: Int], pageSize: Int) -> [Effect] {
        flash = nil
        if modal != nil { return handleModal(key) }
        if detail != nil { return handleDetail(key) }
        if filters[focus] != nil, let effects = handleFilter(key, keymap: keymap, rowCounts: rowCounts, pageSize: pageSize) { return effects }
        // A wall answers every key that changes state anywhere, whatever pane has focus.
        if readOnly, keymap.bindings.contains(where: { $0.mutates && $0.keys.contains(key) }) {
            flash = StyledLine("read-only: this is a wall display", CellStyle(.warn, [.bold]))
            return []
        }
        guard let binding = keymap.action(for: key, focus: focus) else { return [] }
        if readOnly && binding.mutates {
            flash = StyledLine("read-only: this is a wall display", CellStyle(.warn, [.bold]))
            return []
        }
        return apply(binding.action, keymap: keymap, rowCounts: rowCounts, pageSize: pageSize)
    }

    public mutating func apply(_ action: Action, keymap: Keymap, rowCounts: [PaneID: Int], pageSize: Int) -> [Effect] {
        let count = rowCounts[focus] ?? 0
        // The logs pane scrolls its own model rather than moving a row cursor.
        if focus == .logs {
            switch action {
            case .moveSelection, .pageSelection, .selectFirst, .selectLast: return [.domain(action, input: nil)]
            default: break
            }
        }
        func select(_ index: Int) {
            selection[focus] = count == 0 ? 0 : min(max(0, index), count - 1)
        }
        switch action {
        case .quit:
            return [.quit]
        case .help:
            let lines = keymap.helpLines(readOnly: readOnly)
            var help = Modal(title: "triage keys", body: lines)
            // Opens at the focused pane's keys, which is what "what can I do here" asks.
            help.scroll = keymap.helpStart(focus: focus, lines: lines)
            modal = help
            modalPurpose = .help
        case .redraw:
            return [.redraw]
        case .focusNext:
            focus = focus.next
        case .focusPrevious:
            focus = focus.previous
        case .focus(let pane):
            focus = pane
        case .toggleZoom:
            zoomed.toggle()
        case .moveSelection(let delta):
            select((selection[focus] ?? 0) + delta)
        case .pageSelection(let delta):
            select((selection[focus] ?? 0) + delta * max(1, pageSize))
        case .selectFirst:
            select(0)
        case .selectLast:
            select(count - 1)
        case .toggleBrokenOnly:
            if brokenOnly.contains(focus) { brokenOnly.remove(focus) } else { brokenOnly.insert(focus) }
            selection[focus] = 0
        case .cycleSort:
            if focus == .pods { podSort = podSort.next } else { containerSort = containerSort.next }
        case .filterRows:
            guard TableFilter.panes.contains(focus) else { return [] }
            filters[focus] = TableFilter(text: filters[focus]?.text ?? "", editing: true)
        default:
            return [.domain(action, input: nil)]
        }
        return []
    }

    /// Opens a prompt whose submitted text goes to `action`. A current value shown in it (`initial`)
    /// is selected, so typing replaces it rather than appending to it.
    public mutating func prompt(_ title: String, for action: Action, body: [StyledLine] = [], initial: String = "") {
        var opened = Modal(title: title, body: body, kind: .prompt(input: ""))
        opened.promptEditor = .showing(initial)
        modal = opened
        modalPurpose = .input(action)
    }

    /// Opens a pick list whose chosen value goes to `action`, starting at `current` when it is one.
    public mutating func pick(_ title: String, for action: Action, options: [String], current: String?, body: [StyledLine] = []) {
        modal = Modal(title: title, body: body, kind: .pick(PickList(options: options, current: current)))
        modalPurpose = .input(action)
    }

    /// Opens (or, after Space, refreshes in place) the log-source list; Space on an entry sends
    /// `action` with the entry's key.
    public mutating func pickSources(_ picker: SourcePicker, for action: Action) {
        var scroll = 0
        if case .sources? = modal?.kind { scroll = modal?.scroll ?? 0 }
        modal = Modal(title: "Log sources (\(picker.entries.count(where: { $0.state != .notFollowed })) followed)", body: [],
                      kind: .sources(picker), scroll: scroll)
        modalPurpose = .input(action)
    }

    /// Opens a confirmation for `action`; with a phrase, that phrase must be typed.
    public mutating func confirm(_ title: String, for action: Action, body: [StyledLine], phrase: String?) {
        modal = Modal(title: title, body: body, kind: .confirm(requiredPhrase: phrase, input: ""))
        modalPurpose = .confirm(action)
    }

    /// Shows text with an action on Enter (`hint` names it). Long lines wrap, so what is shown is
    /// the whole text; with `editHint`, `e` sends `action` with the input `UIState.editAnswer`.
    public mutating func preview(_ title: String, body: [StyledLine], hint: String, for action: Action, editHint: String? = nil) {
        var opened = Modal(title: title, body: body, kind: .preview(actionHint: hint))
        opened.wraps = true
        opened.editHint = editHint
        modal = opened
        modalPurpose = .confirm(action)
    }

    /// The input a preview's action receives when `e` was pressed instead of Enter.
    public static let editAnswer = "edit"

    /// Shows read-only text in a modal.
    public mutating func show(_ title: String, body: [StyledLine]) {
        modal = Modal(title: title, body: body)
        modalPurpose = .info
    }

    private mutating func close() {
        modal = nil
        modalPurpose = nil
    }

    private mutating func handleModal(_ key: Key) -> [Effect] {
        guard var current = modal else { return [] }
        switch current.kind {
        case .message:
            switch key {
            case .up, .char("k"): current.scroll = max(0, current.scroll - 1); modal = current
            case .down, .char("j"): current.scroll = min(max(0, current.body.count - 1), current.scroll + 1); modal = current
            case .pageDown, .char(" "): current.scroll = min(max(0, current.body.count - 1), current.scroll + 10); modal = current
            case .pageUp: current.scroll = max(0, current.scroll - 10); modal = current
            case .resize: break
            default: close()
            }
            return []
        case .preview:
            switch key {
            case .up, .char("k"): current.scroll = max(0, current.scroll - 1); modal = current
            case .down, .char("j"): current.scroll = min(max(0, current.body.count - 1), current.scroll + 1); modal = current
            case .pageDown, .char(" "): current.scroll = min(max(0, current.body.count - 1), current.scroll + 10); modal = current
            case .pageUp: current.scroll = max(0, current.scroll - 10); modal = current
            case .enter:
                let purpose = modalPurpose
                close()
                if case .confirm(let action) = purpose { return [.domain(action, input: "confirmed")] }
            case .char("e") where current.editHint != nil:
                let purpose = modalPurpose
                close()
                if case .confirm(let action) = purpose { return [.domain(action, input: Self.editAnswer)] }
            case .resize: break
            default: close()
            }
            return []
        case .prompt(let input):
            switch key {
            case .escape: close()
            case .enter:
                let purpose = modalPurpose
                close()
                if case .input(let action) = purpose { return [.domain(action, input: input)] }
            default:
                guard var editor = current.promptEditor, editor.handle(key) else { break }
                current.promptEditor = editor
                modal = current
            }
            return []
        case .pick(var list):
            switch key {
            case .escape: close()
            case .enter:
                let purpose = modalPurpose
                close()
                if case .input(let action) = purpose, let chosen = list.chosen { return [.domain(action, input: chosen)] }
            default:
                if case .refused(let c) = list.handle(key) {
                    flash = StyledLine("no choice \"\(c)\": one of " + list.options.joined(separator: ", "), CellStyle(.warn))
                }
                current.kind = .pick(list)
                modal = current
            }
            return []
        case .sources(var picker):
            switch picker.handle(key) {
            case .toggle(let entry):
                current.kind = .sources(picker)
                modal = current
                if case .input(let action) = modalPurpose { return [.domain(action, input: entry.key)] }
            case .handled:
                // Keep the cursor's row in view: the body scrolls by rows, one per entry.
                current.scroll = max(0, picker.index - 5)
                current.kind = .sources(picker)
                modal = current
            case .notHandled:
                if key != .resize { close() }
            }
            return []
        case .confirm(let phrase, let input):
            if phrase == nil {
                switch key {
                case .char("y"), .char("Y"):
                    let purpose = modalPurpose
                    close()
                    if case .confirm(let action) = purpose { return [.domain(action, input: "yes")] }
                case .resize: break
                default: close()
                }
                return []
            }
            switch key {
            case .escape: close()
            case .enter:
                let purpose = modalPurpose
                close()
                if input == phrase, case .confirm(let action) = purpose { return [.domain(action, input: input)] }
                flash = StyledLine("not confirmed: nothing was run", CellStyle(.warn))
            case .backspace: current.kind = .confirm(requiredPhrase: phrase, input: String(input.dropLast())); modal = current
            case .char(let c): current.kind = .confirm(requiredPhrase: phrase, input: input + String(c)); modal = current
            default: break
            }
            return []
        }
    }
}
