import TriageCore

/// Classifies a query's samples against its thresholds; the worst sample decides the state.
public enum PrometheusQueryEvaluator {
    public static func evaluate(_ spec: PrometheusQuerySpec, response: Result<PrometheusResponse, PrometheusResponse.ParseError>) -> PrometheusQueryResult {
        switch response {
        case .failure(let error):
            return PrometheusQueryResult(resultType: "", samples: [], state: .unknown, reason: error.description)
        case .success(let parsed):
            guard parsed.resultType == "vector" || parsed.resultType == "scalar" else {
                return PrometheusQueryResult(
                    resultType: parsed.resultType, samples: [], state: .unknown,
                    reason: "unsupported result type \(parsed.resultType) (use an instant query)")
            }
            guard !parsed.samples.isEmpty else {
                return PrometheusQueryResult(resultType: parsed.resultType, samples: [], state: .unknown, reason: "no data (empty result)")
            }
            var samples = parsed.samples
            for index in samples.indices { samples[index].state = spec.thresholds.classify(samples[index].value) }
            let worst = samples.indices.max { samples[$0].state < samples[$1].state }!
            let state = samples[worst].state
            var reason: String?
            if state != .ok {
                let sample = samples[worst]
                let why = spec.thresholds.explain(sample.value) ?? ValueThresholds.format(sample.value)
                let labels = sample.labels.isEmpty ? "" : sample.labelText + " "
                let others = samples.filter { $0.state == state }.count - 1
                reason = labels + why + (others > 0 ? " (+\(others) more)" : "")
            }
            return PrometheusQueryResult(resultType: parsed.resultType, samples: samples, state: state, reason: reason)
        }
    }
}
