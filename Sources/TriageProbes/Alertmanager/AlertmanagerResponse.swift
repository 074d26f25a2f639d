import Foundation
import TriageCore

/// The parts of Alertmanager's v2 API answers triage uses, parsed from their JSON: the active
/// alerts (`GET /api/v2/alerts`), the silences (`GET /api/v2/silences`) and a new silence's id
/// (`POST /api/v2/silences`). Pure functions of the bytes.
public enum AlertmanagerResponse {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// Alertmanager's own words for a rejected request (a 400's body is a JSON string).
        case serverError(String)
        /// No answer at all: curl's own error ("Failed to connect … Connection refused") or the timeout.
        case unreachable(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .serverError(let message), .unreachable(let message): message
            case .malformed(let detail): "unreadable Alertmanager response: \(detail)"
            }
        }
    }

    /// The alerts of a `GET /api/v2/alerts` answer, in its order. Alerts without a fingerprint or
    /// labels are left out (nothing could name them); unknown fields are ignored.
    public static func alerts(_ bytes: [UInt8]) -> Result<[FiringAlert], ParseError> {
        switch json(bytes) {
        case .failure(let error): return .failure(error)
        case .success(let root):
            guard let items = root as? [Any] else { return .failure(.malformed("not a list of alerts")) }
            return .success(items.compactMap { item in
                guard let object = item as? [String: Any], let fingerprint = object["fingerprint"] as? String,
                      let labels = object["labels"] as? [String: String] else { return nil }
                let status = object["status"] as? [String: Any]
                return FiringAlert(
                    fingerprint: fingerprint, labels: labels, annotations: object["annotations"] as? [String: String] ?? [:],
                    startsAt: (object["startsAt"] as? String).flatMap(RFC3339.parse),
                    generatorURL: (object["generatorURL"] as? String).flatMap { $0.isEmpty ? nil : $0 },
                    silencedBy: status?["silencedBy"] as? [String] ?? [])
            })
        }
    }

    /// When each active silence of a `GET /api/v2/silences` answer ends, by id (expired and pending
    /// ones are left out).
    public static func activeSilenceEnds(_ bytes: [UInt8]) -> Result<[String: Date], ParseError> {
        switch json(bytes) {
        case .failure(let error): return .failure(error)
        case .success(let root):
            guard let items = root as? [Any] else { return .failure(.malformed("not a list of silences")) }
            var ends: [String: Date] = [:]
            for case let object as [String: Any] in items {
                guard let id = object["id"] as? String, (object["status"] as? [String: Any])?["state"] as? String == "active",
                      let end = (object["endsAt"] as? String).flatMap(RFC3339.parse) else { continue }
                ends[id] = end
            }
            return .success(ends)
        }
    }

    /// The id of the silence a `POST /api/v2/silences` created.
    public static func createdSilenceID(_ bytes: [UInt8]) -> Result<String, ParseError> {
        switch json(bytes) {
        case .failure(let error): return .failure(error)
        case .success(let root):
            guard let id = (root as? [String: Any])?["silenceID"] as? String, !id.isEmpty else { return .failure(.malformed("no silenceID")) }
            return .success(id)
        }
    }

    /// Alertmanager answers a bad request with a JSON string ("matcher value contains unescaped
    /// double quote: …") or a `{code, message}` object: the reason, said as the server said it.
    private static func json(_ bytes: [UInt8]) -> Result<Any, ParseError> {
        guard !bytes.isEmpty else { return .failure(.malformed("empty body")) }
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
            let start = String(decoding: bytes.prefix(80), as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
            return .failure(.malformed("not JSON: \(start)"))
        }
        if let message = root as? String { return .failure(.serverError(message)) }
        // go-swagger's validation errors: {"code": 602, "message": "comment in body is required"}.
        if let object = root as? [String: Any], object["code"] is Int, let message = object["message"] as? String {
            return .failure(.serverError(message))
        }
        return .success(root)
    }
}
