import Foundation
import Testing

/// `triage check` catches a config whose `theme:` is not a theme (issue 14 §7): `theme: dark`, as
/// `triage init` once suggested, made the dashboard exit 2 while `check` said nothing.
@Suite("triage check: the config's theme", .serialized)
struct ThemeCheckCommandTests {
    @Test func aThemeThatDoesNotExistIsAConfigErrorAtItsLine() throws {
        let directory = try CheckLab.temporaryDirectory("themecheck")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = TriageProcess.cleanEnvironment(home: directory)
        let config = try CheckLab.write("host:\n  enabled: false\n\ntheme: dark\n", "dark.yaml", in: directory)
        let result = try TriageProcess.run(["check", "--config", config], environment: environment, directory: directory)
        #expect(result.status == 3, "exit \(result.status): \(result.stderr)")
        #expect(result.stdout.isEmpty, "no round runs after a configuration error: \(result.stdout)")
        // file:line:column of the value, the key, and every theme a name can pick.
        #expect(result.stderr.contains("dark.yaml:4:8: theme: no theme named \"dark\""), "\(result.stderr)")
        #expect(result.stderr.contains("default, light, high-contrast, monochrome"), "\(result.stderr)")
    }

    @Test func aThemeFileThatDoesNotParseIsAConfigErrorToo() throws {
        let directory = try CheckLab.temporaryDirectory("themecheck-file")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = TriageProcess.cleanEnvironment(home: directory)
        _ = try CheckLab.write("roles:\n  crit: not-a-colour\n", "broken.yaml", in: directory)
        let config = try CheckLab.write("theme: \(directory)/broken.yaml\nhost:\n  enabled: false\n", "file.yaml", in: directory)
        let result = try TriageProcess.run(["check", "--config", config], environment: environment, directory: directory)
        #expect(result.status == 3, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("file.yaml:1:8: theme: the theme does not load"), "\(result.stderr)")
        #expect(result.stderr.contains("not-a-colour"), "\(result.stderr)")
    }

    @Test func builtInAndUserThemesPass() throws {
        let directory = try CheckLab.temporaryDirectory("themecheck-ok")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var environment = TriageProcess.cleanEnvironment(home: directory)
        environment["XDG_CONFIG_HOME"] = directory + "/xdg"
        try FileManager.default.createDirectory(atPath: directory + "/xdg/triage/themes", withIntermediateDirectories: true)
        try "roles:\n  crit: red\n".write(toFile: directory + "/xdg/triage/themes/night.yaml", atomically: true, encoding: .utf8)
        for theme in ["light", "night"] {
            let config = try CheckLab.write("theme: \(theme)\nhost:\n  enabled: false\n", "\(theme).yaml", in: directory)
            let result = try TriageProcess.run(["check", "--config", config], environment: environment, directory: directory)
            #expect(result.status != 3, "\(theme): exit \(result.status): \(result.stderr)")
            #expect(!result.stderr.contains("theme"), "\(theme): \(result.stderr)")
        }
    }
}
