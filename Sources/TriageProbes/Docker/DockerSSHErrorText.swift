import Foundation

/// Finds ssh's own words in the docker CLI's error for an `ssh://` host or context.
///
/// When its ssh fails, docker prints one long line, `error during connect: Get "http://docker.example.com/…":
/// command [ssh -o ConnectTimeout=30 -T -l ops -p 2222 -- db1 docker system dial-stdio] has exited with
/// exit status 255, make sure the URL is valid, and Docker 18.09 or later is installed on the remote
/// host: stderr=…`, followed by whatever ssh wrote. The pane cuts a reason at 300 characters, which
/// is before ssh's words; those are what an operator needs ("Connection refused", "Permission denied
/// (publickey,password)", "Host key verification failed").
public enum DockerSSHErrorText {
    /// "ssh: " and the last line ssh wrote (its verdict comes after warnings such as "Permanently
    /// added …"), or nil when `stderr` is not docker reporting a failed ssh.
    public static func reason(stderr: String) -> String? {
        guard stderr.contains("has exited with exit status"), stderr.contains("dial-stdio"),
            let marker = stderr.range(of: "stderr=")
        else { return nil }
        let written = stderr[marker.upperBound...].split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let verdict = written.last else { return "ssh: exited with status 255 and said nothing" }
        let line = verdict.hasPrefix("ssh: ") ? verdict : "ssh: " + verdict
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}
