import ArgumentParser

/// `triage --help` (and `triage help`): the argument parser's root help with the dashboard's options
/// added, since `triage` alone runs the dashboard and its options would otherwise be listed only
/// under `triage help dashboard`.
enum RootHelp {
    /// The root help with the dashboard's options, when `error` is the request for the root's help;
    /// nil for every other error and every other command's help.
    static func message(for error: any Error) -> String? {
        guard Triage.exitCode(for: error) == .success else { return nil }
        let root = Triage.helpMessage()
        guard Triage.fullMessage(for: error) == root else { return nil }
        return withDashboardOptions(root: root, dashboard: Triage.helpMessage(for: DashboardCommand.self))
    }

    /// Inserts the dashboard help's OPTIONS section, retitled and without `--version` and `--help`
    /// (the root lists those), before the root's SUBCOMMANDS.
    static func withDashboardOptions(root: String, dashboard: String) -> String {
        guard let options = dashboard.range(of: "OPTIONS:\n") else { return root }
        var lines = dashboard[options.upperBound...].trimmingTrailingNewlines().split(separator: "\n", omittingEmptySubsequences: false)
        if let version = lines.firstIndex(where: { $0.hasPrefix("  --version ") }) { lines.removeSubrange(version...) }
        let section = "DASHBOARD OPTIONS (triage [dashboard] [options]):\n" + lines.joined(separator: "\n") + "\n\n"
        guard let subcommands = root.range(of: "SUBCOMMANDS:") else { return root + "\n" + section }
        return String(root[..<subcommands.lowerBound]) + section + String(root[subcommands.lowerBound...])
    }
}

private extension Substring {
    func trimmingTrailingNewlines() -> Substring {
        var text = self
        while text.last == "\n" { text = text.dropLast() }
        return text
    }
}
