import Foundation
import Testing
import TriageConfig
import TriageProbes
import TriageTestSupport

/// `triage check` and `triage init` against a real container engine (podman's Docker API, driven by the
/// real docker CLI) and the Kubernetes API stand-in (driven by the real kubectl), configured and discovered.
@Suite("triage check: containers, pods, discovery, init", .serialized)
struct SourcesCheckCommandTests {
    @Test func containersPodsAndNodesFromConfigAndFromDiscovery() async throws {
        let engine = try await PodmanService.start()
        let kube: KubeStandIn
        do { kube = try await KubeStandIn() } catch {
            await engine.stop()
            throw error
        }
        try await engine.run("fine", script: "while true; do sleep 1; done")
        try await engine.run("done", script: "exit 3")
        try await engine.run("sick", options: ["--health-cmd", "test -f /nope", "--health-interval", "2s", "--health-retries", "1"],
                         script: "while true; do sleep 1; done")
        await engine.runHealthcheck("sick")
        let directory = try CheckLab.temporaryDirectory("src")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var environment = TriageProcess.cleanEnvironment(home: directory)
        environment["KUBECONFIG"] = kube.kubeconfig

        // Configured: one engine with a glob, the lab context (all namespaces), a context that refuses.
        let config = try CheckLab.write("""
            docker:
              - host: \(engine.dockerHost)
                containers: ["\(engine.prefix)*"]
            kubernetes:
              - context: lab
              - context: lab-down
                namespaces: [shop]
            """, "triage.yaml", in: directory)
        let result = try TriageProcess.run(["check", "--config", config, "--json", "--timeout", "10s"], environment: environment, directory: directory)
        let document = try result.json()
        CheckJSON.expectWellFormed(document)
        #expect(result.status == 2, "stderr: \(result.stderr)")

        func container(_ name: String) -> [String: Any]? { CheckJSON.entry(document, "containers", named: engine.prefix + name) }
        #expect(CheckJSON.entries(document, "containers").count == 3, "\(CheckJSON.entries(document, "containers"))")
        #expect(container("fine")?["state"] as? String == "ok")
        #expect(container("fine")?["host"] as? String == engine.dockerHost)
        #expect(container("fine")?["status"] as? String == "running")
        #expect(container("fine")?["health"] as? String == "none")
        #expect(container("fine")?["restarts"] as? Int == 0)
        #expect(container("done")?["state"] as? String == "crit")
        #expect(container("done")?["status"] as? String == "exited")
        #expect(container("done")?["reason"] as? String == "exited 3")
        #expect(container("done")?["exitCode"] as? Int == 3)
        #expect(container("sick")?["state"] as? String == "crit")
        #expect(container("sick")?["health"] as? String == "unhealthy")
        #expect(container("sick")?["reason"] as? String == "unhealthy")

        let pods = CheckJSON.entries(document, "pods")
        func pod(_ name: String) -> [String: Any]? { pods.first { $0["name"] as? String == name && $0["context"] as? String == "lab" } }
        #expect(pods.filter { $0["context"] as? String == "lab" }.count == 17, "\(pods.count) pods")
        #expect(pod("payments-6b8d-crash")?["state"] as? String == "crit")
        #expect(pod("payments-6b8d-crash")?["status"] as? String == "CrashLoopBackOff")
        #expect(pod("payments-6b8d-crash")?["namespace"] as? String == "shop")
        #expect(pod("payments-6b8d-crash")?["ready"] as? String == "0/1")
        #expect((pod("payments-6b8d-crash")?["restarts"] as? Int ?? 0) > 0)
        #expect((pod("payments-6b8d-crash")?["reason"] as? String)?.hasPrefix("CrashLoopBackOff") == true)
        #expect(pod("checkout-7d9f8b6c5-x2x9q")?["state"] as? String == "ok")
        #expect(pod("checkout-7d9f8b6c5-x2x9q")?["ready"] as? String == "1/1")
        #expect(pod("queue-0")?["state"] as? String == "warn")
        #expect(pod("migrate-28371-done")?["state"] as? String == "ok")
        // The context that refuses shows as one unknown entry with kubectl's reason, not as "no pods".
        let down = pods.filter { $0["context"] as? String == "lab-down" }
        #expect(down.count == 1)
        #expect(down.first?["name"] as? String == "*" && down.first?["state"] as? String == "unknown")
        #expect((down.first?["reason"] as? String)?.contains("connection refused") == true, "\(down)")

        let nodes = CheckJSON.entries(document, "nodes")
        #expect(nodes.map { $0["name"] as? String ?? "" }.sorted() == ["node-a", "node-b", "node-c"])
        #expect(CheckJSON.entry(document, "nodes", named: "node-a")?["state"] as? String == "ok")
        #expect(CheckJSON.entry(document, "nodes", named: "node-b")?["state"] as? String == "warn")
        #expect(CheckJSON.entry(document, "nodes", named: "node-c")?["state"] as? String == "crit")

        // The table shows the same rows (non-ASCII pod name included).
        let table = try TriageProcess.run(["check", "--config", config], environment: environment, directory: directory)
        #expect(table.status == 2)
        #expect(table.stdout.contains("CONTAINERS (3)") && table.stdout.contains("PODS (18)") && table.stdout.contains("NODES (3)"), "\(table.stdout)")
        #expect(table.stdout.contains("kube-proxy-été-日本"))
        #expect(table.stdout.contains("context lab-down: connection refused"), "\(table.stdout)")

        // No configuration at all: discovery finds the engine through DOCKER_HOST and kubectl's current context.
        var bare = environment
        bare["DOCKER_HOST"] = engine.dockerHost
        let empty = directory + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let discovered = try TriageProcess.run(["check", "--json"], environment: bare, directory: empty)
        let found = try discovered.json()
        CheckJSON.expectWellFormed(found)
        #expect(found["config"] is NSNull)
        let mine = CheckJSON.entries(found, "containers").filter { ($0["name"] as? String ?? "").hasPrefix(engine.prefix) }
        #expect(mine.count == 3 && mine.allSatisfy { $0["host"] as? String == "local" }, "\(CheckJSON.entries(found, "containers"))")
        #expect(CheckJSON.entries(found, "pods").filter { $0["context"] as? String == "lab" }.count == 17)
        #expect((found["notes"] as? [String])?.first?.contains("no configuration file") == true)
        #expect(discovered.status == 2)

        // `triage init` writes a configuration for the same findings, and keeps it unless --force.
        let written = empty + "/triage.yaml"
        let initRun = try TriageProcess.run(["init"], environment: bare, directory: empty)
        #expect(initRun.status == 0, "stderr: \(initRun.stderr)")
        #expect(initRun.stdout.contains("found: docker: engine") && initRun.stdout.contains("found: kubernetes: current context lab"), "\(initRun.stdout)")
        let parsed = try ConfigParser.load(path: written)
        #expect(parsed.docker == [DockerTarget(endpoint: .default)])
        #expect(parsed.kubernetes == [KubernetesTarget(context: "lab")])
        let text = try String(contentsOfFile: written, encoding: .utf8)
        #expect(text.contains("\(engine.prefix)fine"), "container names seen are listed in a comment")
        try "# mine\n".write(toFile: written, atomically: true, encoding: .utf8)
        let refused = try TriageProcess.run(["init"], environment: bare, directory: empty)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("already exists; use --force"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: written, encoding: .utf8) == "# mine\n")
        let forced = try TriageProcess.run(["init", "--force", "--output", written], environment: bare, directory: empty)
        #expect(forced.status == 0)
        #expect(try ConfigParser.load(path: written).kubernetes == [KubernetesTarget(context: "lab")])

        await kube.stop()
        #expect(await engine.stop().isEmpty, "containers left behind in podman's storage")
    }

    @Test func aMissingDockerCLIIsUnknownWithItsReasonNotACrash() async throws {
        let directory = try CheckLab.temporaryDirectory("nodocker")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A PATH holding curl only: no docker, no kubectl.
        let bin = directory + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/curl", withDestinationPath: try CheckLab.require("curl"))
        var environment = TriageProcess.cleanEnvironment(home: directory)
        environment["PATH"] = bin

        let config = try CheckLab.write("""
            docker:
              - containers: ["web-*"]
            kubernetes:
              - context: prod
            """, "triage.yaml", in: directory)
        let result = try TriageProcess.run(["check", "--config", config, "--json"], environment: environment, directory: directory)
        let document = try result.json()
        CheckJSON.expectWellFormed(document)
        let containers = CheckJSON.entries(document, "containers")
        #expect(containers.count == 1)
        #expect(containers.first?["name"] as? String == "*")
        #expect(containers.first?["state"] as? String == "unknown")
        #expect(containers.first?["host"] as? String == "local")
        #expect(containers.first?["reason"] as? String == "docker: not found on PATH")
        let pods = CheckJSON.entries(document, "pods")
        #expect(pods.first?["state"] as? String == "unknown")
        #expect((pods.first?["reason"] as? String)?.contains("kubectl: not found on PATH") == true, "\(pods)")
        #expect(result.status == CheckJSON.expectedExit(worst: "unknown", document: document))

        let table = try TriageProcess.run(["check", "--config", config], environment: environment, directory: directory)
        #expect(table.status == result.status)
        #expect(table.stdout.contains("docker host local: docker: not found on PATH"), "\(table.stdout)")

        // Without a configuration, discovery says what it could not find and checks the host.
        let empty = directory + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let bare = try TriageProcess.run(["check", "--json"], environment: environment, directory: empty)
        let found = try bare.json()
        let notes = found["notes"] as? [String] ?? []
        #expect(notes.contains { $0.hasPrefix("docker: no engine answered (docker: not found on PATH") }, "\(notes)")
        #expect(notes.contains { $0.hasPrefix("kubernetes: kubectl has no current context (kubectl: not found on PATH") }, "\(notes)")
        #expect(CheckJSON.entries(found, "containers").isEmpty && CheckJSON.entries(found, "pods").isEmpty)
        #expect(bare.status == CheckJSON.expectedExit(worst: "ok", document: found))
    }

    @Test func anEngineAndAnAPIServerThatNeverAnswerTimeOutAtTheDeadline() async throws {
        let directory = try CheckLab.temporaryDirectory("hang")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let socket = directory + "/silent.sock"
        let silentEngine = try await LoopbackServer.start("blackhole.py", ["--unix", socket])
        let silentAPI = try await LoopbackServer.start("blackhole.py")
        let kubeconfig = directory + "/kubeconfig"
        let written = await ProcessRunner.run(
            "python3", [CheckLab.script("kube-standin.py"), "kubeconfig", kubeconfig, String(silentAPI.port), "1"], deadline: .seconds(10))
        #expect(written.succeeded, "writing the kubeconfig failed: \(written.failureReason ?? "")")
        var environment = TriageProcess.cleanEnvironment(home: directory)
        environment["KUBECONFIG"] = kubeconfig
        let config = try CheckLab.write("""
            docker:
              - host: unix://\(socket)
            kubernetes:
              - context: lab
            """, "triage.yaml", in: directory)

        let clock = ContinuousClock()
        let started = clock.now
        let result = try TriageProcess.run(["check", "--config", config, "--json", "--timeout", "2s"], environment: environment, directory: directory)
        let elapsed = clock.now - started
        let document = try result.json()
        CheckJSON.expectWellFormed(document)
        let containers = CheckJSON.entries(document, "containers")
        #expect(containers.count == 1 && containers.first?["name"] as? String == "*")
        #expect(containers.first?["state"] as? String == "unknown")
        #expect(containers.first?["reason"] as? String == "timed out after 2s", "\(containers)")
        let pods = CheckJSON.entries(document, "pods")
        #expect(pods.count == 1 && pods.first?["state"] as? String == "unknown")
        #expect((pods.first?["reason"] as? String)?.contains("timed out after 2s") == true, "\(pods)")
        #expect(result.status == CheckJSON.expectedExit(worst: "unknown", document: document))
        // Both waited in parallel for one deadline (plus TERM-to-KILL grace and start-up), not one after the other.
        #expect(elapsed < .seconds(8), "took \(elapsed)")
        // Nothing triage started outlives it.
        #expect(CheckLab.processes(named: "docker", marker: socket).isEmpty)
        #expect(CheckLab.processes(named: "kubectl", marker: kubeconfig).isEmpty)
        await silentEngine.stop()
        await silentAPI.stop()
    }
}
