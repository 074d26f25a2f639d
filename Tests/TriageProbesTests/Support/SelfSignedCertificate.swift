import Foundation
import TriageProbes
import TriageTestSupport

/// A self-signed certificate for 127.0.0.1 made by the real openssl, valid from now for `days`.
struct SelfSignedCertificate {
    let directory: String
    var certificatePath: String { directory + "/cert.pem" }
    var keyPath: String { directory + "/key.pem" }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func make(days: Int, commonName: String = "127.0.0.1") async throws -> SelfSignedCertificate {
        let directory = NSTemporaryDirectory() + "triage-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let made = await ProcessRunner.run(
            "openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem",
             "-days", String(days), "-subj", "/CN=\(commonName)", "-addext", "subjectAltName=IP:127.0.0.1"],
            deadline: .seconds(30))
        guard made.succeeded else {
            throw Failure(description: "openssl is needed (scripts/setup.sh installs it): \(made.failureReason ?? "")")
        }
        return SelfSignedCertificate(directory: directory)
    }

    /// probe_server.py serving HTTPS with this certificate.
    func startServer() async throws -> LoopbackServer {
        try await LoopbackServer.start("probe_server.py", ["--tls", certificatePath, keyPath])
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
