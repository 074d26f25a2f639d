/// Reads the lines kubectl logs at `-v=6` while it lists and watches (merged into its stdout, so they
/// arrive in order with the JSON it printed).
///
/// kubectl logs one line per HTTP response. The response to the list request means the API server
/// answered; the response to the watch request (`...?resourceVersion=N&watch=true`) comes after kubectl
/// printed the whole list, so every ADDED event before it belongs to the list. kubectl 1.32 writes
/// `GET http://h/api/v1/pods?limit=500 200 OK in 3 milliseconds`; 1.33 writes
/// `"Response" verb="GET" url="http://h/api/v1/pods?limit=500" status="200 OK" milliseconds=3`.
public enum KubectlWatchLog {
    public enum Line: Equatable, Sendable {
        /// The API server answered the list request for this resource.
        case listAnswered
        /// The list is complete and the watch is open.
        case watchStarted
        /// Another informational log line (config loaded, discovery, feature gates).
        case chatter
        /// A warning, an error or kubectl's own verdict: what a failure's reason is made of.
        case message
    }

    public static func classify(_ line: String, resource: String) -> Line {
        guard KubectlErrorText.isKlog(line) else { return .message }
        guard line.first == "I" else { return .message }
        guard line.contains("round_trippers"), let url = url(in: line) else { return .chatter }
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        guard path.hasSuffix("/" + resource) else { return .chatter }
        // A request that got no response (connection refused) is logged too, with an empty status.
        guard let status = statusCode(in: line, after: url) else { return .chatter }
        let query = url.dropFirst(path.count)
        if query.contains("watch=true") || query.contains("watch=1") {
            return status == 200 ? .watchStarted : .listAnswered
        }
        return .listAnswered
    }

    /// The HTTP status of a response line: `status="200 OK"` (1.33), or the number after the URL (1.32).
    static func statusCode(in line: String, after url: String) -> Int? {
        let text: Substring
        if let range = line.range(of: "status=\"") {
            text = line[range.upperBound...]
        } else if let range = line.range(of: url) {
            text = line[range.upperBound...].drop { $0 == " " }
        } else {
            return nil
        }
        let digits = text.prefix(3)
        guard digits.count == 3, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    /// The first `http://` or `https://` URL of the line, up to a space or a quote.
    static func url(in line: String) -> String? {
        guard let start = line.range(of: "http://") ?? line.range(of: "https://") else { return nil }
        let rest = line[start.lowerBound...]
        return String(rest.prefix { $0 != " " && $0 != "\"" })
    }
}
