import Foundation
import Testing

/// The shared options are one definition each: the same help line and the same errors on every
/// command, and `triage --help` lists the dashboard's options.
@Suite("OptionGroup") struct OptionGroupTests {
    static let wide = ["COLUMNS": "400"]

    /// The help line of `option` in `triage help COMMAND…`, from the option to the end of its line.
    static func helpLine(_ command: [String], _ option: String) throws -> String? {
        let help = try CLIRun(["help"] + command, environment: wide)
        return help.standardOutput.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(option + " ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test(arguments: [
        ("--config", [["dashboard"], ["wall"], ["check"], ["doctor"], ["incident", "new"]]),
        ("--state", [["dashboard"], ["wall"], ["check"], ["doctor"], ["init"], ["incident", "list"], ["incident", "show"], ["export"], ["trust"], ["untrust"]]),
        ("--json", [["check"], ["doctor"], ["incident", "list"], ["incident", "show"], ["runbook", "lint"]]),
        ("--log-level", [["dashboard"], ["wall"], ["check"], ["doctor"], ["init"]]),
        ("--timeout", [["check"], ["doctor"]]),
        ("--refresh", [["dashboard"], ["wall"]]),
        ("--theme", [["dashboard"], ["wall"]]),
    ])
    func anOptionHasOneHelpLineEverywhere(option: String, commands: [[String]]) throws {
        let lines = try commands.map { try Self.helpLine($0, option) }
        #expect(lines.allSatisfy { $0 != nil }, "\(option) missing from \(zip(commands, lines).filter { $0.1 == nil }.map(\.0))")
        #expect(Set(lines.compactMap { $0 }).count == 1, "\(option) differs: \(Set(lines.compactMap { $0 }))")
    }

    /// One duration parser: the same reason after the argument parser's "The value … is invalid".
    @Test func everyDurationOptionRefusesTheSameWay() throws {
        let runs = try [["--refresh", "5"], ["wall", "--refresh", "5"], ["check", "--timeout", "5"], ["doctor", "--timeout", "5"]].map { arguments in
            (arguments, try CLIRun(arguments))
        }
        for (arguments, run) in runs {
            #expect(run.status == 64, "\(arguments): \(run.standardError)")
            #expect(
                run.standardError.contains("The value '5' is invalid for '\(arguments[arguments.count - 2]) <duration>': invalid duration \"5\": use a number with a unit, e.g. 500ms, 2s, 1m, 1h"),
                "\(arguments): \(run.standardError)")
        }
        let tooShort = try CLIRun(["--refresh", "50ms"])
        #expect(tooShort.status == 64)
        #expect(tooShort.standardError.contains("'--refresh <duration>': must be at least 100ms"), "\(tooShort.standardError)")
    }

    @Test func rootHelpShowsTheDashboardsOptions() throws {
        let help = try CLIRun(["--help"], environment: Self.wide)
        #expect(help.status == 0)
        let text = help.standardOutput
        let dashboard = try #require(text.range(of: "DASHBOARD OPTIONS"), "\(text)")
        let subcommands = try #require(text.range(of: "SUBCOMMANDS:"), "\(text)")
        #expect(dashboard.lowerBound < subcommands.lowerBound)
        let section = text[dashboard.upperBound..<subcommands.lowerBound]
        for option in ["--config <file>", "--state <dir>", "--theme <theme>", "--refresh <duration>", "--runbook <file>", "--log-level <level>", "--read-only"] {
            #expect(section.contains(option), "missing \(option) in\n\(section)")
        }
        // `triage help` is the same page; a subcommand's help is its own, without the dashboard's.
        #expect(try CLIRun(["help"], environment: Self.wide).standardOutput == text)
        #expect(!(try CLIRun(["help", "check"], environment: Self.wide).standardOutput.contains("DASHBOARD OPTIONS")))
    }
}
