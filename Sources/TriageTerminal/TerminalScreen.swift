import CNcursesw
import CTerminalShim
import TriageCore
import TriageUI
#if canImport(Glibc)
import Glibc
#endif

/// The only owner of ncurses: draws cell grids and reads keys, on the one thread that created it.
///
/// ncurses is not thread-safe, so this type is deliberately not `Sendable`: build it inside the
/// terminal thread and never let it leave. A frame writes only the cells that differ from the last
/// frame, then refreshes once; ncurses then sends only what changed on the real screen too.
public final class TerminalScreen {
    /// How many colours the theme may use here.
    public enum ColorMode: Sendable, Equatable {
        case none, basic8, basic16, palette256
        public var paletteSize: Int {
            switch self {
            case .none: 0
            case .basic8: 8
            case .basic16: 16
            case .palette256: 256
            }
        }
    }

    private let window: UnsafeMutablePointer<WINDOW>
    /// The screen `newterm` made, when not the controlling terminal's; freed on shutdown.
    private let screen: OpaquePointer?
    public private(set) var colorMode: ColorMode
    private var theme: Theme
    private var previous: CellGrid?
    private var attributes: [StyleRole: (attr: attr_t, pair: Int16)] = [:]
    private var ended = false
    /// Keys and pastes from the bytes read (the paste state lives across reads).
    private var decoder = InputDecoder()
    /// Whether this screen asked the terminal for bracketed paste, so it must switch it off again.
    private var bracketedPaste = false
    /// The descriptor ncurses reads keys from, for a caller that waits on it with `poll(2)`.
    public let inputDescriptor: Int32
    private var wakesOnResize = false

    /// xterm's bracketed paste mode: the terminal marks a paste with `ESC [ 200 ~` … `ESC [ 201 ~`.
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    /// Starts curses on the controlling terminal, with bracketed paste on: a paste arrives marked,
    /// so it is read as text, never as keys. Every way out switches it off again: ``shutdown()``,
    /// ``suspend()`` and the crash handler.
    ///
    /// - Parameter noColor: true when `NO_COLOR` is set: no colour at all, emphasis only.
    public convenience init(theme: Theme, noColor: Bool) {
        _ = DisplayWidth.prepareLocale()
        triage_install_crash_restore()
        guard let window = initscr() else { fatalError("initscr failed: is TERM set to a terminal ncurses knows?") }
        self.init(window: window, screen: nil, input: STDIN_FILENO, theme: theme, noColor: noColor)
        writeToTerminal(Self.bracketedPasteOn)
        bracketedPaste = true
    }

    /// Starts curses on another terminal (a pseudo-terminal the benchmark opened), so what the
    /// terminal layer writes can be counted byte for byte without touching the real one.
    ///
    /// Returns nil when ncurses does not know `terminalType`. Installs no crash handler: the
    /// caller's own terminal is not in curses mode.
    public convenience init?(theme: Theme, noColor: Bool, terminalType: String,
                             output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>) {
        _ = DisplayWidth.prepareLocale()
        guard let screen = newterm(terminalType, output, input) else { return nil }
        _ = set_term(screen)
        guard let window = triage_current_stdscr()?.assumingMemoryBound(to: WINDOW.self) else { return nil }
        self.init(window: window, screen: screen, input: fileno(input), theme: theme, noColor: noColor)
    }

    private init(window: UnsafeMutablePointer<WINDOW>, screen: OpaquePointer?, input: Int32, theme: Theme, noColor: Bool) {
        self.window = window
        self.screen = screen
        inputDescriptor = input
        self.theme = theme
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        // The paste markers as keys of their own, so ncurses reports each as one code (like an
        // arrow key) instead of an Escape followed by `[200~`.
        define_key("\u{1B}[200~", Int32(InputDecoder.pasteStartCode))
        define_key("\u{1B}[201~", Int32(InputDecoder.pasteEndCode))
        _ = curs_set(0)
        set_escdelay(25)
        // Reads never wait: the caller blocks in poll(2) on ``inputDescriptor`` and its own wake-ups.
        wtimeout(window, 0)
        if noColor || theme.monochrome || !has_colors() {
            colorMode = .none
        } else {
            start_color()
            _ = use_default_colors()
            let count = tigetnum("colors")
            colorMode = count >= 256 ? .palette256 : count >= 16 ? .basic16 : .basic8
        }
        applyTheme(theme)
    }

    deinit { shutdown() }

    /// Restores the terminal (cursor, echo, canonical mode, bracketed paste off). Idempotent.
    public func shutdown() {
        guard !ended else { return }
        ended = true
        if wakesOnResize { triage_stop_wake_on_resize() }
        endwin()
        if bracketedPaste { writeToTerminal(Self.bracketedPasteOff) }
        if let screen { delscreen(screen) }
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Sets up colour pairs for every role: pair `n` is role `n`, so drawing never allocates.
    public func applyTheme(_ newTheme: Theme) {
        theme = colorMode == .none ? newTheme.withoutColor : newTheme
        attributes.removeAll()
        for (index, role) in StyleRole.allCases.enumerated() {
            let look = theme.appearance(of: role)
            var pair: Int16 = 0
            if colorMode != .none {
                let fg = look.foreground.resolved(forPalette: colorMode.paletteSize).map(Int16.init) ?? -1
                let bg = look.background.resolved(forPalette: colorMode.paletteSize).map(Int16.init) ?? -1
                pair = Int16(index + 1)
                init_pair(pair, fg, bg)
            }
            attributes[role] = (TerminalScreen.attr(look.emphasis), pair)
        }
        previous = nil
    }

    static func attr(_ emphasis: Emphasis) -> attr_t {
        var value = attr_t(triage_attr_normal())
        if emphasis.contains(.bold) { value |= attr_t(triage_attr_bold()) }
        if emphasis.contains(.dim) { value |= attr_t(triage_attr_dim()) }
        if emphasis.contains(.reverse) { value |= attr_t(triage_attr_reverse()) }
        if emphasis.contains(.underline) { value |= attr_t(triage_attr_underline()) }
        return value
    }

    /// Draws a frame: only cells that changed since the last one (``FrameDiff``), then a single refresh.
    /// Returns the number of cells written (for the benchmark and tests of the diff).
    @discardableResult
    public func draw(_ grid: CellGrid) -> Int {
        let (w, h) = size
        guard grid.width == w, grid.height == h else { return 0 }
        var written = 0
        let sameSize = previous.map { $0.width == grid.width && $0.height == grid.height } ?? false
        if !sameSize { werase(window) }
        var chars = [wchar_t](repeating: 0, count: 6)
        for run in FrameDiff.changedRuns(old: sameSize ? previous : nil, new: grid) {
            let y = run.y
            var x = run.x
            while x < run.maxX {
                let cell = grid[x, y]
                if cell.isContinuation { x += 1; continue }
                // The bottom-right cell cannot be written with a scrolling window; skip it.
                if y == grid.height - 1 && x + Int(cell.width) >= grid.width { x += 1; continue }
                var count = 0
                // A cell holds at most the five scalars a curses cell does (``Cell/maxScalars``).
                cell.forEachScalar { scalar in
                    chars[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                if count == 0 { chars[0] = 0x20; count = 1 }
                chars[count] = 0
                let look = attributes[cell.style.role] ?? (attr_t(triage_attr_normal()), 0)
                var value = look.attr | TerminalScreen.attr(cell.style.emphasis)
                if colorMode == .none, cell.style.emphasis.isEmpty, cell.style.role == .selection { value |= attr_t(triage_attr_reverse()) }
                var cc = cchar_t()
                setcchar(&cc, chars, value, look.pair, nil)
                mvwadd_wch(window, Int32(y), Int32(x), &cc)
                written += 1
                x += max(1, Int(cell.width))
            }
        }
        wrefresh(window)
        // A frame drawn over the last one changes only the columns it wrote: those are copied
        // into the record of the screen, in place, instead of keeping the whole new grid.
        if sameSize { previous?.take(writtenBy: grid) } else { previous = grid }
        return written
    }

    /// Forgets the last frame so the next draw repaints everything (after a resize or Ctrl-L).
    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    /// One read: takes everything already waiting (at most `limit` results) without waiting for
    /// more, decoded into keys and pastes. A paste that went quiet for
    /// ``InputDecoder/pasteQuietLimit`` without its end marker is delivered here as cut off: a caller
    /// that blocks between reads wakes by ``inputDeadline`` to let that happen.
    ///
    /// The events of one read came at once: a person types one key a read, a paste from a terminal
    /// without bracketed paste comes as many (``InputRouter`` relies on this).
    public func readInput(limit: Int = 4096) -> [InputDecoder.Event] {
        var value: wint_t = 0
        var status = wget_wch(window, &value)
        var events: [InputDecoder.Event] = []
        // Before anything new is fed: a key after a quiet, unfinished paste is a key again.
        if let expired = decoder.expire(at: .now) { events.append(expired) }
        guard status != ERR else { return events }
        var count = 0
        while true {
            if let event = decoder.feed(UInt32(value), isFunctionKey: status == KEY_CODE_YES, at: .now) { events.append(event) }
            count += 1
            guard count < limit else { break }
            status = wget_wch(window, &value)
            if status == ERR { break }
        }
        if events.contains(.key(.resize)) { invalidate() }
        return events
    }

    /// When the next read must happen even if no byte comes: an open paste's quiet limit.
    public var inputDeadline: ContinuousClock.Instant? { decoder.quietDeadline }

    /// Makes a resize (SIGWINCH) write a byte to `descriptor`, so a thread blocked in `poll(2)` on
    /// it wakes and its next ``readInput(limit:)`` reports the resize. Undone by ``shutdown()``.
    public func wakeOnResize(writingTo descriptor: Int32) {
        guard !ended, triage_wake_on_resize(descriptor) == 0 else { return }
        wakesOnResize = true
    }

    /// Ctrl-Z: hands the terminal back to the shell (bracketed paste off, curses ended) and stops
    /// the process; returns once it is continued (`fg`), with bracketed paste on again and the next
    /// frame drawn in full. Called on the terminal thread, so ncurses is never entered from a
    /// signal handler.
    public func suspend() {
        guard !ended else { return }
        endwin()
        if bracketedPaste { writeToTerminal(Self.bracketedPasteOff) }
        // Stopped here, by a signal to this thread: sent to the process, another thread would take
        // the stop and this one run on (into the next frame) until the stop reached it.
        raise(SIGSTOP)
        // Continued. Typed-ahead input and a paste cut by the stop belong to the shell's turn.
        flushinp()
        decoder.reset()
        invalidate()
        // The refresh puts curses' terminal modes back.
        wrefresh(window)
        if bracketedPaste { writeToTerminal(Self.bracketedPasteOn) }
    }

    /// Writes a sequence that does not move the cursor or change the screen (OSC 52 clipboard)
    /// straight to the terminal, after everything curses has buffered.
    public func passThrough(_ sequence: String) {
        wrefresh(window)
        writeToTerminal(sequence)
    }

    /// Writes bytes straight to the terminal, after everything buffered for it: curses writes its
    /// frames when it refreshes, but `putp` and friends go through stdio, so stdio is flushed first.
    private func writeToTerminal(_ sequence: String) {
        fflush(nil)  // every output stream
        let bytes = Array(sequence.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
