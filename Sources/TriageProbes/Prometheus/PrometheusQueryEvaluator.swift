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
                let state = spec.emptyState ?? (spec.alertLevel != nil ? .ok : .unknown)
                return PrometheusQueryResult(
                    resultType: parsed.resultType, samples: [], state: state, reason: state == .ok ? nil : "no data (empty result)")
            }
            var samples = parsed.samples
            for index in samples.indices {
                samples[index].state = spec.alertLevel ?? spec.thresholds.classify(samples[index].value)
            }
            // The worst state; among equals the first by labels, so the row does not change with the
            // order a server happens to return series in.
            let worst = samples.indices.max { a, b in
                samples[a].state != samples[b].state
                    ? samples[a].state < samples[b].state : samples[a].labelText > samples[b].labelText
            }!
            let state = samples[worst].state
            var reason: String?
            if state != .ok {
                let sample = samples[worst]
                let value = ValueThresholds.format(sample.value)
                let why = spec.alertLevel != nil ? "returned \(value)" : spec.thresholds.explain(sample.value) ?? value
                let labels = sample.labels.isEmpty ? "" : sample.labelText + " "
                // The worst series, and how many of all returned are not ok.
                let bad = samples.filter { $0.state != .ok }.count
                reason = labels + why + (samples.count > 1 ? " (\(bad) of \(samples.count) series bad)" : "")
            }
            return PrometheusQueryResult(resultType: parsed.resultType, samples: samples, state: state, reason: reason)
        }
    }
}
