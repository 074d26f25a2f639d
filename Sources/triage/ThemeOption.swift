import ArgumentParser

/// `--theme NAME|FILE`, for the screens.
struct ThemeOption: ParsableArguments {
    @Option(
        name: .customLong("theme"),
        help: ArgumentHelp(
            "Theme name (default, light, high-contrast, monochrome) or a path to a theme .yaml file.", valueName: "theme"))
    var name: String?
}
