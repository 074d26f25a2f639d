import Foundation
import TriageCore

/// Runs many requests through one `curl --parallel` process and maps each result back to its request.
///
/// One process per round instead of one per URL: 100 endpoints cost ~45 ms of wall time instead of
/// ~0.6 s (docs/PERFORMANCE.md has the figures). `--parallel-immediate` matters against servers that close each
/// connection; `--no-progress-meter` is the only switch that silences curl 7.88's parallel meter.
/// The config goes to curl on stdin, so headers never appear on a command line or on disk.
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

    public init(curl: String = "curl", parallelMax: Int = 50) {
        self.curl = curl
        self.parallelMax = parallelMax
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
        let config = CurlConfigWriter.render(requests)
        let command = fileSizeLimit.flatMap { cappedCommand(fileSizeLimit: $0) } ?? (curl, Self.arguments(parallelMax: parallelMax))
        let outcome = await ProcessRunner.run(
            command.executable, command.arguments, deadline: deadline(forMaxTimes: requests.map(\.maxTime), slack: slack),
            outputLimit: 16 << 20, stdin: Array(config.utf8))
        let transfers = CurlTransfer.parseLines(String(decoding: outcome.stdout, as: UTF8.self))
        return Result(transfers: CurlTransfer.assign(transfers, toRequestURLs: requests.map(\.url)), process: outcome)
    }
}
