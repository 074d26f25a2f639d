import Foundation

/// The process's entry point: `Triage.main()` run as a task while the main thread waits.
///
/// Not an async `main`: on Linux an async main ends the main thread with `pthread_exit` (inside
/// `dispatch_main`), whose forced unwind loads libgcc_s and reads the binary's unwind tables
/// (`.eh_frame_hdr`, `.eh_frame`): ~0.9 MB that then stayed resident for the dashboard's whole life
/// (docs/PERFORMANCE.md (k)). Everything else is as the async main had it: the main thread blocks
/// the asynchronous signals first, as `dispatch_main` does before it exits, so every thread created
/// after it inherits them blocked and the dashboard's signal sources (signalfd) still receive them;
/// `Triage.main()` runs off the main thread; returning from it exits with 0, as an async main's
/// end does; its errors exit through ArgumentParser's `exit(withError:)` as before.
@main
enum TriageEntry {
    static func main() {
        blockAsynchronousSignals()
        Task.detached {
            await Triage.main()
            exit(0)
        }
        // Nothing is delivered here (all but the synchronous signals are blocked): the task's
        // `exit` ends the process.
        while true { pause() }
    }

    /// The signals `dispatch_main` blocks on the main thread: all but those a fault raises on the
    /// faulting thread (and SIGPIPE, SIGPROF).
    static func blockAsynchronousSignals() {
        var mask = sigset_t()
        sigfillset(&mask)
        for number in [SIGILL, SIGTRAP, SIGFPE, SIGBUS, SIGSEGV, SIGSYS, SIGPIPE, SIGPROF] { sigdelset(&mask, number) }
        pthread_sigmask(SIG_BLOCK, &mask, nil)
    }
}
