import Foundation

/// Turns kubectl's stderr into a short reason: "connection refused (127.0.0.1:1)", "Unauthorized".
///
/// kubectl prints klog noise (`E1123 19:50:50.740076 16692 memcache.go:265] "Unhandled Error" err=...`)
/// several times before its own one-line verdict; the verdict is what an operator needs.
public enum KubectlErrorText {
    public static func reason(stderr: String) -> String? {
        let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        let verdict = lines.last { !isKlog($0) } ?? lines.last!
        return shorten(isKlog(verdict) ? klogMessage(verdict) : verdict)
    }

    static func shorten(_ line: String) -> String {
        var text = line
        if text.hasPrefix("The connection to the server "), let range = text.range(of: " was refused") {
            let server = text[text.index(text.startIndex, offsetBy: 29)..<range.lowerBound]
            return "connection refused (\(server))"
        }
        for prefix in ["error: ", "Error: ", "Unable to connect to the server: ", "Error from server "] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
        }
        if text.hasSuffix("connect: connection refused"), let host = dialTarget(text) {
            return "connection refused (\(host))"
        }
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    /// "dial tcp 127.0.0.1:1: connect: connection refused" → "127.0.0.1:1".
    static func dialTarget(_ text: String) -> String? {
        guard let dial = text.range(of: "dial tcp ", options: .backwards) else { return nil }
        let rest = text[dial.upperBound...]
        guard let colon = rest.range(of: ": ") else { return nil }
        return String(rest[..<colon.lowerBound])
    }

    /// klog lines start with a severity letter, four digits and a space: "E1123 ", "W0102 ".
    static func isKlog(_ line: String) -> Bool {
        let chars = Array(line.prefix(6))
        guard chars.count == 6, "IWEF".contains(chars[0]), chars[5] == " " else { return false }
        return chars[1...4].allSatisfy(\.isNumber)
    }

    static func klogMessage(_ line: String) -> String {
        if let err = line.range(of: "err=\"") {
            var message = String(line[err.upperBound...])
            if message.hasSuffix("\"") { message.removeLast() }
            return message.replacingOccurrences(of: "\\\"", with: "\"")
        }
        if let bracket = line.firstIndex(of: "]") { return String(line[line.index(after: bracket)...]).trimmingCharacters(in: .whitespaces) }
        return line
    }
}
