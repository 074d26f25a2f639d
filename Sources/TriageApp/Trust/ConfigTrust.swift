import Foundation
import TriageConfig
import TriageCore
import TriageStore

/// Decides whether a configuration's commands may run, as direnv and mise do for theirs.
///
/// A `./triage.yaml` is found implicitly: running `triage` inside someone else's checkout must not
/// run their commands. Such a file runs none of its command checks and notifiers until `triage
/// trust` recorded its path and SHA-256 in the state directory, and any edit makes it untrusted
/// again. HTTP checks, Prometheus queries, docker, kubectl and the host still run: they only read.
/// A file named with `--config` and the user's own `$XDG_CONFIG_HOME/triage/config.yaml` are
/// trusted as they are.
///
/// What a file includes is part of it: the trust recorded for `./triage.yaml` is the hash of every
/// file it includes too (`ConfigAssembler.contentHash`), so an edit to an included file makes the
/// whole configuration untrusted. The user's conf.d directory joins the user's config (or stands for
/// it when there is none) and, like it, needs no trust; it never joins a `./triage.yaml` or `--config`.
///
/// Docker engines the file spells out that are reached over the network (`host: ssh://ops@db1`,
/// `tcp://…`, in `docker:` and `logs:`) need trust too: contacting one makes triage run ssh with the
/// person's keys towards a host the file chose. Untrusted, such a docker host is an UNKNOWN row
/// `not contacted: ./triage.yaml is not trusted (triage trust)` and no process is started for it;
/// a log source on one is left out. A local socket (`unix://`), a docker context (the person's own
/// `docker context` entries, like kubeconfig contexts) and the CLI's default still run.
///
/// Command checks and notifiers are the only programs a config chooses: docker and kubectl (probes
/// and log followers) are the fixed CLIs looked up on `PATH`, the config names no other binary, and
/// a runbook's `$` commands run only when the person confirms them.
public enum ConfigTrust {
    /// How the implicitly found file is named in messages.
    public static let implicitName = "./triage.yaml"

    /// What every command check of an untrusted file shows instead of running.
    public static let withheldReason = "not run: \(implicitName) is not trusted (triage trust)"

    /// What a remote docker host of an untrusted file shows instead of being contacted.
    public static let notContactedReason = "not contacted: \(implicitName) is not trusted (triage trust)"

    /// True for a docker address that leaves the machine (`ssh://`, `tcp://`, …); only a unix socket stays local.
    public static func isRemote(dockerAddress address: String) -> Bool { !address.hasPrefix("unix://") }

    /// Locates, reads once, hashes and parses the configuration, and judges its trust.
    ///
    /// - Parameter stateDirectory: where the trust list is read from; it comes from `--state` and
    ///   the environment, never from the config's own `state:`, so a file cannot vouch for itself.
    public static func load(
        explicit: String?, stateDirectory: String,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> LoadedConfiguration {
        let location = try ConfigLocator.locate(explicit: explicit, currentDirectory: currentDirectory, environment: environment)
        let confFiles = ConfigLocator.confDirectoryFiles(environment: environment)
        guard case .file(let path, let origin) = location else {
            guard !confFiles.isEmpty, let directory = ConfigLocator.confDirectory(environment: environment) else {
                return LoadedConfiguration(configuration: nil)
            }
            return LoadedConfiguration(configuration: try ConfigAssembler.load(directoryFiles: confFiles, directory: directory).configuration)
        }
        guard let contents = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file (no permission)" : "no such file"
            throw ConfigurationError(file: path, message: reason)
        }
        let assembled = try ConfigAssembler.load(
            path: path, contents: contents, directoryFiles: origin == .userConfig ? confFiles : [])
        var configuration = assembled.configuration
        try ConfigThemeCheck.verify(configuration, environment: environment)
        // `vars:` reach runbook commands (DOCKER_HOST, CONTEXT), so they need trust as checks do; a
        // remote docker host makes triage ssh (or connect) where the file says; `notify:` entries are
        // commands the file chooses, like checks.
        let remoteHosts = remoteDockerEntries(configuration)
        guard origin == .workingDirectory, !configuration.checks.isEmpty || !configuration.vars.isEmpty || !configuration.notifiers.isEmpty || remoteHosts > 0 else {
            return LoadedConfiguration(configuration: configuration)
        }
        let list = TrustList.load(stateDirectory: stateDirectory)
        if list.trusts(path: canonicalPath(path), sha256: assembled.contentHash) {
            return LoadedConfiguration(configuration: configuration)
        }
        var parts = withheldParts(configuration)
        if remoteHosts > 0 {
            parts.append("its \(remoteHosts) remote docker host\(remoteHosts == 1 ? " was" : "s were") not contacted")
            // A log stream on a remote engine would contact it too; without trust it is not followed.
            configuration.logs.removeAll { source in
                if case .docker(_, .host(let address)) = source { return isRemote(dockerAddress: address) }
                return false
            }
        }
        let notice = "\(implicitName) is not trusted: \(parts.joined(separator: ", ")) (`triage trust` allows them)"
        return LoadedConfiguration(configuration: configuration, commandsWithheld: withheldReason, untrustedNotice: notice)
    }

    /// What an untrusted file had withheld, for the notice: "its 2 command checks were not run",
    /// "its vars: were ignored", "its 1 notifier will not run".
    static func withheldParts(_ configuration: TriageConfiguration) -> [String] {
        var parts: [String] = []
        let checks = configuration.checks.count
        if checks > 0 { parts.append("its \(checks) command check\(checks == 1 ? " was" : "s were") not run") }
        if !configuration.vars.isEmpty { parts.append("its vars: were ignored") }
        let notifiers = configuration.notifiers.count
        if notifiers > 0 { parts.append("its \(notifiers) notifier\(notifiers == 1 ? "" : "s") will not run") }
        return parts
    }

    /// How many `docker:` and `logs:` entries name a remote docker address.
    static func remoteDockerEntries(_ configuration: TriageConfiguration) -> Int {
        let targets = configuration.docker.filter { target in
            if case .host(let address) = target.endpoint { return isRemote(dockerAddress: address) }
            return false
        }
        let logs = configuration.logs.filter { source in
            if case .docker(_, .host(let address)) = source { return isRemote(dockerAddress: address) }
            return false
        }
        return targets.count + logs.count
    }

    /// Absolute with symlinks resolved, so `./triage.yaml` and a link to it are one entry.
    public static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else {
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            return (absolute as NSString).standardizingPath
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
