import Foundation
import Testing

/// A `./triage.yaml` found in the current directory runs no command until `triage trust`, through
/// the real binary: a command check that appends to a marker file shows whether it ran.
@Suite(.serialized) struct ConfigTrustCommandTests {
    static let withheld = "not run: ./triage.yaml is not trusted (triage trust)"

    struct Checkout {
        let directory: String
        let marker: String
        let environment: [String: String]
        var config: String { directory + "/triage.yaml" }
        var state: String { directory + "/state" }

        init() throws {
            directory = NSTemporaryDirectory() + "triage-trust-\(UUID().uuidString.prefix(8))"
            marker = directory + "/marker"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var environment = TriageProcess.cleanEnvironment(home: directory)
            environment["TRIAGE_STATE"] = directory + "/state"
            self.environment = environment
            try write("")
        }

        /// The config someone else's checkout ships: one command check that leaves a line in the marker.
        func write(_ extra: String) throws {
            let yaml = """
                checks:
                  - name: marker
                    run: [sh, -c, 'echo ran >> "$0"', \(marker)]
                    timeout: 5s
                \(extra)
                """
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        }

        /// How many times the command ran.
        var runs: Int {
            ((try? String(contentsOfFile: marker, encoding: .utf8)) ?? "").split(separator: "\n").count
        }

        func triage(_ arguments: [String]) throws -> TriageProcess.Result {
            try TriageProcess.run(arguments, environment: environment, directory: directory, limit: .seconds(30))
        }

        /// `triage check --json`: the marker check's state and reason, and whether the exit status fits them.
        func check(_ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> (state: String?, reason: String?) {
            let result = try triage(["check", "--json"] + extra)
            let document = try result.json()
            let entry = CheckJSON.entry(document, "checks", named: "marker")
            let state = entry?["state"] as? String
            #expect(result.status == CheckJSON.expectedExit(worst: state ?? "ok", document: document),
                    "exit \(result.status) for \(state ?? "nil")\n\(result.stderr)", sourceLocation: sourceLocation)
            return (state, entry?["reason"] as? String)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    @Test func anImplicitConfigRunsNoCommandUntilTrustedAndAnEditTakesTheTrustAway() throws {
        let checkout = try Checkout()
        defer { checkout.remove() }

        // Untrusted: UNKNOWN with the reason, in JSON and in the table, and the command never ran.
        let untrusted = try checkout.check()
        #expect(untrusted.state == "unknown")
        #expect(untrusted.reason == Self.withheld)
        let table = try checkout.triage(["check"])
        #expect(table.stdout.contains(Self.withheld), "table:\n\(table.stdout)")
        #expect(table.stdout.contains("./triage.yaml is not trusted: its 1 command check was not run"), "table:\n\(table.stdout)")
        #expect(table.status >= 1)
        #expect(checkout.runs == 0, "an untrusted ./triage.yaml ran its command")

        // Trusted: it runs; the trust list is a private state file.
        let trust = try checkout.triage(["trust"])
        #expect(trust.status == 0, "\(trust.stderr)")
        #expect(trust.stdout.contains("marker: sh -c"), "trust should show what it lets run:\n\(trust.stdout)")
        let listFile = checkout.state + "/trusted-configs"
        let mode = (try FileManager.default.attributesOfItem(atPath: listFile)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let trusted = try checkout.check()
        #expect(trusted.state == "ok", "\(trusted.reason ?? "")")
        #expect(checkout.runs == 1)
        #expect(try checkout.triage(["trust", "--list"]).stdout.contains("  trusted"))

        // Edited: untrusted again until trusted again.
        try checkout.write("# one more line")
        let edited = try checkout.check()
        #expect(edited.state == "unknown" && edited.reason == Self.withheld)
        #expect(checkout.runs == 1, "an edited ./triage.yaml ran its command on the old trust")
        #expect(try checkout.triage(["trust", "--list"]).stdout.contains("changed"))

        // Named with --config, the same file is the person's own choice and runs.
        let explicit = try checkout.check(["--config", "triage.yaml"])
        #expect(explicit.state == "ok", "\(explicit.reason ?? "")")
        #expect(checkout.runs == 2)

        // untrust takes it away again.
        #expect(try checkout.triage(["trust", "triage.yaml"]).status == 0)
        #expect(try checkout.check().state == "ok")
        #expect(checkout.runs == 3)
        #expect(try checkout.triage(["untrust", "triage.yaml"]).status == 0)
        #expect(try checkout.check().reason == Self.withheld)
        #expect(checkout.runs == 3)
        #expect(try checkout.triage(["untrust", "triage.yaml"]).status == 1)
    }

    /// A config's own `state:` cannot point triage at a trust list planted beside it.
    @Test func aConfigCannotVouchForItselfThroughItsStateKey() throws {
        let checkout = try Checkout()
        defer { checkout.remove() }
        let planted = checkout.directory + "/planted"
        try checkout.write("state: planted")
        // A trust list that trusts exactly this file, where `state:` points.
        var plantedEnvironment = checkout.environment
        plantedEnvironment["TRIAGE_STATE"] = planted
        let plant = try TriageProcess.run(["trust"], environment: plantedEnvironment, directory: checkout.directory)
        #expect(plant.status == 0)
        #expect(FileManager.default.fileExists(atPath: planted + "/trusted-configs"))

        let result = try checkout.check()
        #expect(result.reason == Self.withheld)
        #expect(checkout.runs == 0)
    }

    /// The user's own config (`$XDG_CONFIG_HOME/triage/config.yaml`) is trusted as it is.
    @Test func theUserConfigNeedsNoTrust() throws {
        let checkout = try Checkout()
        defer { checkout.remove() }
        let userConfig = checkout.directory + "/.config/triage/config.yaml"
        try FileManager.default.createDirectory(atPath: checkout.directory + "/.config/triage", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: checkout.config, toPath: userConfig)
        #expect(try checkout.check().state == "ok")
        #expect(checkout.runs == 1)
    }
}
