import Foundation
import TriageCore

/// Sends requests to one Alertmanager through a single curl process (argv curl, config and
/// headers on stdin) and says, per request, the body that came back or why none did.
public struct AlertmanagerClient: Sendable {
    public var spec: AlertmanagerSpec
    public var batch: CurlBatch
    /// The most of an answer read back: a few thousand alerts fit in far less.
    public var responseLimit: Int

    public init(spec: AlertmanagerSpec, batch: CurlBatch = CurlBatch(), responseLimit: Int = 16 << 20) {
        self.spec = spec
        self.batch = batch
        self.responseLimit = responseLimit
    }

    /// One round's two requests against `spec.timeout` each, with the batch's slack.
    public var roundDeadline: Duration { batch.deadline(forMaxTimes: [spec.timeout, spec.timeout], slack: HTTPCheckRunner.slack) }

    /// A request to `path` under `/api/v2/` with the configured headers, timeout and TLS checking.
    public func request(_ path: String, method: String = "GET", query: [(name: String, value: String)] = [], body: String? = nil) -> CurlRequest {
        var request = CurlRequest(
            url: spec.endpoint(path), method: method, headers: spec.headers + (body == nil ? [] : [HTTPHeader(name: "Content-Type", value: "application/json")]),
            maxTime: spec.timeout, verifyTLS: spec.verifyTLS, queryParameters: query)
        request.body = body
        return request
    }

    /// Runs the requests at once; each answer is its 2xx body, or the reason it is not there:
    /// curl's error, "timed out after 5s", or Alertmanager's own words for a 4xx/5xx.
    public func send(_ requests: [CurlRequest]) async -> [Result<[UInt8], AlertmanagerResponse.ParseError>] {
        guard let scratch = TemporaryDirectory(prefix: "triage-am") else {
            return requests.map { _ in .failure(.malformed("cannot create a temporary directory")) }
        }
        defer { scratch.remove() }
        var written = requests
        for index in written.indices { written[index].bodyPath = scratch.file("\(index)") }
        let result = await batch.run(written, slack: HTTPCheckRunner.slack)
        return written.indices.map { index in
            guard let transfer = result.transfers[index] else {
                return .failure(.unreachable(result.processFailure ?? "curl reported nothing for this request"))
            }
            let exitCode = transfer.exitCode ?? 0
            if exitCode == 28 { return .failure(.unreachable("timed out after \(DurationText.format(spec.timeout))")) }
            guard let code = transfer.httpCode, code > 0 else {
                return .failure(.unreachable(transfer.errorMessage ?? "no response (curl exit \(exitCode))"))
            }
            let body = scratch.readPrefix("\(index)", limit: responseLimit) ?? []
            guard code / 100 == 2 else {
                let said = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                let message = (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])).flatMap {
                    ($0 as? String) ?? (($0 as? [String: Any])?["message"] as? String)
                } ?? said
                return .failure(.serverError("HTTP \(code)" + (message.isEmpty ? "" : ": " + message)))
            }
            return .success(body)
        }
    }
}
