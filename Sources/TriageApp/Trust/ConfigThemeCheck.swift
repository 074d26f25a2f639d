import Foundation
import TriageConfig
import TriageUI

/// A config's `theme:` resolved as the dashboard resolves it, at load time, so `triage check`
/// (exit status 3) and the dashboard both report `theme: dark` at its line with the themes there
/// are, instead of the dashboard alone failing on a name that is not a theme.
enum ConfigThemeCheck {
    static func verify(_ configuration: TriageConfiguration, environment: [String: String]) throws(ConfigurationError) {
        guard let theme = configuration.theme else { return }
        let file = configuration.sourcePath ?? "config"
        func issue(_ message: String) -> ConfigurationError {
            ConfigurationError(issues: [ConfigIssue(file: file, line: configuration.themeLine, column: configuration.themeColumn,
                                                    key: "theme", message: message)])
        }
        if !ThemeLoader.isPath(theme) {
            let names = ThemeLoader.availableNames(environment: environment)
            guard names.contains(theme) else {
                throw issue("no theme named \"\(theme)\"; the themes are \(names.joined(separator: ", ")), or a path to a theme .yaml file")
            }
        }
        do {
            _ = try ThemeLoader.resolve(theme, environment: environment)
        } catch {
            throw issue("the theme does not load: \(error)")
        }
    }
}
