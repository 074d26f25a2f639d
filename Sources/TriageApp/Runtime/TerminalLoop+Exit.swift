import Foundation
import TriageTerminal
import TriageUI

extension TerminalLoop {
    /// Gives unsaved incident changes a bounded time to commit, showing the count while it waits,
    /// before the screen goes; whatever is left is reported by `DashboardRunner.run()` after the teardown.
    func flushBeforeExit(session: IncidentSession, app: inout TerminalApp, screen: TerminalScreen) {
        guard let writer = session.writer, !writer.status().pending.isEmpty else { return }
        let timeout = parts.options.flushTimeout
        let deadline = ContinuousClock.now + timeout
        // `finish` retries at once instead of after the backoff, then stops the writer; `run()`
        // collects what is left once the screen is gone.
        let flushing = Thread { _ = writer.finish(within: timeout) }
        flushing.start()
        while ContinuousClock.now < deadline {
            session.refreshPending()
            let pending = session.writeStatus.pending.count
            if pending == 0 { break }
            app.ui.flash = StyledLine("saving \(pending) incident change\(pending == 1 ? "" : "s") before exit…", CellStyle(.warn, [.bold]))
            let (width, height) = screen.size
            screen.draw(app.render(parts.store.read().0, width: width, height: height, now: Date()))
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}
