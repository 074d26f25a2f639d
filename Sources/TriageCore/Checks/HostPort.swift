/// A `host:port` as written in a `tcp:`, `tls:` or DNS `server:` key; IPv6 addresses go in
/// brackets (`[::1]:853`).
public struct HostPort: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `db:5432`, `[::1]:853`; nil without a port (unless `defaultPort` is given), with an empty
    /// host, a port outside 1…65535, or a host that could be read as a command-line option.
    public static func parse(_ text: String, defaultPort: Int? = nil) -> HostPort? {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            // A bare IPv6 address without brackets has more colons: ambiguous, so refused.
            if host.contains(":") { return nil }
        } else {
            host = Substring(text)
        }
        let port: Int
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else { return nil }
            port = number
        } else if let defaultPort {
            port = defaultPort
        } else {
            return nil
        }
        // The host reaches argv of nc, dig and openssl: a leading "-" or "+" would be an option.
        guard !host.isEmpty, !host.hasPrefix("-"), !host.hasPrefix("+"),
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_:".contains($0)) })
        else { return nil }
        return HostPort(host: String(host), port: port)
    }

    /// True for an IPv4 or IPv6 literal (certificate names are checked against an IP, not a DNS name).
    public var isIPAddress: Bool {
        host.contains(":") || (host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." })
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
