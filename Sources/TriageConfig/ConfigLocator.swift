import Foundation

/// Finds the config file: `--config FILE`, else `./triage.yaml`, else `$XDG_CONFIG_HOME/triage/config.yaml`
/// (`~/.config/triage/config.yaml` when XDG_CONFIG_HOME is unset), else none, which means discovery.
public enum ConfigLocator {
    public enum Origin: String, Sendable, Equatable {
        case commandLine
        case workingDirectory
        case userConfig
    }

    public enum Location: Sendable, Equatable {
        case file(path: String, origin: Origin)
        /// No file anywhere: discover docker, kubectl and the host.
        case none
    }

    /// Pure lookup; a missing file named on the command line is an error, never a silent fallback.
    public static func locate(
        explicit: String?, currentDirectory: String, environment: [String: String],
        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) throws(ConfigurationError) -> Location {
        if let explicit {
            guard fileExists(explicit) else { throw ConfigurationError(file: explicit, message: "no such file (given with --config)") }
            return .file(path: explicit, origin: .commandLine)
        }
        let local = currentDirectory.hasSuffix("/") ? currentDirectory + "triage.yaml" : currentDirectory + "/triage.yaml"
        if fileExists(local) { return .file(path: local, origin: .workingDirectory) }
        if let user = userConfigPath(environment: environment), fileExists(user) { return .file(path: user, origin: .userConfig) }
        return .none
    }

    /// `$XDG_CONFIG_HOME/triage/config.yaml`, or `$HOME/.config/triage/config.yaml`; the spec ignores a relative XDG value.
    public static func userConfigPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/triage/config.yaml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/triage/config.yaml" }
        return nil
    }

    /// `$XDG_CONFIG_HOME/triage/conf.d` (or `$HOME/.config/triage/conf.d`): files that join the
    /// user's own configuration, or stand for it when there is none.
    public static func confDirectory(environment: [String: String]) -> String? {
        userConfigPath(environment: environment).map { ($0 as NSString).deletingLastPathComponent + "/conf.d" }
    }

    /// The conf.d directory's `*.yaml` files, sorted by name (byte order, as `ls` in the C locale):
    /// the order their entries are added in. None when the directory does not exist.
    public static func confDirectoryFiles(
        environment: [String: String],
        list: (String) -> [String]? = { try? FileManager.default.contentsOfDirectory(atPath: $0) }
    ) -> [String] {
        guard let directory = confDirectory(environment: environment), let names = list(directory) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { directory + "/" + $0 }
    }

    /// Locates and parses in one step; nil means no file exists and discovery should run.
    public static func loadConfiguration(
        explicit: String?, currentDirectory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> TriageConfiguration? {
        switch try locate(explicit: explicit, currentDirectory: currentDirectory, environment: environment) {
        case .none: return nil
        case .file(let path, _): return try ConfigParser.load(path: path)
        }
    }
}
