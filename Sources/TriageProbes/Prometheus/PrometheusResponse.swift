import Foundation
import TriageCore

/// The parts of a Prometheus `/api/v1/query` answer triage uses, parsed from its JSON.
///
/// Sample values arrive as strings ("0.05", "NaN", "+Inf") next to a float timestamp; both vector
/// and scalar results become samples (a scalar has no labels).
public struct PrometheusResponse: Sendable, Equatable {
    public var resultType: String
    public var samples: [PrometheusSample]

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// `{"status":"error","errorType":"bad_data","error":"…"}`
        case serverError(type: String, message: String)
        case malformed(String)

        public var description: String {
            switch self {
            case .serverError(let type, let message): type.isEmpty ? message : "\(type): \(message)"
            case .malformed(let detail): "unreadable Prometheus response: \(detail)"
            }
        }
    }

    public static func parse(_ bytes: [UInt8]) -> Result<PrometheusResponse, ParseError> {
        guard !bytes.isEmpty else { return .failure(.malformed("empty body")) }
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            let start = String(decoding: bytes.prefix(80), as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
            return .failure(.malformed("not JSON: \(start)"))
        }
        let status = root["status"] as? String
        if status == "error" {
            return .failure(.serverError(type: root["errorType"] as? String ?? "", message: root["error"] as? String ?? "query failed"))
        }
        guard status == "success", let data = root["data"] as? [String: Any], let type = data["resultType"] as? String else {
            return .failure(.malformed("no data.resultType"))
        }
        switch type {
        case "vector":
            guard let series = data["result"] as? [[String: Any]] else { return .failure(.malformed("vector without result list")) }
            var samples: [PrometheusSample] = []
            for entry in series {
                guard let pair = sample(entry["value"]) else { return .failure(.malformed("vector sample without value")) }
                let labels = (entry["metric"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
                samples.append(PrometheusSample(labels: labels, value: pair.value, timestamp: pair.time))
            }
            return .success(PrometheusResponse(resultType: type, samples: samples))
        case "scalar":
            guard let pair = sample(data["result"]) else { return .failure(.malformed("scalar without value")) }
            return .success(PrometheusResponse(resultType: type, samples: [PrometheusSample(labels: [:], value: pair.value, timestamp: pair.time)]))
        default:
            return .success(PrometheusResponse(resultType: type, samples: []))
        }
    }

    /// `[1700000000.5, "0.05"]` → (time, value).
    static func sample(_ raw: Any?) -> (time: Double, value: Double)? {
        guard let pair = raw as? [Any], pair.count == 2, let text = pair[1] as? String else { return nil }
        let time = (pair[0] as? NSNumber)?.doubleValue ?? 0
        return (time, parseValue(text))
    }

    static func parseValue(_ text: String) -> Double {
        switch text {
        case "NaN": .nan
        case "+Inf", "Inf": .infinity
        case "-Inf": -.infinity
        default: Double(text) ?? .nan
        }
    }
}
