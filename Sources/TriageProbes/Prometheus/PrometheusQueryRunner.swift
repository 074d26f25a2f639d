import Foundation
import TriageCore

/// Runs one round of every Prometheus query through a single curl process (`GET /api/v1/query`).
///
/// The query is URL-encoded by curl (`data-urlencode`), each answer is written to a private
/// temporary file and read back (at most `responseLimit` bytes), then classified.
public struct PrometheusQueryRunner: Sendable {
    public var specs: [PrometheusQuerySpec]
    public var batch: CurlBatch
    public var responseLimit: Int
    public var wallClock: @Sendable () -> Date

    public init(specs: [PrometheusQuerySpec], batch: CurlBatch = CurlBatch(), responseLimit: Int = 8 << 20, wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.specs = specs
        self.batch = batch
        self.responseLimit = responseLimit
        self.wallClock = wallClock
    }

    /// As for HTTP checks: every wave of the batch, plus the slack.
    public var roundDeadline: Duration {
        batch.deadline(forMaxTimes: specs.map(\.timeout), slack: HTTPCheckRunner.slack)
    }

    public func runRound() async -> [ServiceCheckResult] {
        guard !specs.isEmpty else { return [] }
        let now = { wallClock() }
        guard let scratch = TemporaryDirectory(prefix: "triage-prom") else {
            return specs.map {
                ServiceCheckResult(name: $0.name, detail: .prometheus(PrometheusQueryResult(resultType: "", samples: [], state: .unknown, reason: "cannot create a temporary directory")), checkedAt: now())
            }
        }
        defer { scratch.remove() }
        let requests = specs.enumerated().map { index, spec in
            CurlRequest(
                url: spec.queryEndpoint, headers: spec.headers, maxTime: spec.timeout, verifyTLS: spec.verifyTLS,
                bodyPath: scratch.file("\(index)"), queryParameters: [("query", spec.query)])
        }
        let result = await batch.run(requests, slack: HTTPCheckRunner.slack)
        let finished = now()
        return specs.enumerated().map { index, spec in
            ServiceCheckResult(name: spec.name, detail: .prometheus(evaluate(spec, transfer: result.transfers[index], body: scratch.readPrefix("\(index)", limit: responseLimit), batchFailure: result.processFailure)), checkedAt: finished)
        }
    }

    func evaluate(_ spec: PrometheusQuerySpec, transfer: CurlTransfer?, body: [UInt8]?, batchFailure: String?) -> PrometheusQueryResult {
        func unknown(_ reason: String) -> PrometheusQueryResult {
            PrometheusQueryResult(resultType: "", samples: [], state: .unknown, reason: reason)
        }
        guard let transfer else { return unknown(batchFailure ?? "curl reported nothing for this query") }
        let exitCode = transfer.exitCode ?? 0
        if exitCode == 28 { return unknown("timed out after \(DurationText.format(spec.timeout))") }
        guard let code = transfer.httpCode, code > 0 else {
            return unknown(transfer.errorMessage ?? "no response (curl exit \(exitCode))")
        }
        let parsed = PrometheusResponse.parse(body ?? [])
        // Prometheus explains 4xx/5xx in a JSON error body; use it when there is one.
        if code / 100 != 2, case .failure(.malformed) = parsed { return unknown("HTTP \(code) from \(spec.queryEndpoint)") }
        return PrometheusQueryEvaluator.evaluate(spec, response: parsed)
    }
}
