import Foundation
import Synchronization
import TriageCore

/// Runs many requests through one `curl --parallel` process and maps each result back to its request.
///
/// One process per round instead of one per URL: 100 endpoints cost ~45 ms of wall time instead of
/// ~0.6 s (docs/PERFORMANCE.md has the figures). `--parallel-immediate` matters against servers that close each
/// connection; `--no-progress-meter` is the only switch that silences curl 7.88's parallel meter.
/// The config goes to curl on stdin, so headers never appear on a command line or on disk. Each
/// transfer's result comes back on stderr the moment it ends (`CurlWriteOut`); with `sharing`, the
/// rounds that start together go through one process (`CurlBatchSharing`).
public struct CurlBatch: Sendable {
    public struct Result: Sendable {
        /// One entry per request index that curl reported on.
        public var transfers: [Int: CurlTransfer]
        public var process: ProcessOutcome
        /// Why curl as a whole failed (missing binary, killed at the deadline, bad option), if it did.
        public var processFailure: String? {
            switch process.exitStatus {
            case .failedToStart, .timedOut, .cancelled, .signaled: process.failureReason
            case .exited(2): process.failureReason  // CURLE_FAILED_INIT: options or config rejected
            case .exited: nil  // per-transfer errors are in each transfer's exitcode
            }
        }
    }

    public var curl: String
    public var parallelMax: Int
    /// Where batches started together are merged into one curl; nil runs each batch alone.
    public var sharing: CurlBatchSharing?

    public init(curl: String = "curl", parallelMax: Int = 50, sharing: CurlBatchSharing? = nil) {
        self.curl = curl
        self.parallelMax = parallelMax
        self.sharing = sharing
    }

    /// This batch, sharing its processes through `sharing`.
    public func shared(through sharing: CurlBatchSharing) -> CurlBatch {
        var copy = self
        copy.sharing = sharing
        return copy
    }

    public static func arguments(parallelMax: Int) -> [String] {
        // `--disable` must come first: it stops ~/.curlrc from changing what curl writes.
        ["--disable", "--parallel", "--parallel-immediate", "--parallel-max", String(parallelMax), "--no-progress-meter", "-K", "-"]
    }

    /// How long a batch of requests with these `max-time`s may run, `slack` included.
    ///
    /// curl runs at most `parallelMax` transfers at once, so n requests are ceil(n / parallelMax)
    /// waves, each at worst as long as the slowest `max-time`. A deadline of one `max-time` killed
    /// curl before it reached the later waves: 10,000 checks against a healthy server on this
    /// machine take ~20 s, and every round ended with every check "timed out".
    public func deadline(forMaxTimes maxTimes: [Duration], slack: Duration) -> Duration {
        let slowest = maxTimes.max() ?? .seconds(5)
        let width = max(1, parallelMax)
        let waves = max(1, (maxTimes.count + width - 1) / width)
        return slowest * waves + slack
    }

    /// The argv that runs curl with every file it writes capped at `fileSizeLimit` bytes.
    ///
    /// curl 7.88's `--max-filesize` trusts Content-Length and lets a chunked body through whole, so
    /// the cap is the kernel's: `prlimit --fsize` sets RLIMIT_FSIZE, and `env --ignore-signal=XFSZ`
    /// turns the signal past it into EFBIG, which fails only that transfer's write ("Failure
    /// writing output", exit 23) while the others go on. Both exec, so the pid, its process group
    /// and the deadline are curl's. nil when curl (or env/prlimit) cannot be found: curl then runs
    /// bare and reports itself missing in the usual words.
    public func cappedCommand(fileSizeLimit: Int) -> (executable: String, arguments: [String])? {
        guard case .success(let curlPath) = ExecutableResolver.resolve(curl),
            case .success = ExecutableResolver.resolve("env"), case .success = ExecutableResolver.resolve("prlimit")
        else { return nil }
        return ("env", ["--ignore-signal=XFSZ", "prlimit", "--fsize=\(fileSizeLimit)", "--", curlPath] + Self.arguments(parallelMax: parallelMax))
    }

    /// Runs the batch; the process deadline covers every wave (see `deadline(forMaxTimes:slack:)`).
    /// With `fileSizeLimit`, no body file grows past that many bytes (see `cappedCommand`).
    public func run(_ requests: [CurlRequest], slack: Duration = .seconds(2), fileSizeLimit: Int? = nil) async -> Result {
        if let sharing { return await sharing.run(requests, slack: slack, fileSizeLimit: fileSizeLimit, batch: self) }
        return await runAlone(requests, slack: slack, fileSizeLimit: fileSizeLimit, onTransfer: nil)
    }

    /// One curl process for `requests`; `onTransfer` gets each transfer, by request index, as curl reports it.
    func runAlone(
        _ requests: [CurlRequest], slack: Duration, fileSizeLimit: Int?,
        onTransfer: (@Sendable (Int, CurlTransfer) async -> Void)?
    ) async -> Result {
        let marker = CurlWriteOut.newMarker()
        let config = CurlConfigWriter.render(requests, marker: marker)
        let command = fileSizeLimit.flatMap { cappedCommand(fileSizeLimit: $0) } ?? (curl, Self.arguments(parallelMax: parallelMax))
        let deadline = deadline(forMaxTimes: requests.map(\.maxTime), slack: slack)
        let reader = RecordReader(marker: marker)
        let termination = await ProcessRunner.stream(
            command.executable, command.arguments, environment: [:], deadline: deadline, stdin: Array(config.utf8),
            stdout: .head(0),
            stderr: .forward { chunk in
                for transfer in reader.feed(chunk) {
                    if let onTransfer, let number = transfer.urlNumber, requests.indices.contains(number) { await onTransfer(number, transfer) }
                }
            })
        let outcome = ProcessOutcome(
            executable: termination.executable, exitStatus: termination.exitStatus, stderr: reader.otherText,
            duration: termination.duration, deadline: deadline, processID: termination.processID)
        return Result(transfers: CurlTransfer.assign(reader.transfers, toRequestURLs: requests.map(\.url)), process: outcome)
    }

    /// The stderr reader of one run, fed from the pipe's drain task and read after it ends.
    private final class RecordReader: Sendable {
        private struct State {
            var reader: CurlWriteOut.Reader
            var transfers: [CurlTransfer] = []
        }
        private let state: Mutex<State>

        init(marker: String) {
            state = Mutex(State(reader: CurlWriteOut.Reader(marker: marker)))
        }

        func feed(_ chunk: [UInt8]) -> [CurlTransfer] {
            state.withLock { state in
                let finished = state.reader.feed(chunk)
                state.transfers += finished
                return finished
            }
        }

        var transfers: [CurlTransfer] { state.withLock { $0.transfers } }
        var otherText: [UInt8] { state.withLock { $0.reader.otherText } }
    }
}
