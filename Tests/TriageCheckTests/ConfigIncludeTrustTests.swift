import Foundation
import Testing

/// Trust covers what a `./triage.yaml` includes, through the real binary: a command check that lives
/// in an included file runs only once the whole configuration is trusted, and an edit to the
/// included file (not the main one) takes the trust away.
@Suite("ConfigInclude trust", .serialized) struct ConfigIncludeTrustTests {
    @Test func anEditToAnIncludedFileMakesTheConfigurationUntrusted() throws {
        let checkout = try ConfigTrustCommandTests.Checkout()
        defer { checkout.remove() }
        // The main file runs nothing itself; its include brings the marker check.
        try "include: ops/checks.yaml\n".write(toFile: checkout.config, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: checkout.directory + "/ops", withIntermediateDirectories: true)
        let included = checkout.directory + "/ops/checks.yaml"
        func writeIncluded(_ timeout: String) throws {
            try """
                checks:
                  - name: marker
                    run: [sh, -c, 'echo ran >> "$0"', \(checkout.marker)]
                    timeout: \(timeout)
                """.write(toFile: included, atomically: true, encoding: .utf8)
        }
        try writeIncluded("5s")

        let untrusted = try checkout.check()
        #expect(untrusted.state == "unknown" && untrusted.reason == ConfigTrustCommandTests.withheld, "\(untrusted)")
        #expect(checkout.runs == 0, "an included command of an untrusted ./triage.yaml ran")

        let trust = try checkout.triage(["trust"])
        #expect(trust.status == 0, "\(trust.stderr)")
        #expect(trust.stdout.contains("with what it includes: ") && trust.stdout.contains("ops/checks.yaml"), "\(trust.stdout)")
        #expect(trust.stdout.contains("marker"), "the included command is listed as one that will run: \(trust.stdout)")
        #expect(try checkout.check().state == "ok")
        #expect(checkout.runs == 1)

        try writeIncluded("6s")
        let edited = try checkout.check()
        #expect(edited.state == "unknown" && edited.reason == ConfigTrustCommandTests.withheld, "\(edited)")
        #expect(checkout.runs == 1, "the edited included file ran without trust")
        #expect(try checkout.triage(["trust", "--list"]).stdout.contains("changed"), "trust --list sees the included file's edit")
    }
}
