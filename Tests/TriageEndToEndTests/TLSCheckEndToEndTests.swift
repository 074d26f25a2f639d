import Foundation
import Testing
import TriageProbes
import TriageTestSupport

/// A `tls:` and a `tcp:` service in the real dashboard, in tmux, against probe_server.py serving a
/// 5-day certificate made by openssl: the Services row shows the days left marked by the check's
/// own `cert_warn`, and `d` opens a detail view with the certificate's facts and the check's
/// availability over the last hour.
@Suite(.serialized) struct TLSCheckEndToEndTests {
    @Test func TLSCheckRowAndDetailShowTheCertificateAndAvailability() async throws {
        let directory = try FaultLab.temporaryDirectory("tls-e2e")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let made = await ProcessRunner.run(
            "openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem",
             "-days", "5", "-subj", "/CN=127.0.0.1/O=triage e2e", "-addext", "subjectAltName=IP:127.0.0.1"],
            deadline: .seconds(30))
        try #require(made.succeeded, "openssl is needed (scripts/setup.sh installs it): \(made.failureReason ?? "")")
        let server = try await LoopbackServer.start("probe_server.py", ["--tls", directory + "/cert.pem", directory + "/key.pem"])
        do {
            try dashboard(port: server.port)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func dashboard(port: Int) throws {
        let dashboard = try DashboardUnderTest(config: """
            refresh: 1s
            services:
              - name: edge cert
                tls: 127.0.0.1:\(port)
                verify_tls: false
                cert_warn: 10d
              - name: edge port
                tcp: 127.0.0.1:\(port)
            """, label: "tls")
        defer { dashboard.stop() }
        let session = dashboard.session
        try session.type("1")
        let pane = try session.waitFor(timeout: .seconds(30), "both rows judged") {
            $0.contains("4d!") && $0.contains("open") && $0.contains("┏━ 1 Services")
        }
        let certRow = dashboard.lines(containing: "edge cert", in: pane).first.map(String.init) ?? ""
        #expect(certRow.contains("WARN") && certRow.contains("4d!"), "\(pane)")
        #expect(dashboard.lines(containing: "edge port", in: pane).first?.contains("OK") == true, "\(pane)")
        // Worst first: the warning certificate is the top row, under the cursor.
        try session.type("d")
        let view = try session.waitFor(timeout: .seconds(5), "the check's detail view") {
            $0.contains("┏━ Check edge cert") && $0.contains("Availability")
        }
        #expect(view.contains("kind            tls"), "\(view)")
        #expect(view.contains("certificate     expires in 4 days"), "\(view)")
        #expect(view.contains("subject         CN = 127.0.0.1, O = triage e2e"), "\(view)")
        #expect(view.contains("not after"), "\(view)")
        #expect(view.contains("verification    self-signed certificate"), "\(view)")
        #expect(view.contains("Availability over the last hour"), "\(view)")
        #expect(view.contains("up              100%"), "\(view)")
        try session.type("q")
        try session.waitFor(timeout: .seconds(5), "q closes the view") { !$0.contains("┏━ Check edge cert") }
    }
}
