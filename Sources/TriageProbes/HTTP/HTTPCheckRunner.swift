import Foundation
import TriageCore

/// Runs one round of every HTTP check through a single curl process.
///
/// Hand `runRound` to a `ProbeLoop` with `roundDeadline` as its deadline. Every body is written to
/// a private temporary directory, capped at the largest `max_body` (see `CurlBatch.cappedCommand`);
/// checks with a body condition read their own prefix back. Each result is a raw round state; feed
/// it to the check's `CheckStateMachine` for what the pane shows.
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

    /// Each TLS endpoint's chain, from the first transfer to it that described one.
    ///
    /// curl writes `%{certs}` only on the transfer that made the connection; the others reuse it
    /// and report nothing. The first transfer to a host:port in a fresh curl cannot reuse one, so
    /// every endpoint that answered has facts, and every check on it gets them.
    static func certificatesByEndpoint(endpoints: [String?], transfers: [Int: CurlTransfer]) -> [String: CertificateFacts] {
        var facts: [String: CertificateFacts] = [:]
        for (index, endpoint) in endpoints.enumerated() {
            guard let endpoint, facts[endpoint] == nil, let text = transfers[index]?.certificates,
                let found = CurlCertinfo.facts(text)
            else { continue }
            facts[endpoint] = found
        }
        return facts
    }

    public func runRound() async -> [ServiceCheckResult] {
        guard !specs.isEmpty else { return [] }
        // Every body goes to a file, read or not, so that the size cap holds for all of them: a
        // body sent to /dev/null was downloaded whole, 64 MiB every round.
        let scratch = TemporaryDirectory(prefix: "triage-http")
        defer { scratch?.remove() }
        let requests = specs.enumerated().map { index, spec in
            var request = CurlRequest(
                url: spec.url, method: spec.method, headers: spec.headers, maxTime: spec.timeout,
                verifyTLS: spec.verifyTLS, bodyPath: scratch?.file("\(index)"))
            request.headerPath = spec.expectHeaders.isEmpty ? nil : scratch?.file("h\(index)")
            request.followRedirects = spec.followRedirects
            return request
        }
        // One process, one limit: the largest max_body; each check reads only its own prefix.
        let limit = specs.map(\.maxBody).max() ?? (1 << 20)
        let result = await batch.run(requests, slack: Self.slack, fileSizeLimit: scratch == nil ? nil : limit)
        let now = wallClock()
        let endpoints = specs.map { CurlCertinfo.endpoint(ofURL: $0.url) }
        let certificates = Self.certificatesByEndpoint(endpoints: endpoints, transfers: result.transfers)
        return specs.enumerated().map { index, spec in
            let body = spec.readsBody ? scratch?.readPrefix("\(index)", limit: min(bodyLimit, spec.maxBody)) : nil
            let headers = spec.expectHeaders.isEmpty
                ? nil : scratch?.readPrefix("h\(index)", limit: 64 << 10).map { ResponseHeaders.parse(String(decoding: $0, as: UTF8.self)) }
            let evaluated = HTTPCheckEvaluator.evaluate(
                spec, transfer: result.transfers[index], body: body, batchFailure: result.processFailure, now: now,
                certificate: endpoints[index].flatMap { certificates[$0] }, headers: headers,
                // curl's size_download stops short of the cap (the failing write is not counted):
                // the file at the limit is what says the cap, not the disk, failed the write.
                bodyCapped: result.transfers[index]?.exitCode == 23 && (scratch?.fileSize("\(index)") ?? 0) >= limit)
            return ServiceCheckResult(name: spec.name, detail: .http(evaluated), checkedAt: now)
        }
    }
}
