import Foundation
import Testing
import TriageProbes
import TriageTestSupport

/// `docker: [{host: ssh://…}]` through the real binary, a real sshd on loopback (keys made by the
/// test) and podman's Docker API behind it: the docker CLI's own ssh transport, made
/// non-interactive by `DockerSSHShim`.
@Suite("DockerSSH: triage check over ssh://", .serialized)
struct DockerSSHCheckTests {
    static let port = 18425
    static let passwordPort = 18426
    static let untrustedPort = 18427
    /// Nothing listens here.
    static let closedPort = 18429

    /// Also proves BatchMode: the password-only server's log shows no password tried (without it,
    /// ssh sends empty ones: "Failed password" twice per connection, as seen with docker 28 here).
    @Test func containersAndStatsOverSSHAndEachUnreachableHostIsOneUnknownRowWithSSHsWords() async throws {
        // Accepts and never speaks: ssh waits for its banner until ConnectTimeout.
        let silent = try await LoopbackServer.start("blackhole.py")
        let engine: PodmanService
        do { engine = try await PodmanService.start() } catch {
            await silent.stop()
            throw error
        }
        var servers: [SSHServer] = []
        do {
            let server = try await SSHServer.start(port: Self.port, dockerHost: engine.dockerHost)
            servers.append(server)
            let passwordOnly = try await SSHServer.start(port: Self.passwordPort, passwordOnly: true)
            servers.append(passwordOnly)
            try await engine.run("web", script: "while true; do sleep 1; done")
            let directory = try CheckLab.temporaryDirectory("sshdocker")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var environment = TriageProcess.cleanEnvironment(home: directory)
            environment["TRIAGE_STATE"] = directory + "/state"
            environment["TRIAGE_SSH_CONFIG"] = try server.clientConfig(alsoTrusting: [passwordOnly])
            let wrongPort = "ssh://\(server.user)@127.0.0.1:\(Self.closedPort)"
            // The client config knows the host key as [127.0.0.1]:port, not under the name localhost.
            let unknownKey = "ssh://\(server.user)@localhost:\(Self.port)"
            // A docker context whose endpoint is ssh:// goes the same way (contexts live under $HOME/.docker).
            let context = await ProcessRunner.run(
                "docker", ["context", "create", "over-ssh", "--docker", "host=" + server.address], environment: ["HOME": directory], deadline: .seconds(20))
            #expect(context.succeeded, "\(context.failureReason ?? "")")
            let config = try CheckLab.write("""
                docker:
                  - host: \(server.address)
                    containers: ["\(engine.prefix)*"]
                  - context: over-ssh
                    containers: ["\(engine.prefix)*"]
                  - host: \(passwordOnly.address)
                  - host: \(wrongPort)
                  - host: \(unknownKey)
                  - host: ssh://\(server.user)@127.0.0.1:\(silent.port)
                """, "checked.yaml", in: directory)

            // 20 s leaves the loaded test machine room for two `docker stats` over ssh; ssh's own
            // ConnectTimeout (3 s a dial, docker dials twice) still ends the silent host well before it,
            // where docker's own 30 s would not.
            let result = try TriageProcess.run(["check", "--config", config, "--json", "--timeout", "20s"], environment: environment, directory: directory, limit: .seconds(60))
            let document = try result.json()
            CheckJSON.expectWellFormed(document)

            let web = CheckJSON.entry(document, "containers", named: engine.prefix + "web")
            #expect(web?["state"] as? String == "ok", "\(CheckJSON.entries(document, "containers"))\n\(result.stderr)")
            #expect(web?["host"] as? String == server.address)
            #expect(web?["status"] as? String == "running")
            #expect(web?["cpuPercent"] is Double, "stats over ssh: \(String(describing: web))\n\(result.stdout)")
            let viaContext = CheckJSON.entries(document, "containers").first { $0["host"] as? String == "over-ssh" }
            #expect(viaContext?["name"] as? String == engine.prefix + "web" && viaContext?["state"] as? String == "ok", "\(String(describing: viaContext))")

            func reason(_ host: String) -> String? {
                CheckJSON.entries(document, "containers").first { $0["host"] as? String == host && $0["state"] as? String == "unknown" }?["reason"] as? String
            }
            let refused = reason(passwordOnly.address) ?? ""
            #expect(refused.hasPrefix("ssh: ") && refused.contains("Permission denied (") && refused.contains("password"), "\(refused)")
            #expect(reason(wrongPort) == "ssh: connect to host 127.0.0.1 port \(Self.closedPort): Connection refused")
            #expect(reason(unknownKey) == "ssh: Host key verification failed.")
            #expect(reason("ssh://\(server.user)@127.0.0.1:\(silent.port)") == "ssh: Connection to 127.0.0.1 port \(silent.port) timed out")
            let unknownSources = CheckJSON.entries(document, "sources").filter { $0["state"] as? String == "unknown" }
            #expect(unknownSources.count == 4, "\(String(describing: document["sources"]))")
            #expect(result.status == CheckJSON.expectedExit(worst: "unknown", document: document))
            // The password-only host was never sent a password: ssh did not try one.
            #expect(!passwordOnly.log.contains("Failed password"), "\(passwordOnly.log)")
        } catch {
            for server in servers { await server.stop() }
            await engine.stop()
            await silent.stop()
            throw error
        }
        for server in servers { await server.stop() }
        #expect(await engine.stop().isEmpty, "containers left behind in podman's storage")
        await silent.stop()
    }

    /// An untrusted `./triage.yaml` naming an `ssh://` docker host makes triage contact nothing; once
    /// trusted, the same run reaches it. sshd's log (`LogLevel VERBOSE`) shows every connection.
    @Test func anUntrustedConfigsSSHDockerHostIsNotContactedUntilTrusted() async throws {
        let server = try await SSHServer.start(port: Self.untrustedPort)
        do {
            let directory = try CheckLab.temporaryDirectory("sshdocker-trust")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var environment = TriageProcess.cleanEnvironment(home: directory)
            environment["TRIAGE_STATE"] = directory + "/state"
            environment["TRIAGE_SSH_CONFIG"] = server.clientConfig
            _ = try CheckLab.write("""
                docker:
                  - host: \(server.address)
                logs:
                  - docker: web
                    host: \(server.address)
                """, "triage.yaml", in: directory)

            let untrusted = try TriageProcess.run(["check", "--json", "--timeout", "10s"], environment: environment, directory: directory)
            let document = try untrusted.json()
            let row = CheckJSON.entries(document, "containers").first { $0["host"] as? String == server.address }
            #expect(row?["state"] as? String == "unknown", "\(untrusted.stdout)")
            #expect(row?["reason"] as? String == "not contacted: ./triage.yaml is not trusted (triage trust)")
            #expect(untrusted.stdout.contains("2 remote docker hosts were not contacted"), "\(untrusted.stdout)")
            #expect(untrusted.status == CheckJSON.expectedExit(worst: "unknown", document: document))
            let table = try TriageProcess.run(["check", "--timeout", "10s"], environment: environment, directory: directory)
            #expect(table.stdout.contains("not contacted: ./triage.yaml is not trusted"), "\(table.stdout)")
            try await Task.sleep(for: .milliseconds(300))
            #expect(!server.log.contains("Connection from"), "contacted while untrusted:\n\(server.log)")

            let trust = try TriageProcess.run(["trust"], environment: environment, directory: directory)
            #expect(trust.status == 0, "\(trust.stderr)")
            let trusted = try TriageProcess.run(["check", "--json", "--timeout", "10s"], environment: environment, directory: directory)
            #expect(!trusted.stdout.contains("not contacted"), "\(trusted.stdout)")
            try await Task.sleep(for: .milliseconds(300))
            #expect(server.log.contains("Connection from"), "not contacted once trusted:\n\(server.log)")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
