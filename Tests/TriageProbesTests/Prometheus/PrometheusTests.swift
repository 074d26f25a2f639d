import Foundation
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

@Suite("Prometheus queries")
struct PrometheusTests {
    func rows(_ results: [ServiceCheckResult]) -> [PrometheusQueryResult] {
        results.compactMap { if case .prometheus(let result) = $0.detail { result } else { nil } }
    }

    @Test func parsesVectorScalarAndErrors() throws {
        let vector = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"web","instance":"é-1"},"value":[1700000000.5,"0"]},{"metric":{},"value":[1700000000,"+Inf"]}]}}"#
        let parsed = try PrometheusResponse.parse(Array(vector.utf8)).get()
        #expect(parsed.resultType == "vector")
        #expect(parsed.samples.count == 2)
        #expect(parsed.samples[0].labelText == #"up{instance="é-1", job="web"}"#)
        #expect(parsed.samples[0].timestamp == 1_700_000_000.5)
        #expect(parsed.samples[1].value == .infinity)
        let scalar = try PrometheusResponse.parse(Array(#"{"status":"success","data":{"resultType":"scalar","result":[1.5,"42"]}}"#.utf8)).get()
        #expect(scalar.samples.map(\.value) == [42])
        let error = PrometheusResponse.parse(Array(#"{"status":"error","errorType":"bad_data","error":"parse error"}"#.utf8))
        #expect(error == .failure(.serverError(type: "bad_data", message: "parse error")))
        #expect(PrometheusResponse.parse(Array("<html>".utf8)) == .failure(.malformed("not JSON: <html>")))
    }

    @Test func roundAgainstAPrometheusStandIn() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let url = server.base
        let specs = [
            PrometheusQuerySpec(name: "web up", serverURL: url, query: #"up{job="web"}"#, thresholds: ValueThresholds(critBelow: 0.5)),
            PrometheusQuerySpec(name: "5xx rate", serverURL: url + "/", query: #"sum(rate(http_requests_total{status=~"5.."}[5m]))"#, thresholds: ValueThresholds(warnAbove: 0.01, critAbove: 0.05)),
            PrometheusQuerySpec(name: "calm", serverURL: url, query: "low_error_rate", thresholds: ValueThresholds(warnAbove: 0.01, critAbove: 0.05)),
            PrometheusQuerySpec(name: "scalar", serverURL: url, query: "scalar(42)", thresholds: ValueThresholds(warnAbove: 40)),
            PrometheusQuerySpec(name: "empty", serverURL: url, query: "empty", thresholds: ValueThresholds(critBelow: 1)),
            PrometheusQuerySpec(name: "bad query", serverURL: url, query: "rate(", thresholds: ValueThresholds()),
            PrometheusQuerySpec(name: "matrix", serverURL: url, query: "range[5m]"),
            PrometheusQuerySpec(name: "nan", serverURL: url, query: "nan", thresholds: ValueThresholds(critAbove: 1)),
            PrometheusQuerySpec(name: "slow", serverURL: url, query: "slow", timeout: .seconds(1)),
            PrometheusQuerySpec(name: "not prometheus", serverURL: url, query: "garbage"),
        ]
        let results = rows(await PrometheusQueryRunner(specs: specs).runRound())
        #expect(results.map(\.state) == [.crit, .crit, .ok, .warn, .unknown, .unknown, .unknown, .unknown, .unknown, .unknown])
        #expect(results[0].samples.count == 2)
        #expect(results[0].samples.map(\.state) == [.ok, .crit])
        #expect(results[0].reason == #"up{instance="web-2:8080", job="web"} 0 ≤ crit_below 0.5 (1 of 2 series bad)"#)
        #expect(results[1].reason == "0.07 ≥ crit_above 0.05")
        #expect(results[2].samples.first?.labels == ["service": "api"])
        #expect(results[3].reason == "42 ≥ warn_above 40")
        #expect(results[4].reason == "no data (empty result)")
        #expect(results[5].reason == #"bad_data: invalid parameter "query": 1:5: parse error: unexpected end of input"#)
        #expect(results[6].reason == "unsupported result type matrix (use an instant query)")
        #expect(results[7].samples.first?.value.isNaN == true)
        #expect(results[8].reason == "timed out after 1s")
        #expect(results[9].reason == "unreadable Prometheus response: not JSON: <html>proxy error</html>")
    }

    @Test func refusedServer() async throws {
        let closed = try await LoopbackServer.start()
        await closed.stop()
        let results = rows(await PrometheusQueryRunner(specs: [PrometheusQuerySpec(name: "down", serverURL: closed.base, query: "up")]).runRound())
        #expect(results.first?.state == .unknown)
        #expect(results.first?.reason?.contains("Couldn't connect to server") == true)
    }
}
