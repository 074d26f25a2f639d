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
        await engine.stop()
    }
}
