import Foundation

/// A docker host as a person names it, for text that leaves triage (status updates): `db1` for
/// `ssh://ops@db1`, `10.0.0.5` for `tcp://10.0.0.5:2376`, `local` for a socket on this machine.
///
/// The host tags rows carry are endpoint URLs (`unix:///tmp/…/podman.sock`): right for the
/// CLI, unreadable in a message to customers.
public enum DockerHostTag {
    public static func readable(_ host: String) -> String {
        let trimmed = host.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else { return trimmed.isEmpty ? "local" : trimmed }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        if scheme == "unix" || scheme == "npipe" { return "local" }
        var rest = trimmed[schemeEnd.upperBound...]
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        // `[::1]:2376` keeps its brackets' content; `db1:22` drops the port.
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            rest = rest[rest.index(after: rest.startIndex)..<close]
        } else if let colon = rest.lastIndex(of: ":") {
            rest = rest[..<colon]
        }
        return rest.isEmpty ? "local" : String(rest)
    }
}
