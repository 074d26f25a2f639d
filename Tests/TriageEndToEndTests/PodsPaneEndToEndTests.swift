import Foundation
import Testing

/// The real binary in tmux against the Kubernetes API stand-in (scripts/kube-standin.py, the lab's
/// default scenario: 17 pods, 12 of them failing, nodes under pressure, warning events) with a
/// second context that refuses connections, as the lab's `lab-down`. At 100x30 the Pods pane used
/// to show no pod at all (the wrapped refusal, the nodes line and three events filled it) and at
/// 120x40 only three.
@Suite(.serialized) struct PodsPaneEndToEndTests {
    /// Pod rows on a screen: READY ("0/1") then a state symbol.
    static func podRows(in screen: String) -> Int {
        screen.split(separator: "\n").filter { $0.range(of: #"[0-9]+/[0-9]+ [✖▲●?] "#, options: .regularExpression) != nil }.count
    }

    @Test func podRowsShowBesideARefusedContextAt120x40And100x30() async throws {
        let standIn = try await KubeAPIStandIn.start()
        do {
            try podRowsShow(kubeconfig: standIn.kubeconfig)
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }

    private func podRowsShow(kubeconfig: String) throws {
        let dashboard = try DashboardUnderTest(config: """
            refresh: 1s
            kubernetes:
              - context: lab
              - context: lab-down
                namespaces: [shop]
            """, width: 120, height: 40, environment: ["KUBECONFIG": kubeconfig], label: "podrows")
        defer { dashboard.stop() }
        let session = dashboard.session
        for (width, height, atLeast) in [(120, 40, 6), (100, 30, 3), (120, 40, 6)] {
            try session.resize(width: width, height: height)
            let screen = try session.waitFor(timeout: .seconds(30), "\(atLeast) pod rows at \(width)x\(height) beside the refused context") {
                $0.contains("connection refused") && Self.podRows(in: $0) >= atLeast
            }
            // The refusal takes one row, and the failing pods come first.
            #expect(dashboard.lines(containing: "connection refused", in: screen).count == 1, "\(screen)")
            #expect(dashboard.lines(containing: "0/1 ✖", in: screen).count >= atLeast, "\(screen)")
            #expect(!screen.contains("RESTARTS1-") && !screen.contains("AGE1-"), "a scroll marker over a title:\n\(screen)")
        }
    }
    /// A node row is one to act on (NodeDetailTests on the real binary): `3`, `G` puts the cursor on
    /// the last node row, Enter opens the node's view with its conditions and the pods on it, `l`
    /// there says a node has no logs.
    @Test func nodeDetailOpensFromANodeRow() async throws {
        let standIn = try await KubeAPIStandIn.start()
        do {
            try nodeDetailOpens(kubeconfig: standIn.kubeconfig)
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }

    private func nodeDetailOpens(kubeconfig: String) throws {
        let dashboard = try DashboardUnderTest(config: """
            refresh: 1s
            kubernetes:
              - context: lab
            """, width: 120, height: 40, environment: ["KUBECONFIG": kubeconfig], label: "noderow")
        defer { dashboard.stop() }
        let session = dashboard.session
        _ = try session.waitFor(timeout: .seconds(30), "the pods and the nodes line") { Self.podRows(in: $0) >= 6 && $0.contains("node-c") }
        try session.send("3")
        try session.send("G")
        // The last row is the healthy node (worst first: node-c, node-b, node-a); its view opens.
        try session.send("Enter")
        let view = try session.waitFor(timeout: .seconds(10), "the node's view") { $0.contains("┏━ Node node-a") }
        for expected in ["Conditions", "Allocatable of capacity", "Pods on it (", "● Ready"] {
            #expect(view.contains(expected), "\(expected) missing:\n\(view)")
        }
        // The pods on node-a, each with its state symbol, as the pane lists them.
        #expect(view.range(of: #"[✖▲●?] [a-z-]+/[a-z0-9-]+"#, options: .regularExpression) != nil, "no pod on node-a:\n\(view)")
        // Its end: the events about it (none about node-a in the stand-in's scenario).
        try session.send("G")
        _ = try session.waitFor(timeout: .seconds(5), "the view's end") { $0.contains("Recent events") && $0.contains("none about this node") }
        try session.send("l")
        let flash = try session.waitFor(timeout: .seconds(5), "what l says on a node") { $0.contains("a node has no logs") }
        #expect(flash.contains("┏━ Node node-a"), "the view stays open:\n\(flash)")
        try session.send("Escape")
        try session.send("q")
    }
}
