import Foundation
import TriageCore

/// Runs one round of every HTTP check through a single curl process.
///
/// Hand `runRound` to a `ProbeLoop` with `roundDeadline` as its deadline. Checks with
/// `expect_body` get their body written to a private temporary directory and read back (the first
/// `bodyLimit` bytes); the others discard it. Each result is a raw round state; feed it to the
/// check's `CheckStateMachine` for what the pane shows.
public struct HTTPCheckRunner: Sendable {
    public var specs: [HTTPCheckSpec]
    public var batch: CurlBatch
    public var bodyLimit: Int
    public var wallClock: @Sendable () -> Date

    public init(specs: [HTTPCheckSpec], batch: CurlBatch = CurlBatch(), bodyLimit: Int = 1 << 20, wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.specs = specs
        self.batch = batch
        self.bodyLimit = bodyLimit
        self.wallClock = wallClock
    }

    /// The slowest check's timeout for every wave of `--parallel-max` transfers, plus the slack
    /// curl gets to report and exit: the batch's own deadline.
    public var roundDeadline: Duration {
        batch.deadline(forMaxTimes: specs.map(\.timeout), slack: Self.slack)
    }

    static let slack: Duration = .seconds(2)

    public func runRound() async -> [ServiceCheckResult] {
        guard !specs.isEmpty else { return [] }
        let needsBodies = specs.contains { $0.expectBody != nil }
        let scratch = needsBodies ? TemporaryDirectory(prefix: "triage-http") : nil
        defer { scratch?.remove() }
        let requests = specs.enumerated().map { index, spec in
            CurlRequest(
                url: spec.url, method: spec.method, headers: spec.headers, maxTime: spec.timeout,
                verifyTLS: spec.verifyTLS, bodyPath: spec.expectBody != nil ? scratch?.file("\(index)") : nil)
        }
        let result = await batch.run(requests, slack: Self.slack)
        let now = wallClock()
        return specs.enumerated().map { index, spec in
            let body = spec.expectBody != nil ? scratch?.readPrefix("\(index)", limit: bodyLimit) : nil
            let evaluated = HTTPCheckEvaluator.evaluate(
                spec, transfer: result.transfers[index], body: body, batchFailure: result.processFailure, now: now)
            return ServiceCheckResult(name: spec.name, detail: .http(evaluated), checkedAt: now)
        }
    }
}
