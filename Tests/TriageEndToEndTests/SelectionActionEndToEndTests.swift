import Foundation
import Testing
import TriageProbes
import TriageTestSupport

/// Actions on the selected row with the real binary in tmux: against podman's Docker API, `x` on a
/// container's row offers the runbook's `docker restart "$CONTAINER"` with the name in place and `R`
/// restarts it after a typed "yes"; against the real kubectl and the Kubernetes API stand-in, `D`
/// deletes a pod, `R` restarts its deployment, `n` opens its node, `C` cordons it (the node view then says so) and `i` shows
/// `kubectl describe`; the wall refuses them. Each run lands on the timeline.
@Suite(.serialized) struct SelectionActionEndToEndTests {
    let binary = TmuxSession.triageBinary

    /// A private directory with a runbook and an incident opened with it, for a dashboard to use.
    struct Drill {
        let dir: String
        var state: String { dir + "/state" }

        init(binary: String, runbook: String) throws {
            dir = try FaultLab.temporaryDirectory("act")
            try runbook.write(toFile: dir + "/runbook.md", atomically: true, encoding: .utf8)
            let created = try spawnAndWait(binary, ["incident", "new", "--title", "act drill", "--severity", "P2", "--runbook", dir + "/runbook.md",
                                                    "--state", dir + "/state"], captureOutput: true)
            guard created.status == 0 else { throw E2EError("incident new: \(created.output)") }
        }

        func start(_ binary: String, config: String, environment: [String: String] = [:]) throws -> TmuxSession {
            try config.write(toFile: dir + "/triage.yaml", atomically: true, encoding: .utf8)
            var environment = environment
            environment["TERM"] = "xterm-256color"
            environment["LANG"] = "C.UTF-8"
            environment["TRIAGE_USER"] = "e2e"
            return try TmuxSession(width: 120, height: 40, command: "\(binary) --config \(dir)/triage.yaml --state \(state)", environment: environment)
        }

        func timeline(_ binary: String) throws -> String {
            try spawnAndWait(binary, ["export", "timeline", "--format", "markdown", "--state", state, "--no-record"], captureOutput: true).output
        }
    }

    /// Types one key and waits until the screen shows what it did: one key a read, as a person types
    /// (keys that come together cannot answer a question).
    func typeSlowly(_ session: TmuxSession, _ key: String, until what: String, _ predicate: (String) -> Bool) throws {
        // A name (Enter, Escape) is a key for tmux to send; a character is typed as it is.
        if key.count > 1 { try session.send(key) } else { try session.type(key) }
        try session.waitFor(timeout: .seconds(5), what, predicate)
    }

    func answerYes(_ session: TmuxSession, until what: String, _ predicate: @escaping (String) -> Bool) throws {
        try typeSlowly(session, "y", until: "y typed") { $0.contains("› y▏") }
        try typeSlowly(session, "e", until: "ye typed") { $0.contains("› ye▏") }
        try typeSlowly(session, "s", until: "yes typed") { $0.contains("› yes▏") }
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(10), what, predicate)
    }

    func waitUntil(_ timeout: Duration, _ condition: () -> Bool) -> Bool {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return condition()
    }

    /// The run reaches the timeline (through the writer: within a few seconds).
    func expectOnTimeline(_ drill: Drill, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var timeline = ""
        let recorded = waitUntil(.seconds(15)) {
            timeline = (try? drill.timeline(binary)) ?? ""
            return timeline.contains(text)
        }
        #expect(recorded, "\(text) is not on the timeline:\n\(timeline)", sourceLocation: sourceLocation)
    }

    // MARK: Containers

    @Test func xOnAContainerRowShowsTheRunbookRestartAndRRestartsItAfterYes() async throws {
        let podman = try await PodmanService.start()
        do {
            try await containerActions(podman)
        } catch {
            await podman.stop()
            throw error
        }
        #expect(await podman.stop().isEmpty, "containers left behind in podman's storage")
    }

    private func containerActions(_ podman: PodmanService) async throws {
        let name = try await podman.run("web", script: "trap 'exit 0' TERM; while true; do sleep 1; done")
        let startedBefore = await podman.docker(["inspect", "-f", "{{.State.StartedAt}}", name]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!startedBefore.isEmpty)
        let drill = try Drill(binary: binary, runbook: """
            # Web drill

            ## Fix

            ```sh
            docker restart "$CONTAINER"
            ```
            """)
        defer { try? FileManager.default.removeItem(atPath: drill.dir) }
        let session = try drill.start(binary, config: """
            refresh: 1s
            docker:
              - host: \(podman.dockerHost)
                containers: [\(name)]
            """)
        defer { session.kill() }
        try session.type("2")
        // The NAME column cuts the name; the confirmations below have it whole.
        try session.waitFor(timeout: .seconds(30), "the container's row") { $0.contains("┏━ 2 Containers") && $0.contains("● running") }

        // x: the runbook's command for this row, as the shell will receive it.
        try typeSlowly(session, "x", until: "the runbook command's confirmation") { $0.contains("Run this command?") }
        let offered = try session.waitFor(timeout: .seconds(5), "the name in place") { $0.contains("docker restart \(name)") }
        #expect(offered.contains("CONTAINER=\(name)"), "\(offered)")
        try typeSlowly(session, "Escape", until: "the confirmation closed") { !$0.contains("Run this command?") }

        // R: the action, with its exact argv, needs a typed yes.
        try typeSlowly(session, "R", until: "the restart's confirmation") { $0.contains("Restart the container?") }
        let asked = try session.waitFor(timeout: .seconds(5), "the argv") { $0.contains("restart -- \(name)") }
        #expect(asked.contains("$ docker --host \(podman.dockerHost) restart -- \(name)"), "\(asked)")
        #expect(asked.contains("type yes"), "\(asked)")
        try answerYes(session, until: "the run started") { $0.contains("running: docker") }
        let restarted = waitUntil(.seconds(30)) {
            let now = (try? spawnAndWait(try FaultLab.require("docker"), ["--host", podman.dockerHost, "inspect", "-f", "{{.State.StartedAt}}", name],
                                         captureOutput: true).output) ?? ""
            let trimmed = now.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.hasPrefix("20") && trimmed != startedBefore
        }
        #expect(restarted, "the container's StartedAt did not change: it was not restarted")
        expectOnTimeline(drill, "restart -- \(name) → exit 0")
        try session.type("q")
    }

    // MARK: Pods and nodes

    @Test func dDeletesAPodRRestartsItsDeploymentNShowsItsNodeCCordonsItAndIDescribesIt() async throws {
        let standIn = try await KubeAPIStandIn.start()
        do {
            try podAndNodeActions(standIn)
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }

    private func podAndNodeActions(_ standIn: KubeAPIStandIn) throws {
        let kubectl = try FaultLab.require("kubectl")
        let drill = try Drill(binary: binary, runbook: "# Pod drill\n\n## Fix\n\n- [ ] Look\n")
        defer { try? FileManager.default.removeItem(atPath: drill.dir) }
        let session = try drill.start(binary, config: """
            refresh: 1s
            kubernetes:
              - context: lab
                namespaces: [shop]
            """, environment: ["KUBECONFIG": standIn.kubeconfig])
        defer { session.kill() }
        try session.type("3")
        try session.waitFor(timeout: .seconds(30), "the pods") { $0.contains("payments-6b8d-") && $0.contains("┏━ 3 Pods") }

        // D on the selected pod: the exact argv, a typed yes, then the API server no longer has it.
        try typeSlowly(session, "D", until: "the delete's confirmation") { $0.contains("Delete the pod?") }
        let asked = try session.waitFor(timeout: .seconds(5), "the argv") { $0.contains("delete pod --wait=false -- ") }
        let argvLine = try #require(asked.split(separator: "\n").first { $0.contains("delete pod --wait=false -- ") })
        let pod = try #require(argvLine.components(separatedBy: "-- ").last?.split(separator: " ").first.map(String.init))
        #expect(argvLine.contains("$ kubectl --context lab --namespace shop delete pod --wait=false -- \(pod)"), "\(argvLine)")
        try answerYes(session, until: "the run started") { $0.contains("running: kubectl") }
        let gone = waitUntil(.seconds(20)) {
            let listed = try? spawnAndWait(kubectl, ["--kubeconfig", standIn.kubeconfig, "--context", "lab", "--namespace", "shop", "get", "pods", "-o", "name"],
                                           captureOutput: true)
            guard let listed, listed.status == 0, listed.output.contains("pod/") else { return false }
            return !listed.output.split(separator: "\n").contains("pod/" + Substring(pod))
        }
        #expect(gone, "pod \(pod) is still there after the delete")
        expectOnTimeline(drill, "delete pod --wait=false -- \(pod) → exit 0")

        // R on a pod: its ReplicaSet's Deployment is looked up, then restarted after yes. A pod
        // with no ReplicaSet (queue-0) is told there is no deployment; the next row is tried.
        var rollout: String?
        var refusals: [String] = []
        for _ in 0..<8 where rollout == nil {
            try session.type("R")
            let answer = try session.waitFor(timeout: .seconds(15), "the rollout's question or refusal") {
                $0.contains("Rollout restart the pod's deployment?") || $0.contains("Cannot rollout restart")
            }
            if answer.contains("Rollout restart the pod's deployment?") { rollout = answer; break }
            refusals.append(answer.split(separator: "\n").first { $0.contains("no deployment to restart") }.map(String.init) ?? answer)
            try typeSlowly(session, "Escape", until: "the refusal closed") { !$0.contains("Cannot rollout restart") }
            try session.type("j")
        }
        let question = try #require(rollout, "no pod row led to a rollout question; refusals:\n\(refusals.joined(separator: "\n"))")
        let rolloutLine = try #require(question.split(separator: "\n").first { $0.contains("rollout restart deployment/") })
        let deployment = try #require(rolloutLine.components(separatedBy: "deployment/").last?.split(separator: " ").first.map(String.init))
        #expect(rolloutLine.contains("$ kubectl --context lab --namespace shop rollout restart deployment/\(deployment)"), "\(rolloutLine)")
        try answerYes(session, until: "the run started") { $0.contains("running: kubectl") }
        expectOnTimeline(drill, "rollout restart deployment/\(deployment) → exit 0")
        let annotations = try spawnAndWait(kubectl, ["--kubeconfig", standIn.kubeconfig, "--context", "lab", "--namespace", "shop", "get", "deployment",
                                                     deployment, "-o", "jsonpath={.spec.template.metadata.annotations}"], captureOutput: true).output
        #expect(annotations.contains("kubectl.kubernetes.io/restartedAt"), "the deployment was not restarted: \(annotations)")

        // n: the node of a scheduled pod (an unscheduled one says so; the next row is tried).
        var nodeView: String?
        for _ in 0..<8 where nodeView == nil {
            try session.type("n")
            nodeView = try? session.waitFor(timeout: .seconds(3), "a node's view") { $0.contains("┏━ Node node-") }
            if nodeView == nil { try session.type("j") }
        }
        let view = try #require(nodeView, "no pod row opened its node's view")
        let node = try #require(view.split(separator: "\n").first { $0.contains("┏━ Node node-") }?
            .components(separatedBy: "Node ").last?.split(separator: " ").first.map(String.init))
        #expect(view.contains("schedulable") && view.contains("yes"), "\(view)")
        #expect(view.contains("Allocatable of capacity"), "\(view)")

        // C in the node's view: cordon it; the view (read again each round) then says cordoned.
        try typeSlowly(session, "C", until: "the cordon's confirmation") { $0.contains("Cordon the node?") }
        let cordon = try session.waitFor(timeout: .seconds(5), "the argv") { $0.contains("$ kubectl --context lab cordon -- \(node)") }
        #expect(cordon.contains("type yes"), "\(cordon)")
        try answerYes(session, until: "the run started") { $0.contains("running: kubectl") }
        let cordoned = try session.waitFor(timeout: .seconds(20), "the node view saying cordoned") { $0.contains("no (cordoned)") }
        #expect(cordoned.contains("┏━ Node \(node)"), "\(cordoned)")

        // i: kubectl describe of the node, in full.
        try session.type("i")
        let described = try session.waitFor(timeout: .seconds(20), "kubectl describe") {
            $0.contains("kubectl describe node \(node)") && $0.contains("Unschedulable:")
        }
        #expect(described.contains("Unschedulable:      true"), "\(described)")
        try session.send("Escape")
        try session.type("q")
    }

    // MARK: The wall

    @Test func theWallRefusesTheActions() throws {
        let drill = try Drill(binary: binary, runbook: "# Wall drill\n\n## Fix\n\n- [ ] Look\n")
        defer { try? FileManager.default.removeItem(atPath: drill.dir) }
        let wall = try TmuxSession(width: 120, height: 40, command: "\(binary) wall --state \(drill.state)",
                                   environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        defer { wall.kill() }
        try wall.waitFor(timeout: .seconds(15), "the wall") { $0.contains("act drill") }
        for key in ["R", "D", "C", "x"] {
            try wall.type(key)
            try wall.waitFor(timeout: .seconds(5), "read-only notice for \(key)") { $0.lowercased().contains("read-only:") }
            try wall.send("Escape")
            try wall.waitFor(timeout: .seconds(5), "the notice cleared") { !$0.lowercased().contains("read-only:") }
        }
    }
}
