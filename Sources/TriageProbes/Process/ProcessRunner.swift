import CChildGroups
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Subprocess
// FilePath comes from swift-system, which swift-subprocess depends on.
import SystemPackage

/// Runs child processes the only way triage allows: argv array, absolute binary, own process group,
/// deadline, bounded output, and nothing left behind.
///
/// Every child gets its own process group (`processGroupID = 0`), so a deadline or a cancelled
/// task can TERM, then KILL, the whole group: `sh -c 'sleep 30 & sleep 30'` and credential
/// helpers spawned by `kubectl` die with their parent. After each run the group is swept with
/// KILL once more, so a background grandchild that outlived a tool that exited by itself does not
/// become an orphan either; one that left the group (`setsid`) is ended by `OrphanReaper`. Output is read as it arrives and capped, never thrown away as an error.
public enum ProcessRunner {
    /// How long the group gets between TERM and KILL.
    public static let terminationGrace: Duration = .milliseconds(500)

    /// After the leader exits, how long a lingering grandchild may keep the pipes open before it is killed.
    static let lingerGrace: Duration = .milliseconds(200)

    static let teardownSequence: [TeardownStep] = [
        .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: terminationGrace)
    ]

    /// Runs `executable` (a name resolved on PATH, or an absolute path) to completion or deadline.
    ///
    /// Never throws: a missing binary, a spawn error, a timeout and a cancellation are all outcomes
    /// with a reason. `environment` adds to (or overrides) the inherited environment. Every run is
    /// one line of the diagnostic log (`DiagnosticLog`), when one is open.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment overrides: [String: String] = [:],
        deadline: Duration,
        outputLimit: Int = 4 << 20,
        stdin: [UInt8]? = nil
    ) async -> ProcessOutcome {
        let outcome = await runUnlogged(
            executable, arguments, environment: overrides, deadline: deadline, outputLimit: outputLimit, stdin: stdin)
        DiagnosticLog.process(arguments, outcome: outcome)
        return outcome
    }

    private static func runUnlogged(
        _ executable: String, _ arguments: [String], environment overrides: [String: String],
        deadline: Duration, outputLimit: Int, stdin: [UInt8]?
    ) async -> ProcessOutcome {
        ignoreSigpipe
        let clock = ContinuousClock()
        let start = clock.now
        let path: String
        switch ExecutableResolver.resolve(executable) {
        case .success(let found): path = found
        case .failure(let failure):
            return ProcessOutcome(executable: executable, exitStatus: .failedToStart(failure.description), deadline: deadline)
        }
        let limit = max(0, outputLimit)
        let registration = ChildRegistration()
        defer { registration.finished() }
        do {
            let result = try await Subprocess.run(
                .path(FilePath(path)), arguments: Arguments(arguments), environment: environment(overrides, executable: path),
                platformOptions: platformOptions(), input: .inputWriter, output: .sequence, error: .sequence
            ) { execution in
                registration.started(execution.processIdentifier.value)
                return await supervise(execution, deadline: deadline, stdin: stdin, stdout: .head(limit), stderr: .head(limit))
            }
            let pid = result.processIdentifier.value
            sweepGroup(pid)
            let body = result.closureResult
            let status: ProcessExitStatus =
                if body.cancelled { .cancelled } else if body.timedOut { .timedOut } else { map(result.terminationStatus) }
            return ProcessOutcome(
                executable: path, exitStatus: status, stdout: body.stdout.bytes, stderr: body.stderr.bytes,
                stdoutTruncated: body.stdout.truncated, stderrTruncated: body.stderr.truncated,
                duration: clock.now - start, deadline: deadline, processID: pid)
        } catch {
            return ProcessOutcome(
                executable: path, exitStatus: .failedToStart("\(executableName(path)): \(error)"),
                duration: clock.now - start, deadline: deadline)
        }
    }

    // MARK: Supervision of one run

    struct Captured: Sendable {
        var bytes: [UInt8] = []
        var truncated = false
    }

    /// Where one output pipe goes: the first bytes, the last bytes, or a consumer, chunk by chunk.
    enum OutputSink: Sendable {
        case head(Int)
        case tail(Int)
        case forward(@Sendable ([UInt8]) async -> Void)
    }

    struct Supervised: Sendable {
        var stdout = Captured()
        var stderr = Captured()
        var timedOut = false
        var cancelled = false
    }

    enum Event: Sendable {
        case stdout(Captured)
        case stderr(Captured)
        case stdinDone
        case deadline
        case timerStopped
        case leaderExited
        case watcherStopped
    }

    /// Drives one running child: feeds stdin, drains both pipes, and tears the group down at the
    /// deadline (nil: none), on cancellation, or when the leader exited but a grandchild holds the pipes.
    static func supervise(
        _ execution: Execution<CustomWriteInput, SequenceOutput, SequenceOutput>,
        deadline: Duration?, stdin: [UInt8]?, stdout: OutputSink, stderr: OutputSink
    ) async -> Supervised {
        await supervise(execution, deadline: deadline, stdin: stdin, stdout: stdout) { await drain(execution.standardError, into: stderr) }
    }

    /// The same for any stderr: `drainStderr` nil when stderr shares stdout's pipe (`combinedWithOutput`).
    static func supervise<ErrorOutput: ErrorOutputProtocol>(
        _ execution: Execution<CustomWriteInput, SequenceOutput, ErrorOutput>,
        deadline: Duration?, stdin: [UInt8]?, stdout: OutputSink, drainStderr: (@Sendable () async -> Captured)?
    ) async -> Supervised {
        // Listed by the caller (`ChildRegistration`) until reaped, so a crash handler or the final
        // shutdown sweep can end its group.
        let pid = execution.processIdentifier.value
        var result = Supervised()
        var tornDown = false
        await withTaskGroup(of: Event.self) { group in
            group.addTask {
                if let stdin, !stdin.isEmpty { _ = try? await execution.standardInputWriter.write(stdin) }
                try? await execution.standardInputWriter.finish()
                return .stdinDone
            }
            group.addTask { .stdout(await drain(execution.standardOutput, into: stdout)) }
            if let drainStderr { group.addTask { .stderr(await drainStderr()) } }
            group.addTask {
                do {
                    if let deadline {
                        try await Task.sleep(for: deadline)
                        return .deadline
                    }
                    while true { try await Task.sleep(for: .seconds(86_400)) }
                } catch { return .timerStopped }
            }
            group.addTask {
                await waitForLeaderExit(pid) ? .leaderExited : .watcherStopped
            }
            var openOutputs = drainStderr == nil ? 1 : 2
            while let event = await group.next() {
                switch event {
                case .stdout(let captured):
                    result.stdout = captured
                    openOutputs -= 1
                case .stderr(let captured):
                    result.stderr = captured
                    openOutputs -= 1
                case .deadline where openOutputs > 0:
                    result.timedOut = true
                    tornDown = true
                    await execution.teardown(using: teardownSequence)
                    sweepGroup(pid)
                case .timerStopped where openOutputs > 0 && Task.isCancelled:
                    result.cancelled = true
                    tornDown = true
                    await execution.teardown(using: teardownSequence)
                    sweepGroup(pid)
                case .leaderExited where openOutputs > 0:
                    // The tool is gone but something it started still holds stdout or stderr open.
                    sweepGroup(pid)
                default:
                    break
                }
                if openOutputs == 0 { group.cancelAll() }
            }
        }
        if Task.isCancelled, !tornDown {
            result.cancelled = true
            await execution.teardown(using: teardownSequence)
        }
        return result
    }

    /// Reads a pipe to its end into `sink`; a capped sink keeps draining so the child never blocks.
    static func drain(_ sequence: SubprocessOutputSequence, into sink: OutputSink) async -> Captured {
        var captured = Captured()
        do {
            for try await buffer in sequence {
                switch sink {
                case .head(let limit):
                    let room = limit - captured.bytes.count
                    if room > 0 {
                        buffer.withUnsafeBytes { raw in captured.bytes.append(contentsOf: raw.prefix(room)) }
                    }
                    if buffer.count > room { captured.truncated = true }
                case .tail(let limit):
                    buffer.withUnsafeBytes { raw in captured.bytes.append(contentsOf: raw) }
                    if captured.bytes.count > limit {
                        captured.bytes.removeFirst(captured.bytes.count - limit)
                        captured.truncated = true
                    }
                case .forward(let consumer):
                    let bytes = buffer.withUnsafeBytes { raw in [UInt8](raw) }
                    await consumer(bytes)
                }
            }
        } catch {
            // A read error or cancellation ends the drain with what arrived so far.
        }
        return captured
    }

    /// Polls without reaping (WNOWAIT) until the leader has exited; true when it has, false if cancelled.
    ///
    /// swift-subprocess reaps through a pidfd; `waitid` with WNOWAIT leaves the zombie for it, and
    /// ECHILD means it already did. Only matters when a grandchild keeps the pipes open, so the poll
    /// backs off from 10 ms to 1 s: a `docker logs -f` that runs for hours costs one syscall a second.
    static func waitForLeaderExit(_ pid: pid_t) async -> Bool {
        var pause: Duration = .milliseconds(10)
        while !Task.isCancelled {
            var info = siginfo_t()
            let rc = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if rc == -1, errno == ECHILD { break }
            if rc == 0, info._sifields._sigchld.si_pid == pid { break }
            do { try await Task.sleep(for: pause) } catch { return false }
            pause = min(pause * 2, .seconds(1))
        }
        if Task.isCancelled { return false }
        do { try await Task.sleep(for: lingerGrace) } catch { return false }
        return true
    }

    // MARK: Shared helpers

    /// KILLs whatever is left in the child's process group; ESRCH (nothing left) is the normal case.
    static func sweepGroup(_ pid: pid_t) {
        guard pid > 1 else { return }
        _ = kill(-pid, SIGKILL)
    }

    static func platformOptions() -> PlatformOptions {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = teardownSequence
        return options
    }

    /// The inherited environment with `overrides`; the docker CLI also gets the non-interactive ssh
    /// (`DockerSSHShim`), so an `ssh://` host or context can never prompt on the terminal.
    static func environment(_ overrides: [String: String], executable path: String) -> Subprocess.Environment {
        let merged = executableName(path) == "docker"
            ? DockerSSHShim.environment.merging(overrides) { _, override in override } : overrides
        if merged.isEmpty { return .inherit }
        var updates: [Subprocess.Environment.Key: String?] = [:]
        for (key, value) in merged { updates[Subprocess.Environment.Key(stringLiteral: key)] = value }
        return .inherit.updating(updates)
    }

    static func map(_ status: TerminationStatus) -> ProcessExitStatus {
        switch status {
        case .exited(let code): .exited(Int32(code))
        case .signaled(let signal): .signaled(Int32(signal))
        }
    }

    static func executableName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Writing to a child that already exited must be an error, not the death of triage.
    static let ignoreSigpipe: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}

extension ProcessRunner {
    /// Sends KILL to every child process group still running; used once at shutdown.
    @discardableResult
    public static func terminateAllChildGroups() -> Int { Int(triage_signal_child_groups(SIGKILL)) }
}
