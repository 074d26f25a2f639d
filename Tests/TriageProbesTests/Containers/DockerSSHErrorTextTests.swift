import Foundation
import Testing
@testable import TriageProbes

/// The docker CLI's error for a failed `ssh://` connection, as docker 28 printed it here (through
/// the shim), down to ssh's own words; and the argv the shim hands the real ssh.
@Suite("DockerSSH: ssh's words and the shim's argv")
struct DockerSSHErrorTextTests {
    static func dockerSaid(_ sshStderr: String) -> String {
        #"error during connect: Get "http://docker.example.com/v1.50/containers/json": command [ssh -o ConnectTimeout=30 -T -l root -p 18429 -- 127.0.0.1 docker system dial-stdio] has exited with exit status 255, make sure the URL is valid, and Docker 18.09 or later is installed on the remote host: stderr="#
            + sshStderr + "\n"
    }

    @Test func sshsVerdictIsTheReason() {
        #expect(DockerSSHErrorText.reason(stderr: Self.dockerSaid("ssh: connect to host 127.0.0.1 port 18429: Connection refused\n"))
            == "ssh: connect to host 127.0.0.1 port 18429: Connection refused")
        #expect(DockerSSHErrorText.reason(stderr: Self.dockerSaid("Host key verification failed.\n")) == "ssh: Host key verification failed.")
        // A warning first, the verdict last.
        let warned = "Warning: Permanently added '[127.0.0.1]:18420' (ED25519) to the list of known hosts.\r\nroot@127.0.0.1: Permission denied (password,keyboard-interactive).\n"
        #expect(DockerSSHErrorText.reason(stderr: Self.dockerSaid(warned)) == "ssh: root@127.0.0.1: Permission denied (password,keyboard-interactive).")
        #expect(DockerSSHErrorText.reason(stderr: Self.dockerSaid("")) == "ssh: exited with status 255 and said nothing")
    }

    @Test func otherDockerErrorsAreLeftToTheUsualReason() {
        #expect(DockerSSHErrorText.reason(stderr: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n") == nil)
        #expect(DockerSSHErrorText.reason(stderr: "") == nil)
    }

    /// A killed run cannot remove its shim directory; the next run removes those whose process is gone.
    @Test func leftoverShimDirectoriesOfEndedRunsAreRemovedAndLiveOnesKept() async throws {
        let temporary = NSTemporaryDirectory() + "triage-shim-test-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let ended = await ProcessRunner.run("true", [], deadline: .seconds(10))
        let endedPID = try #require(ended.processID)
        let dead = temporary + "/triage-ssh-\(endedPID)-AbC123"
        let live = temporary + "/triage-ssh-\(getpid())-XyZ789"
        let other = temporary + "/triage-ssh-notours"
        for directory in [dead, live, other] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: directory + "/ssh", withDestinationPath: "/bin/true")
        }
        DockerSSHShim.removeLeftovers(in: temporary)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live + "/ssh"))
        #expect(FileManager.default.fileExists(atPath: other + "/ssh"))
    }

    @Test func theShimPutsBatchModeAndConnectTimeoutFirst() {
        let forwarded = ["-o", "ConnectTimeout=30", "-T", "-l", "ops", "-p", "2222", "--", "db1", "docker", "system", "dial-stdio"]
        #expect(DockerSSHShim.sshArguments(forwarded: forwarded, configFile: nil)
            == ["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=3"] + forwarded)
        #expect(DockerSSHShim.sshArguments(forwarded: forwarded, configFile: "/tmp/x/ssh_config")
            == ["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=3", "-F", "/tmp/x/ssh_config"] + forwarded)
    }
}
