import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Who is acting, as the timeline records it: `$TRIAGE_USER`, else `$USER@host`, plus the SSH client.
///
/// Named `ActorName` rather than `Actor` so that importing TriageCore never shadows Swift's `Actor`
/// protocol. The SSH suffix (" from 10.0.0.5") tells apart two responders sharing one account on a
/// bastion host, which is common during outages.
public enum ActorName {
    /// The actor string for this process, e.g. "alice@web-1 from 10.0.0.5".
    ///
    /// - Parameters:
    ///   - environment: usually `ProcessInfo.processInfo.environment`; empty values count as unset.
    ///   - hostname: injected for tests; defaults to this machine's short host name.
    public static func current(
        environment: [String: String], hostname: String = ActorName.shortHostname()
    ) -> String {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines),
                !text.isEmpty
            else { return nil }
            return text
        }
        let base: String
        if let user = value("TRIAGE_USER") {
            base = user
        } else {
            // Under tmux, cron or sudo, USER may be unset: the account name is still known.
            let user = value("USER") ?? value("LOGNAME") ?? accountName() ?? "unknown"
            base = hostname.isEmpty ? user : "\(user)@\(hostname)"
        }
        // SSH_CLIENT is "ip port localport"; SSH_CONNECTION is "ip port localip localport".
        let ssh = value("SSH_CLIENT") ?? value("SSH_CONNECTION")
        if let address = ssh?.split(separator: " ").first, !address.isEmpty {
            return "\(base) from \(address)"
        }
        return base
    }

    /// This machine's host name up to the first dot ("web-1" for "web-1.prod.example.com").
    public static func shortHostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(name.split(separator: ".", maxSplits: 1).first ?? "")
    }

    /// The login name of the real user id, from the password database.
    static func accountName() -> String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        let text = String(cString: name)
        return text.isEmpty ? nil : text
    }
}
