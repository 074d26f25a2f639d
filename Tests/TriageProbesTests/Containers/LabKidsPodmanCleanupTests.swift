import Foundation
import Testing
import TriageProbes
import TriageTestSupport

/// Tests that start podman containers leave none behind (issue 16): they live in the machine's own
/// podman storage, where nothing else removes them. Each check lists that storage with podman itself,
/// not through the service under test.
@Suite("LabKids: tests leave no podman container behind", .serialized)
struct LabKidsPodmanCleanupTests {
    struct Thrown: Error {}

    /// The containers in the machine's podman storage whose names start with `prefix`.
    static func containers(named prefix: String) async throws -> [String] {
        let listed = await ProcessRunner.run("podman", ["ps", "-a", "--filter", "name=^" + prefix, "--format", "{{.Names}}"], deadline: .seconds(30))
        try #require(listed.succeeded, "podman ps failed: \(listed.failureReason ?? "")")
        return listed.stdoutText.split(separator: "\n").map(String.init)
    }

    /// A crash loop started through `run` and a container a test started by hand with the engine's
    /// prefix: `stop()` removes both (it used to remove only what `run` started).
    @Test func stopRemovesEveryContainerWithTheEnginesPrefix() async throws {
        let engine = try await PodmanService.start()
        try await engine.run("crash", options: ["--restart", "always"], script: "sleep 0.2; exit 2")
        let byHand = await engine.docker(["run", "-d", "--name", engine.prefix + "byhand", "--network", "none", PodmanService.image, "sleep", "600"])
        #expect(byHand.succeeded, "\(byHand.failureReason ?? "")")
        #expect(Set(try await Self.containers(named: engine.prefix)) == [engine.prefix + "crash", engine.prefix + "byhand"])
        let left = await engine.stop()
        #expect(left.isEmpty, "stop() says it left \(left)")
        #expect(try await Self.containers(named: engine.prefix).isEmpty)
    }

    /// A test that throws midway still removes its containers, and its own error is what it fails with.
    @Test func aTestThatThrowsLeavesNoContainerBehind() async throws {
        var prefix = ""
        await #expect(throws: Thrown.self) {
            try await PodmanService.withEngine { engine in
                prefix = engine.prefix
                try await engine.run("steady", script: "while true; do sleep 1; done")
                throw Thrown()
            }
        }
        #expect(!prefix.isEmpty)
        #expect(try await Self.containers(named: prefix).isEmpty)
    }

    /// A container the engine cannot remove (another container, without the prefix, shares its
    /// network namespace) fails the test that left it, by name.
    @Test func aContainerLeftBehindFailsTheTest() async throws {
        let dependent = "labkids-dependent-\(UUID().uuidString.prefix(8).lowercased())"
        var prefix = ""
        var failure = ""
        do {
            try await PodmanService.withEngine { engine in
                prefix = engine.prefix
                try await engine.run("shared", script: "while true; do sleep 1; done")
                let outcome = await engine.docker([
                    "run", "-d", "--name", dependent, "--network", "container:" + engine.prefix + "shared", PodmanService.image, "sleep", "600",
                ])
                #expect(outcome.succeeded, "\(outcome.failureReason ?? "")")
            }
        } catch let error as PodmanService.Failure {
            failure = error.description
        }
        // Clean up what this test made stay on purpose.
        _ = await ProcessRunner.run("podman", ["rm", "-f", "-t", "0", "--ignore", dependent], deadline: .seconds(60))
        _ = await ProcessRunner.run("podman", ["rm", "-f", "-t", "0", "--ignore", prefix + "shared"], deadline: .seconds(60))
        #expect(failure == "containers left behind in podman's storage: \(prefix)shared")
        let left = try await Self.containers(named: prefix) + (try await Self.containers(named: dependent))
        #expect(left.isEmpty)
    }
}
