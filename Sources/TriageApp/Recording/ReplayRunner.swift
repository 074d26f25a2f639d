import Dispatch
import Foundation
import TriageCore
import TriageTerminal
import TriageUI
#if canImport(Glibc)
import Glibc
#endif

/// `triage replay` and `triage drill`: draws a ``PlaybackScreen`` on the terminal and moves its
/// clock with real time.
///
/// One thread (the caller's) owns ncurses, as in the dashboard. No probe, no log stream and no
/// command runner is started: the outage drawn comes from the recording alone (a drill's screen
/// writes its own practice incident through its session). While playing it draws four times a
/// second; paused, it sleeps until a key or the next second.
public final class ReplayRunner<Screen: PlaybackScreen> {
    /// How often a playing replay moves its clock and draws.
    static var frameInterval: Duration { .milliseconds(250) }

    private var screen: Screen
    private let theme: Theme
    private let noColor: Bool
    /// Raised by a terminating signal.
    private let stop = ChangeFlag()

    public init(screen: Screen, theme: Theme, noColor: Bool) {
        self.screen = screen
        self.theme = theme
        self.noColor = noColor
    }

    /// Runs until `q`, Ctrl-C or a terminating signal.
    public func run() {
        let sources = [SIGINT, SIGTERM, SIGHUP, SIGQUIT].map { number in
            // As in the dashboard: ncurses must not exit from a signal handler without restoring the terminal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [stop] in stop.raise() }
            source.resume()
            return source
        }
        defer { for source in sources { source.cancel() } }
        let terminal = TerminalScreen(theme: theme, noColor: noColor)
        defer {
            terminal.shutdown()
            screen.finish()
        }
        var last = ContinuousClock.now
        var dirty = true
        while !stop.consume() {
            let now = ContinuousClock.now
            let elapsed = last.duration(to: now)
            last = now
            if !screen.clock.paused, !screen.clock.atEnd {
                screen.clock.advance(realSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                dirty = true
            }
            if screen.refresh(now: Date()) { dirty = true }
            if dirty {
                let (width, height) = terminal.size
                _ = terminal.draw(screen.frame(width: width, height: height, now: Date()))
                dirty = false
            }
            let idle = screen.clock.paused || screen.clock.atEnd
            var deadline = ContinuousClock.now + (idle ? .seconds(1) : Self.frameInterval)
            if let paste = terminal.inputDeadline { deadline = min(deadline, paste) }
            TerminalLoop.poll([pollfd(fd: terminal.inputDescriptor, events: Int16(POLLIN), revents: 0)], until: deadline)
            for event in terminal.readInput() {
                switch event {
                case .key(.resize): dirty = true
                case .key(let key):
                    if screen.handle(key) == .quit { return }
                    dirty = true
                case .paste:
                    _ = screen.handle(.char("\u{0}"))
                    dirty = true
                }
            }
        }
    }
}
