import CTerminalShim

/// What the terminfo database says about a terminal type, read without starting curses.
///
/// `triage doctor` uses it to tell "TERM names a terminal ncurses does not know" (the dashboard
/// cannot start) apart from "known, but without colours" before the person tries the dashboard.
public struct TerminfoEntry: Sendable, Equatable {
    /// The entry's `colors` capability; 0 when it has none.
    public var colours: Int

    /// The entry for `terminalType`, or nil when terminfo has none.
    public static func lookup(_ terminalType: String) -> TerminfoEntry? {
        let colours = triage_terminfo_colours(terminalType)
        return colours < 0 ? nil : TerminfoEntry(colours: Int(colours))
    }
}
