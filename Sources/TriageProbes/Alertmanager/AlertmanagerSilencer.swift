import Foundation
import TriageCore

/// Creates and expires silences on one Alertmanager (`POST /api/v2/silences`,
/// `DELETE /api/v2/silence/{id}`) through argv curl: the JSON body travels inside curl's config on
/// its stdin (`CurlRequest.body`), never on argv and never through a shell.
public struct AlertmanagerSilencer: Sendable {
    public let client: AlertmanagerClient

    public init(spec: AlertmanagerSpec, batch: CurlBatch = CurlBatch()) {
        client = AlertmanagerClient(spec: spec, batch: batch)
    }

    /// The body of a silence that matches exactly these labels (every one, `isEqual`, not regex)
    /// from `start` for `duration`. Keys sorted, so the same silence is the same text.
    public static func body(labels: [String: String], start: Date, duration: Duration, createdBy: String, comment: String) -> String {
        let matchers: [[String: Any]] = labels.sorted { $0.key < $1.key }.map {
            ["name": $0.key, "value": $0.value, "isRegex": false, "isEqual": true]
        }
        let object: [String: Any] = [
            "matchers": matchers, "startsAt": timestamp(start), "endsAt": timestamp(start.addingTimeInterval(duration.seconds)),
            "createdBy": createdBy, "comment": comment,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Silences the alert with these labels; the new silence's id, or why there is none.
    public func create(labels: [String: String], start: Date = Date(), duration: Duration, createdBy: String, comment: String) async
        -> Result<String, AlertmanagerResponse.ParseError>
    {
        let body = Self.body(labels: labels, start: start, duration: duration, createdBy: createdBy, comment: comment)
        let answers = await client.send([client.request("silences", method: "POST", body: body)])
        return answers[0].flatMap(AlertmanagerResponse.createdSilenceID)
    }

    /// Expires the silence with this id (Alertmanager's ids are UUIDs; anything else is refused
    /// before it could change the request's path).
    public func expire(id: String) async -> Result<Void, AlertmanagerResponse.ParseError> {
        guard Self.isSilenceID(id) else { return .failure(.malformed("not a silence id: \(id)")) }
        let answers = await client.send([client.request("silence/" + id, method: "DELETE")])
        return answers[0].map { _ in () }
    }

    public static func isSilenceID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
