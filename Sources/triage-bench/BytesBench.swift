import Foundation
import TriageTerminal
import TriageUI
#if canImport(Glibc)
import Glibc
#endif

/// (c) the bytes the real terminal layer (TerminalScreen on ncursesw) writes for a frame, counted
/// on the master side of a 200x50 pseudo-terminal it draws on through `newterm`.
enum BytesBench {
    static func run() {
        for terminalType in ["tmux-256color", "xterm-256color"] {
            Report.section("bytes written by TerminalScreen, TERM=\(terminalType), \(BenchData.width)x\(BenchData.height) pty")
            measure(terminalType: terminalType)
        }
    }

    static func measure(terminalType: String) {
        unsetenv("LINES")
        unsetenv("COLUMNS")
        guard let pty = PseudoTerminal(width: BenchData.width, height: BenchData.height) else {
            Report.say("could not open a pseudo-terminal: \(String(cString: strerror(errno)))")
            return
        }
        defer { pty.close() }
        guard let output = fdopen(dup(pty.slave), "w"), let input = fdopen(dup(pty.slave), "r") else {
            Report.say("fdopen failed")
            return
        }
        let theme: Theme
        do { theme = try ThemeLoader.resolve("default") } catch { Report.say("theme: \(error)"); return }
        guard let screen = TerminalScreen(theme: theme, noColor: false, terminalType: terminalType, output: output, input: input) else {
            Report.say("ncurses does not know TERM=\(terminalType)")
            return
        }
        let snapshot = BenchData.snapshot()
        let logs = BenchData.logs()
        let frame = BenchData.frame(snapshot, logs: logs, now: BenchData.start)
        guard screen.size == (BenchData.width, BenchData.height) else {
            Report.say("ncurses sees \(screen.size), not \(BenchData.width)x\(BenchData.height)")
            screen.shutdown()
            return
        }
        func bytes(_ label: String, show: Bool = false, target: String? = nil, _ draw: () -> Int) -> Int {
            let before = pty.settle()
            let cells = draw()
            let after = pty.settle()
            let sent = after - before
            Report.say("\(label): \(sent) bytes, \(cells) cells written by the diff" + (target.map { "  [target \($0)]" } ?? ""))
            if show && sent > 0 && sent < 400 { Report.say("  sent: \(pty.visibleTail(sent))") }
            return sent
        }
        let setup = pty.settle()
        Report.say("curses start-up (newterm, colours): \(setup) bytes")
        _ = bytes("first frame (clear + every cell)") { screen.draw(frame) }
        _ = bytes("same frame again", show: true) { screen.draw(frame) }
        var oneCell = frame
        let (x, y) = firstDigit(in: frame)
        oneCell.put(frame[x, y].grapheme == "9" ? "8" : "9", x: x, y: y, style: frame[x, y].style)
        let one = bytes("one changed cell (a digit at \(x),\(y))", show: true, target: "< 100 bytes") { screen.draw(oneCell) }
        Report.say("one changed cell: \(Report.verdict(one < 100)) the < 100 bytes target")
        _ = bytes("clock tick (frame one second later)", show: true) {
            screen.draw(BenchData.frame(snapshot, logs: logs, now: BenchData.start.addingTimeInterval(1)))
        }
        let later = BenchData.frame(snapshot, logs: logs, now: BenchData.start.addingTimeInterval(61))
        _ = bytes("a minute later (clock and every age)") { screen.draw(later) }
        _ = bytes("full repaint (Ctrl-L: invalidate + draw)") {
            screen.invalidate()
            return screen.draw(later)
        }
        screen.shutdown()
        Report.say("curses shutdown: \(pty.settle()) bytes in all")
    }

    /// A digit in the Services or Host figures: what changes when one value changes.
    static func firstDigit(in grid: CellGrid) -> (Int, Int) {
        for y in 3..<grid.height {
            for x in 0..<grid.width where grid[x, y].grapheme.first?.isNumber == true && grid[x, y].width == 1 {
                return (x, y)
            }
        }
        return (grid.width / 2, grid.height / 2)
    }
}
