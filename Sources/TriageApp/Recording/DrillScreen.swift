import Foundation
import TriageCore
import TriageUI

/// `triage drill`'s screen: a practice incident worked against a real past outage.
///
/// The outage is the recording played by ``clock`` (the board on the wall's layout, as in a replay);
/// the incident is the drill's own, in a writable ``IncidentSession`` pinned to it: ticks, notes,
/// severity and status are stored on the drill, and its timers run on the wall clock. Nothing
/// reaches a live system: the screen holds no probe and no command runner, and a key that would run
/// a runbook command, a selection action or a silence is answered with ``refusal``.
public struct DrillScreen: PlaybackScreen {
    public var clock: ReplayClock
    public let recording: PictureRecording
    public let session: IncidentSession
    public let timeZone: TimeZone
    /// The checklist row under the cursor (an index into the session's checklist rows).
    public private(set) var cursor = 0
    /// The flash line after a key, until the next key.
    public private(set) var flash: String?
    /// The field being typed (after `n`, `s` or `t`) and its text so far.
    public private(set) var prompt: (field: Field, text: String)?
    private var lastSecond: Int?
    /// The item a "still failing: tick anyway?" question is about, until the next key (`y` ticks it).
    private var confirmingKey: String?

    public enum Field: String { case note = "Note", severity = "Severity", status = "Status" }

    /// The flash for every key that would run something against a live system.
    public static let refusal = "drill: not run"
    /// Keys that act on live systems elsewhere: `x` runs a runbook command or a row's commands,
    /// `$` and `!` run commands and selection actions, `S` silences an alert.
    static let liveKeys: Set<Character> = ["x", "X", "$", "!", "S", "E", "r", "R"]

    public init(recording: PictureRecording, session: IncidentSession, clock: ReplayClock, timeZone: TimeZone) {
        self.recording = recording
        self.session = session
        self.clock = clock
        self.timeZone = timeZone
        cursor = Self.firstOpenItem(session) ?? 0
    }

    // MARK: Keys

    /// p pause, ← → one minute, [ ] transitions, + - speed; ↑ ↓ (k j) move, Space ticks, n note,
    /// s severity, t status, q quit; keys that would run something are refused.
    public mutating func handle(_ key: Key) -> ReplayScreen.Outcome {
        if prompt != nil { return type(key) }
        flash = nil
        let confirming = confirmingKey
        confirmingKey = nil
        if let confirming, key == .char("y") {
            toggleSelected(confirmed: confirming)
            return .redraw
        }
        let rows = session.checklistRows
        if clock.applyPlaybackKey(key) { return .redraw }
        switch key {
        case .char("q"), .ctrl("c"): return .quit
        case .char("p"): clock.paused.toggle()
        case .up, .char("k"): cursor = max(0, cursor - 1)
        case .down, .char("j"): cursor = min(max(0, rows.count - 1), cursor + 1)
        case .char(" "), .enter: toggleSelected()
        case .char("n"): prompt = (.note, "")
        case .char("s"): prompt = (.severity, session.incident?.severity ?? "")
        case .char("t"): prompt = (.status, "")
        case .char(let character) where Self.liveKeys.contains(character): flash = Self.refusal
        default: flash = "not available in a drill"
        }
        return .redraw
    }

    /// A key while a field is being typed: Enter saves it, Esc drops it.
    private mutating func type(_ key: Key) -> ReplayScreen.Outcome {
        guard let (field, text) = prompt else { return .redraw }
        switch key {
        case .escape, .ctrl("c"): prompt = nil
        case .backspace: prompt = (field, String(text.dropLast()))
        // A control character is not text (the runner hands a paste over as NUL, which is refused).
        case .char(let character) where character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }):
            prompt = (field, text + String(character))
        case .enter:
            prompt = nil
            save(field, text.trimmingCharacters(in: .whitespaces))
        default: break
        }
        return .redraw
    }

    private mutating func save(_ field: Field, _ text: String) {
        guard !text.isEmpty else { return }
        switch field {
        case .note: session.addNote(text)
        case .severity: session.setSeverity(text)
        case .status:
            guard let status = IncidentStatus(userText: text) else {
                flash = "not a status: \(TerminalText.clean(text)) (investigating, identified, mitigating, monitoring, resolved)"
                return
            }
            session.setStatus(status)
        }
    }

    /// Space on an item ticks or unticks it, with what the recorded picture shows about it then; an
    /// item confirming health while what it names still fails in the recording asks first, as in a
    /// real incident. On a command it is refused (a drill runs nothing).
    private mutating func toggleSelected(confirmed: String? = nil) {
        let rows = session.checklistRows
        guard rows.indices.contains(cursor) else { return }
        switch rows[cursor] {
        case .item(let sectionIndex, let item):
            if session.isChecked(item) {
                session.toggle(item)
                return
            }
            let sections = session.runbook.sections
            let commands = sections.indices.contains(sectionIndex) ? TickEvidenceMatcher.commands(under: item, in: sections[sectionIndex]) : []
            let evidence = TickEvidenceMatcher.evidence(for: item, commands: commands, bound: [:], entities: picture.all, at: clock.position)
            if confirmed != item.key, TickEvidenceMatcher.confirmsHealth(item.text), evidence.entityFailing,
               let name = evidence.entityName, let state = evidence.state {
                confirmingKey = item.key
                flash = "\(TerminalText.clean(name)) is still \(state.label): tick anyway? (y ticks it, any other key leaves it open)"
                return
            }
            session.toggle(item, evidence: evidence)
        case .command: flash = Self.refusal
        case .section: break
        }
    }

    // MARK: Frame

    /// The recorded outage at the clock's position.
    public var picture: OutageEntities {
        OutageEntities(all: recording.picture(at: clock.position).map(\.entity).sorted(by: OutageEntity.outageOrder),
                       everySourceAnswered: true)
    }

    /// The wall's model: the drill incident at wall-clock `now` (its timers), the board at the recording's time.
    public func model(now: Date) -> WallModel {
        let outages = picture
        var model = WallModelBuilder.build(
            incident: session.incident, runbook: session.runbook, ticks: session.ticks, events: session.events, outages: outages,
            now: now, lastChange: nil, timeZone: timeZone, readOnly: false, notice: flash ?? session.problem)
        model.title = WallModelBuilder.clean(DrillTitle.shown(session.incident?.title ?? ""))
        model.outages = WallModelBuilder.board(outages, now: clock.position)
        return model
    }

    /// The last line: the field being typed, else the recording's progress and the keys.
    public var bottomLine: String {
        if let (field, text) = prompt { return "\(field.rawValue): \(TerminalText.clean(text))▏  (Enter saves, Esc drops)" }
        return "DRILL  " + clock.progressText(timeZone: timeZone) + "   p pause  ←/→ 1 min  Space tick  n note  s severity  t status  q quit"
    }

    /// The wall's layout on top, the checklist with the cursor under it, the bottom line last.
    public func frame(width: Int, height: Int, now: Date) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let rows = session.checklistRows
        let listHeight = min(rows.count + 1, max(4, (height - 1) / 3))
        let wallHeight = max(1, height - 1 - listHeight)
        grid.blit(WallRenderer.render(model(now: now), width: width, height: wallHeight), x: 0, y: 0)
        let top = wallHeight
        grid.fill(Rect(x: 0, y: top, width: width, height: 1), with: Cell(" ", style: CellStyle(.header, [.bold])))
        _ = grid.put(" Checklist (drill: ticks are stored on \(session.incident?.id ?? "the drill"))", x: 0, y: top,
                     style: CellStyle(.header, [.bold]), limit: width)
        let shown = max(0, listHeight - 1)
        let first = min(max(0, cursor - shown / 2), max(0, rows.count - shown))
        for (offset, index) in (first..<min(rows.count, first + shown)).enumerated() {
            let style = index == cursor ? CellStyle(.accent, [.bold, .reverse]) : CellStyle(.normal)
            _ = grid.put(line(rows[index]), x: 0, y: top + 1 + offset, style: style, limit: width)
        }
        let bottom = CellStyle(clock.paused ? .warn : .header, [.bold, .reverse])
        grid.fill(Rect(x: 0, y: height - 1, width: width, height: 1), with: Cell(" ", style: bottom))
        _ = grid.put(" " + bottomLine, x: 0, y: height - 1, style: bottom, limit: width)
        return grid
    }

    /// One checklist row as text.
    func line(_ row: ChecklistRow) -> String {
        switch row {
        case .section(let index):
            return " ▸ " + TerminalText.clean(session.runbook.sections.indices.contains(index) ? session.runbook.sections[index].title : "")
        case .item(_, let item):
            return "   [\(session.isChecked(item) ? "x" : " ")] " + TerminalText.clean(item.text) + (session.isPending(item) ? " …" : "")
        case .command(_, let command):
            return "       $ " + TerminalText.clean(command.summary)
        }
    }

    // MARK: Session

    /// Re-reads the drill after its writes commit, records timer crossings and redraws once a second
    /// (the incident's clock runs even while the recording is paused).
    public mutating func refresh(now: Date) -> Bool {
        var changed = session.changes.consume()
        if changed { session.reload() }
        if session.refreshPending() { changed = true }
        let second = Int(now.timeIntervalSince1970)
        if second != lastSecond {
            lastSecond = second
            session.recordTimerCrossings(now: now)
            changed = true
        }
        return changed
    }

    /// Lets the drill's pending writes finish; what cannot be saved is printed to redo.
    public mutating func finish() {
        session.stop()
        guard let writer = session.writer else { return }
        let (unsaved, headMayBeSaved) = writer.finish(within: .seconds(2))
        if !unsaved.isEmpty { DashboardRunner.reportUnsaved(unsaved, headMayBeSaved: headMayBeSaved, reason: writer.status().failure) }
    }

    static func firstOpenItem(_ session: IncidentSession) -> Int? {
        session.checklistRows.firstIndex { row in
            if case .item(_, let item) = row { return !session.isChecked(item) }
            return false
        }
    }
}
