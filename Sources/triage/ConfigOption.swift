import ArgumentParser

/// `--config FILE`, for every command that reads the configuration.
struct ConfigOption: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "Configuration file (default: ./triage.yaml, then $XDG_CONFIG_HOME/triage/config.yaml).", valueName: "file"))
    var path: String?
}
