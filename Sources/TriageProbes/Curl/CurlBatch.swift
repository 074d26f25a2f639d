import Foundation
import TriageCore

/// Runs many requests through one `curl --parallel` process and maps each result back to its request.
///
/// One process per round instead of one per URL: 100 endpoints cost ~45 ms of wall time instead of
/// ~0.6 s (ENGINEERING-NOTES). `--parallel-immediate` matters against servers that close each
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

    /// Runs the batch; the process deadline is the slowest request's `maxTime` plus `slack`.
    public func run(_ requests: [CurlRequest], slack: Duration = .seconds(2)) async -> Result {
        let config = CurlConfigWriter.render(requests)
        let slowest = requests.map(\.maxTime).max() ?? .seconds(5)
        let outcome = await ProcessRunner.run(
            curl, Self.arguments(parallelMax: parallelMax), deadline: slowest + slack,
            outputLimit: 16 << 20, stdin: Array(config.utf8))
        let transfers = CurlTransfer.parseLines(String(decoding: outcome.stdout, as: UTF8.self))
        return Result(transfers: CurlTransfer.assign(transfers, toRequestURLs: requests.map(\.url)), process: outcome)
    }
}
