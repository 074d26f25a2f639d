import Foundation

/// The headers of the final response in a file curl wrote with `dump-header`.
///
/// With redirects followed, curl writes one block per response; only the last one is the answer
/// the conditions judge. Names are lowercased; a header sent twice keeps both values, in order.
public enum ResponseHeaders {
    public static func parse(_ text: String) -> [String: [String]] {
        var headers: [String: [String]] = [:]
        // "\r\n" is one Character in Swift, so split on newlines, not on "\n".
        for trimmed in text.split(whereSeparator: \.isNewline) {
            if trimmed.hasPrefix("HTTP/") {
                headers = [:]  // a new response block starts: forget the previous one
                continue
            }
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let name = trimmed[..<colon].lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name, default: []].append(value)
        }
        return headers
    }
}
