import ArgumentParser

/// `--timeout DURATION`, for the commands that run docker and kubectl once (`check`, `doctor`).
struct TimeoutOption: ParsableArguments {
    @Option(
        name: .customLong("timeout"),
        help: ArgumentHelp(
            "Deadline for each docker and kubectl run, e.g. 5s (default: 10s for check, 3s for doctor).", valueName: "duration"),
        transform: DurationArgument.parser(atLeast: .milliseconds(1)))
    var deadline: DurationArgument?
}
