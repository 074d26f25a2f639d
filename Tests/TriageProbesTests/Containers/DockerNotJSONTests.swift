import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// A `docker` that exits 0 but prints no JSON (a wrapper script, a proxy's error page, a CLI that
/// ignored `--format`): the probe reports it UNKNOWN with what was printed, never "0 containers, ok".
/// A stand-in CLI script is the point here: the real docker never prints this.
@Suite struct DockerNotJSONTests {
    @Test func aDockerThatPrintsNoJSONIsAFailureWithTheReason() async throws {
        let directory = NSTemporaryDirectory() + "triage-docker-garbage-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fake = directory + "/docker"
        try "#!/bin/sh\necho 'Welcome to the docker proxy!'\necho 'please log in'\nexit 0\n".write(toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)

        let probe = DockerProbe(target: DockerHostTarget(endpoint: .cliDefault, nameGlobs: [], tag: "local"), executable: fake)
        let snapshot = await probe.poll(deadline: .seconds(10))
        await probe.stop()
        #expect(snapshot.containers.isEmpty)
        #expect(snapshot.failure == #"docker ps output is not JSON: "Welcome to the docker proxy!" (+1 more lines)"#)
    }
}
