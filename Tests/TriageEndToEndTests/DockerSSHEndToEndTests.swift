import Foundation
import Testing
import TriageTestSupport

/// The dashboard in tmux (a real terminal, so an ssh that may prompt would prompt there) with docker
/// hosts over ssh: a real sshd on loopback in front of podman's Docker API, and one that only takes
/// passwords.
@Suite("DockerSSH: the dashboard over ssh://", .serialized)
struct DockerSSHEndToEndTests {
    static let port = 18420
    static let passwordPort = 18424
    static let untrustedPort = 18428

    /// Containers and a followed log over ssh show; the password-only host is one UNKNOWN row with
    /// ssh's words, never a password prompt on the screen, and the rest keeps updating.
    @Test func containersAndLogsOverSSHAndAPasswordHostNeverPromptsOnTheScreen() async throws {
        let engine = try await PodmanService.start()
        var servers: [SSHServer] = []
        do {
            let server = try await SSHServer.start(port: Self.port, dockerHost: engine.dockerHost)
            servers.append(server)
            let passwordOnly = try await SSHServer.start(port: Self.passwordPort, passwordOnly: true)
            servers.append(passwordOnly)
            let talker = try await engine.run("talker", script: "i=0; while true; do i=$((i+1)); echo \"over-ssh-line $i\"; sleep 1; done")
            let dir = NSTemporaryDirectory() + "triage-e2e-sshdocker-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let config = dir + "/triage.yaml"
            try """
                refresh: 1s
                docker:
                  - host: \(server.address)
                    containers: ["\(engine.prefix)*"]
                  - host: \(passwordOnly.address)
                logs:
                  - docker: \(talker)
                    host: \(server.address)
                """.write(toFile: config, atomically: true, encoding: .utf8)
            let session = try TmuxSession(
                width: 160, height: 45, command: "\(TmuxSession.triageBinary) --config \(config) --state \(dir)/state",
                environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_SSH_CONFIG": try server.clientConfig(alsoTrusting: [passwordOnly])])
            defer { session.kill() }

            var screens: [String] = []
            let first = try session.waitFor(timeout: .seconds(30), "the container, its log over ssh, the password host's reason") { screen in
                screens.append(screen)
                return screen.contains(talker) && screen.contains("over-ssh-line") && screen.contains("Permission denied")
            }
            let counter = { (screen: String) -> Int in
                screen.components(separatedBy: "over-ssh-line ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }.max() ?? 0
            }
            // Still updating several rounds later (the log's counter grows, keys are answered), and no
            // screen on the way ever showed a prompt.
            let later = try session.waitFor(timeout: .seconds(20), "newer log lines") { screen in
                screens.append(screen)
                return counter(screen) >= counter(first) + 3
            }
            try session.type("?")
            let help = try session.waitFor(timeout: .seconds(10), "the help overlay") { screen in
                screens.append(screen)
                return screen.lowercased().contains("quit")
            }
            for screen in screens + [later, help] {
                #expect(!screen.lowercased().contains("password:"), "a prompt reached the screen:\n\(screen)")
                #expect(!screen.contains("yes/no"), "a host key question reached the screen:\n\(screen)")
            }
            #expect(!passwordOnly.log.contains("Failed password"), "ssh tried a password:\n\(passwordOnly.log)")
        } catch {
            for server in servers { await server.stop() }
            await engine.stop()
            throw error
        }
        for server in servers { await server.stop() }
        #expect(await engine.stop().isEmpty, "containers left behind in podman's storage")
    }

    /// Started in a checkout whose untrusted `./triage.yaml` names an `ssh://` docker host: the
    /// screen says it was not contacted and why, and sshd sees no connection.
    @Test func anUntrustedConfigsSSHHostIsNotContactedAndTheScreenSaysSo() async throws {
        let server = try await SSHServer.start(port: Self.untrustedPort)
        do {
            let dir = NSTemporaryDirectory() + "triage-e2e-sshdocker-trust-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try """
                refresh: 1s
                docker:
                  - host: \(server.address)
                """.write(toFile: dir + "/triage.yaml", atomically: true, encoding: .utf8)
            let session = try TmuxSession(
                width: 160, height: 45, command: "cd \(dir) && exec \(TmuxSession.triageBinary)",
                environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_STATE": dir + "/state", "TRIAGE_SSH_CONFIG": server.clientConfig])
            defer { session.kill() }
            let screen = try session.waitFor(timeout: .seconds(20), "the untrusted notice and the host's reason") {
                $0.contains("./triage.yaml is not trusted") && $0.contains("not contacted")
            }
            #expect(screen.contains("remote docker host was not contacted"), "screen:\n\(screen)")
            // Several rounds (refresh 1s): an untrusted host would have been dialled by now.
            try await Task.sleep(for: .seconds(3))
            #expect(!server.log.contains("Connection from"), "contacted while untrusted:\n\(server.log)")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
