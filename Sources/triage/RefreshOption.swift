import ArgumentParser

/// `--refresh DURATION`, for the screens: how often probes run, at least 100ms.
struct RefreshOption: ParsableArguments {
    static let minimum: Duration = .milliseconds(100)

    @Option(
        name: .customLong("refresh"),
        help: ArgumentHelp(
            "How often probes run, e.g. 500ms, 2s, 1m; at least 100ms (default: the config's refresh, else 2s).",
            valueName: "duration"),
        transform: DurationArgument.parser(atLeast: minimum))
    var interval: DurationArgument?
}
