import Foundation
import Testing
import TriageConfig
@testable import TriageUI

@Suite struct ThemeTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ThemeLoader.builtinNames)
    func builtinThemesMatchTheShippedFilesAndLoad(name: String) throws {
        let file = Self.repoRoot.appendingPathComponent("themes/\(name).yaml")
        let shipped = try String(contentsOf: file, encoding: .utf8)
        #expect(BuiltinThemes.yaml[name] == shipped, "themes/\(name).yaml and BuiltinThemes differ: regenerate BuiltinThemes.swift")
        let theme = try ThemeLoader.resolve(name, environment: [:])
        #expect(theme.name == name)
        for role in StyleRole.allCases { #expect(theme.appearances[role] != nil, "\(name) lacks \(role)") }
    }

    @Test func monochromeUsesNoColourAtAll() throws {
        let theme = try ThemeLoader.resolve("monochrome", environment: [:])
        #expect(theme.monochrome)
        for (_, look) in theme.appearances {
            #expect(look.foreground == .terminalDefault && look.background == .terminalDefault)
        }
        #expect(theme.appearance(of: .crit).emphasis.contains(.reverse))
    }

    @Test func badThemeNamesFileLineAndColumn() {
        let yaml = "name: broken\nroles:\n  ok: green\n  crit: purplish\n"
        #expect(throws: ThemeLoader.LoadError(file: "t.yaml", line: 4, column: 9, message: "`purplish` is not a colour (a name, 0-255, #rrggbb or default)")) {
            try ThemeLoader.parse(yaml, file: "t.yaml")
        }
        #expect(throws: ThemeLoader.LoadError.self) { try ThemeLoader.parse("roles:\n  nope: red\n", file: "t.yaml") }
        do {
            _ = try ThemeLoader.parse("roles: [unclosed\n", file: "t.yaml")
            Issue.record("expected a syntax error")
        } catch let error as ThemeLoader.LoadError {
            #expect(error.file == "t.yaml" && error.line >= 1)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func coloursMapDownToThePalette() {
        #expect(ColorSpec(parsing: "#ff0000")?.resolved(forPalette: 256) == 196)
        #expect(ColorSpec(parsing: "#ff0000")?.resolved(forPalette: 8) == 1)
        #expect(ColorSpec(parsing: "bright-red")?.resolved(forPalette: 8) == 1)
        #expect(ColorSpec(parsing: "245")?.resolved(forPalette: 8) == 7 || ColorSpec(parsing: "245")?.resolved(forPalette: 8) == 0)
        #expect(ColorSpec(parsing: "default")?.resolved(forPalette: 256) == nil)
        #expect(ColorSpec(parsing: "chartreuse-ish") == nil)
        #expect(ColorSpec(parsing: "256") == nil)
    }

    /// `triage init` and docs/CONFIG.md suggested `theme: dark`, which is no theme (exit 2 once
    /// uncommented): every theme they name must be one triage ships.
    @Test func theThemesTheTemplateAndDocsSuggestExist() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/CONFIG.md")
        let texts = [ConfigTemplate.render(discovered: .init()), try String(contentsOf: docs, encoding: .utf8)]
        var named: [String] = []
        for text in texts {
            for line in text.split(separator: "\n") {
                let trimmed = line.drop { $0 == " " || $0 == "#" }
                guard trimmed.hasPrefix("theme: ") else { continue }
                named.append(String(trimmed.dropFirst(7).split(separator: " ").first ?? ""))
            }
        }
        #expect(named.count >= 2, "no theme: line found")
        for name in named { #expect(ThemeLoader.builtinNames.contains(name), "suggested theme \(name) is not shipped") }
    }
}
