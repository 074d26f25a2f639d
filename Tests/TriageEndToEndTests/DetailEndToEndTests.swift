import Foundation
import Testing

/// `d` on a pod row, against the real kubectl and the Kubernetes API stand-in: the crash-looping
/// pod's detail view shows why it crashes (its last state with the exit code) and its own events,
/// `l` there follows its logs, and `p` shows a pod's previous run.
@Suite(.serialized) struct DetailEndToEndTests {
    @Test func dOnTheCrashLoopingPodShowsItsLastStateAndEventsAndLFollowsItsLogs() async throws {
        let standIn = try await KubeAPIStandIn.start()
        do {
            try crashLoopingPod(kubeconfig: standIn.kubeconfig)
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }

    private func crashLoopingPod(kubeconfig: String) throws {
        let dashboard = try DashboardUnderTest(config: """
            refresh: 1s
            kubernetes:
              - context: lab
                namespaces: [shop]
            """, environment: ["KUBECONFIG": kubeconfig], label: "detail")
        defer { dashboard.stop() }
        let session = dashboard.session
        try session.type("3")
        // The NAME column may cut the pod's name ("payments-6b8d-…"); its view below has it whole.
        try session.waitFor(timeout: .seconds(30), "the pods") { $0.contains("payments-6b8d-") && $0.contains("┏━ 3 Pods") }
        // Walk the rows with `d` until the view is the crash-looping pod's (at most every row once).
        // Rows re-sort as pods change state, so two passes from the top.
        var found: String?
        var seen: [String] = []
        for step in 0..<30 where found == nil {
            if step == 15 { try session.type("g") }
            try session.type("d")
            // A `d` typed while the first rounds arrive can find no row yet: then it is typed again.
            guard let screen = try? session.waitFor(timeout: .seconds(3), "a pod's detail view", { $0.contains("┏━ Pod shop/") }) else { continue }
            seen.append(screen.split(separator: "\n").first { $0.contains("┏━ Pod shop/") }.map(String.init) ?? "")
            if screen.contains("Pod shop/payments-6b8d-crash") { found = screen; break }
            try session.send("Escape")
            try session.waitFor(timeout: .seconds(5), "the view closed") { !$0.contains("┏━ Pod shop/") }
            try session.type("j")
        }
        let view = try #require(found, "no row opened the payments pod's view; views seen:\n\(seen.joined(separator: "\n"))")
        #expect(view.contains("Waiting: CrashLoopBackOff"), "\(view)")
        #expect(view.contains("last state") && view.contains("Terminated: Error, exit code 2"), "\(view)")
        #expect(view.contains("ReplicaSet/payments-6b8d"), "\(view)")
        // The events are further down: scroll to the end.
        try session.send("End")
        let events = try session.waitFor(timeout: .seconds(5), "the pod's events") { $0.contains("Events (") }
        #expect(events.contains("BackOff: Back-off restarting failed container payments"), "\(events)")
        #expect(!events.contains("cart-77c-imgpull"), "another pod's event in this pod's view:\n\(events)")
        // `l` from the view follows the pod's logs in the Logs pane, focused and zoomed.
        try session.type("l")
        let logs = try session.waitFor(timeout: .seconds(20), "the pod's log lines") {
            $0.contains("┏━ 4 Logs") && $0.contains("payments-6b8d-crash/payments request")
        }
        #expect(!logs.contains("┏━ Pod shop/"), "\(logs)")
        // Back to the pods, unzoomed: Enter (no longer zoom) opens a detail view, q closes it.
        try session.type("3")
        try session.type("z")
        try session.waitFor(timeout: .seconds(5), "the dashboard again") { $0.contains("┏━ 3 Pods") && $0.contains("5 Incident") }
        // `p` on the selected pod: its previous run's logs, through `kubectl logs --previous`.
        try session.type("p")
        let previous = try session.waitFor(timeout: .seconds(20), "the previous run's lines") {
            $0.contains("Previous run of pod shop/") && $0.contains("lines") && $0.contains("request")
        }
        #expect(previous.contains("logs --previous --timestamps"), "\(previous)")
        try session.send("Escape")
        try session.waitFor(timeout: .seconds(5), "the dashboard again") { !$0.contains("Previous run of pod") && $0.contains("┏━ 3 Pods") }
        try session.send("Enter")
        // (Rows are re-sorted as pods change, so which pod is under the cursor may have moved.)
        try session.waitFor(timeout: .seconds(5), "Enter opens the view") { $0.contains("┏━ Pod shop/") }
        try session.type("q")
        try session.waitFor(timeout: .seconds(5), "q closes the view") { !$0.contains("┏━ Pod shop/") }
    }
}
