import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TriageProbes

/// A real dnsmasq (Debian's dnsmasq-base) answering on loopback from a hosts file and a few
/// records, with no system configuration: `--conf-file=/dev/null --no-resolv --no-hosts`. Started
/// through triage's own ProcessRunner (own process group) and stopped by cancelling it, which
/// ends that group by its PID.
final class DNSMasqServer: Sendable {
    let port: Int
    private let task: Task<StreamTermination, Never>
    private let directory: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Serves `api.example.test` A 127.0.0.7 and AAAA ::7, `www.example.test` CNAME to it,
    /// `example.test` MX `10 mail.example.test` and TXT `v=spf1 -all`; anything else under
    /// example.test is NXDOMAIN.
    static func start() async throws -> DNSMasqServer {
        let directory = NSTemporaryDirectory() + "triage-dns-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "127.0.0.7 api.example.test\n::7 api.example.test\n".write(toFile: directory + "/hosts", atomically: true, encoding: .utf8)
        let port = try freeUDPPort()
        let arguments = [
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--addn-hosts=" + directory + "/hosts",
            "-p", String(port), "--listen-address=127.0.0.1", "--bind-interfaces", "--pid-file=", "--local=/example.test/",
            "--cname=www.example.test,api.example.test", "--mx-host=example.test,mail.example.test,10",
            "--txt-record=example.test,v=spf1 -all",
        ]
        let task = Task { await ProcessRunner.streamLines("dnsmasq", arguments) { _ in } }
        let server = DNSMasqServer(port: port, task: task, directory: directory)
        // Ready once it answers: at most 50 tries over about 5 s.
        for _ in 0..<50 {
            let probe = await ProcessRunner.run(
                "dig", ["+tries=1", "+time=1", "@127.0.0.1", "-p", String(port), "-q", "api.example.test", "-t", "A"], deadline: .seconds(3))
            if case .failedToStart(let why) = probe.exitStatus {
                await server.stop()
                throw Failure(description: "dig is needed (scripts/setup.sh installs dnsutils): \(why)")
            }
            if probe.stdoutText.contains("status: NOERROR") { return server }
            if task.isCancelled { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        await server.stop()
        throw Failure(description: "dnsmasq did not answer on 127.0.0.1:\(port) (scripts/setup.sh installs dnsmasq-base)")
    }

    private init(port: Int, task: Task<StreamTermination, Never>, directory: String) {
        self.port = port
        self.task = task
        self.directory = directory
    }

    func stop() async {
        task.cancel()
        _ = await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { task.cancel() }

    /// A UDP port nothing listens on right now, from the kernel (bind to port 0, read it back).
    static func freeUDPPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw Failure(description: "bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        guard named == 0 else { throw Failure(description: "getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
