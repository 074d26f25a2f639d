import Foundation
import Testing

/// `triage wall` with no incident open, against the Kubernetes API stand-in (scripts/kube-standin.py,
/// the lab's default scenario: crash-looping, image-pull and OOM-killed pods) and a context that
/// refuses connections. The wall used to show a green ALL CLEAR here, with a services strip only.
@Suite(.serialized) struct WallOutageBoardEndToEndTests {
    @Test func failingPodsAreNamedWithTheirReasonAndThereIsNoAllClear() async throws {
        let standIn = try await KubeAPIStandIn.start()
        do {
            try wallNamesFailingPods(kubeconfig: standIn.kubeconfig)
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }

    /// A line of the screen naming `name` and saying `reason`.
    static func names(_ screen: String, _ name: String, _ reason: String) -> Bool {
        screen.split(separator: "\n").contains { $0.contains(name) && $0.contains(reason) }
    }

    private func wallNamesFailingPods(kubeconfig: String) throws {
        let directory = try FaultLab.temporaryDirectory("wallboard")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/triage.yaml"
        try """
            refresh: 1s
            kubernetes:
              - context: lab
              - context: lab-down
                namespaces: [shop]
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": directory, "KUBECONFIG": kubeconfig]
        // No state directory: no incident can be open, and the wall creates nothing.
        let wall = try TmuxSession(width: 120, height: 40,
                                   command: "exec \(TmuxSession.triageBinary) wall --config \(file) --state \(directory)/state",
                                   environment: environment)
        defer { wall.kill() }
        let started = ContinuousClock.now
        let screen = try wall.waitFor(timeout: .seconds(10), "failing pods named with their reason on the wall") {
            Self.names($0, "shop/payments-6b8d-crash", "CrashLoopBackOff")
                && Self.names($0, "shop/cart-77c-imgpull", "ImagePullBackOff")
                && Self.names($0, "context lab-down", "refused")
        }
        let took = ContinuousClock.now - started
        #expect(took < .seconds(10), "the wall took \(took)")
        #expect(screen.contains("READ-ONLY"))
        #expect(screen.contains("No open incident"))
        #expect(!screen.contains("ALL CLEAR"), "\(screen)")
        // Crit first: the first board row is a crit one.
        let rows = screen.split(separator: "\n").filter { $0.contains("✖ CRIT") || $0.contains("▲ WARN") || $0.contains("? UNKNOWN") }
        #expect(rows.first?.contains("✖ CRIT") == true, "\(screen)")
        #expect(rows.firstIndex { !$0.contains("✖ CRIT") } ?? rows.count >= 5, "\(screen)")
        // A few seconds later, still no verdict.
        Thread.sleep(forTimeInterval: 2)
        #expect(!(try wall.capture()).contains("ALL CLEAR"))
    }
}
