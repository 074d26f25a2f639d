import Foundation
import TriageCore

/// Log-source discovery for `logs: - docker: web-*`: the names of the containers on one docker host
/// that a glob matches, asked every round so containers that appear later are followed too.
public struct ContainerNamesProbe: Probe {
    public let id: ProbeID
    public let glob: LogSourceGlob
    /// The follower's host argument: nil for the CLI default, an address, or "context:NAME".
    public let host: String?
    private let executable: String

    public init(glob: LogSourceGlob, host: String?, executable: String = "docker") {
        id = ProbeID(.logSources, (host.map { $0 + " " } ?? "") + glob.description)
        self.glob = glob
        self.host = host
        self.executable = executable
    }

    public func poll(deadline: Duration) async -> ProbeData {
        var global: [String] = []
        if let host { global = host.hasPrefix("context:") ? ["--context", String(host.dropFirst("context:".count))] : ["--host", host] }
        let outcome = await ProcessRunner.run(executable, global + ["ps", "--format", "{{.Names}}"], deadline: deadline)
        guard outcome.succeeded else {
            let reason = DockerSSHErrorText.reason(stderr: outcome.stderrText) ?? outcome.failureReason
            return .containerNames([], failure: reason ?? "docker ps failed")
        }
        let names = outcome.stdoutText.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
        return .containerNames(names.filter { glob.matches($0) }.sorted(), failure: nil)
    }
}
