import Foundation
import Testing
import TriageProbes
import TriageTestSupport

/// The fault matrix for data sources (docs/RELIABILITY.md, "Fault matrix"): each fault is made real
/// (a PATH without the tool, a podman engine stopped mid-run, a kubectl context on a closed port, an
/// API server that accepts and never answers) and the real binary is read through tmux, at 120x40
/// and 80x24, for what a person sees: the reason in plain words, the rest still working, keys answered.
@Suite(.serialized) struct ProbeFaultEndToEndTests {
    /// Fault 1. No docker on PATH: the Containers pane names the missing tool; command checks, the
    /// host pane and the keys go on.
    @Test func aMissingDockerCLIIsNamedAndTheRestWorks() throws {
        let lab = try FaultLab.temporaryDirectory("nodocker")
        defer { try? FileManager.default.removeItem(atPath: lab) }
        let bin = try FaultLab.pathWithOnly(["curl"], in: lab)
        let dashboard = try DashboardUnderTest(config: """
            refresh: 500ms
            docker:
              - containers: ["*"]
            checks:
              - name: cmd-check
                run: [/bin/sh, -c, "exit 0"]
            """, environment: ["PATH": bin], label: "nodocker")
        defer { dashboard.stop() }
        let session = dashboard.session

        let screen = try session.waitFor(timeout: .seconds(15), "docker named as missing and the check OK") {
            $0.contains("✖ local: docker: not found on PATH") && $0.contains("cmd-check") && $0.contains("● OK")
        }
        #expect(!screen.contains("first docker round running"), "the pane must not wait for a tool that is not there")
        #expect(dashboard.lines(containing: "cmd-check", in: screen).contains { $0.contains("● OK") }, "\(screen)")
        #expect(screen.contains("cpu"), "the host pane stopped:\n\(screen)")
        try dashboard.expectKeysAnswered()
        #expect(dashboard.children(named: "docker").isEmpty)

        try session.resize(width: 80, height: 24)
        try session.type("2")
        try session.waitFor(timeout: .seconds(5), "80x24: the Containers pane with the reason") {
            $0.contains("┏━ 2 Containers") && $0.contains("✖ local: docker: not found on PATH")
        }
        try dashboard.expectKeysAnswered(["1 Services", "6 Host"])
    }

    /// Fault 2. The engine goes away mid-run: the last rows stay, marked stale with their age and the
    /// engine's own error, keys are answered; when the engine is back on the same socket, so are the rows.
    @Test func anEngineGoneMidRunKeepsTheLastRowsStaleAndRecovers() async throws {
        let engine = try await PodmanService.start()
        do {
            let name = try await engine.run("pf", script: "while true; do echo ok; sleep 1; done")
            try await engineGoneMidRun(engine, container: name)
        } catch {
            await engine.stop()
            throw error
        }
        #expect(await engine.stop().isEmpty, "containers left behind in podman's storage")
    }

    private func engineGoneMidRun(_ engine: PodmanService, container name: String) async throws {
        let dashboard = try DashboardUnderTest(config: """
            refresh: 500ms
            docker:
              - host: \(engine.dockerHost)
                containers: [\(name)]
            """, label: "engine")
        defer { dashboard.stop() }
        let session = dashboard.session
        let live = try session.waitFor(timeout: .seconds(30), "the container running") { screen in
            dashboard.lines(containing: name, in: screen).contains { $0.contains("running") }
        }
        #expect(!live.contains("stale"), "\(live)")

        await engine.stopService()
        let refusal = spaceless("✖ Cannot connect to the Docker daemon at \(engine.dockerHost). Is the docker daemon running?")
        try session.type("2")
        let stale = try session.waitFor(timeout: .seconds(20), "the engine's error, the data's age and the stale mark") { screen in
            let message = messageText(in: screen, pane: "┏━ 2 Containers")
            return screen.contains("stale") && message.contains(refusal) && message.contains("datafrom")
        }
        #expect(dashboard.lines(containing: name, in: stale).count == 1, "the last row is kept:\n\(stale)")
        try dashboard.expectKeysAnswered()

        try session.resize(width: 80, height: 24)
        try session.type("2")
        let small = try session.waitFor(timeout: .seconds(5), "80x24: the Containers pane, stale, the whole reason") { screen in
            let message = messageText(in: screen, pane: "┏━ 2 Containers")
            return message.contains(refusal) && message.contains("datafrom")
        }
        #expect(dashboard.lines(containing: name, in: small).count == 1, "\(small)")
        try dashboard.expectKeysAnswered(["6 Host", "2 Containers"])
        try session.resize(width: 120, height: 40)

        try await engine.startService()
        let back = try session.waitFor(timeout: .seconds(30), "the engine back: rows current, no error") { screen in
            !screen.contains("Cannot connect") && !screen.contains("stale")
                && dashboard.lines(containing: name, in: screen).contains { $0.contains("running") }
        }
        #expect(!back.contains("data from"), "\(back)")
    }

    /// Fault 3. One kubectl context points at a closed port: its reason names the context and the
    /// refused address; the other context (the stand-in) still shows its pods.
    @Test func aContextOnAClosedPortIsNamedAndTheOtherContextStillShowsPods() async throws {
        let standIn = try await KubeAPIStandIn.start()
        do {
            try closedPortContext(kubeconfig: standIn.kubeconfig)
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }

    private func closedPortContext(kubeconfig: String) throws {
        let dashboard = try DashboardUnderTest(config: """
            refresh: 500ms
            kubernetes:
              - context: lab
                namespaces: [kube-system]
              - context: lab-down
            """, environment: ["KUBECONFIG": kubeconfig], label: "kubedown")
        defer { dashboard.stop() }
        let session = dashboard.session
        let refused = "context lab-down: connection refused (127.0.0.1:1)"
        let screen = try session.waitFor(timeout: .seconds(30), "the refused context and the other's pods") {
            $0.contains(refused) && $0.contains("coredns-5d78c9")
        }
        let pod = dashboard.lines(containing: "coredns-5d78c9", in: screen)
        #expect(pod.count == 1 && pod[0].contains("Running"), "\(screen)")
        // Two contexts: the pods are grouped under their context's header; the refused one has no rows.
        #expect(dashboard.lines(containing: "▾ lab ", in: screen).count == 1, "\(screen)")
        try dashboard.expectKeysAnswered(["6 Host", "3 Pods"])

        try session.resize(width: 80, height: 24)
        try session.type("3")
        try session.waitFor(timeout: .seconds(5), "80x24: the Pods pane with both") {
            $0.contains("┏━ 3 Pods") && $0.contains(refused) && $0.contains("coredns-5d78c9")
        }
    }

    /// Fault 4. The API server accepts and never answers: the pane says "timed out after 10s" (the
    /// dashboard's probe deadline) within that deadline and some slack, the screen answers keys all
    /// along, and kubectl processes do not pile up: at most the watch plus one round's two calls.
    @Test func anAPIServerThatNeverAnswersTimesOutAndKubectlDoesNotPileUp() async throws {
        let hole = try await LoopbackServer.start("blackhole.py")
        let directory = try FaultLab.temporaryDirectory("hole")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let kubeconfig = directory + "/kubeconfig"
            try await KubeAPIStandIn.writeKubeconfig(kubeconfig, port: hole.port, downPort: nil)
            try await hangingAPI(kubeconfig: kubeconfig)
        } catch {
            await hole.stop()
            throw error
        }
        await hole.stop()
    }

    private func hangingAPI(kubeconfig: String) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let dashboard = try DashboardUnderTest(config: """
            refresh: 500ms
            kubernetes:
              - context: lab
            """, environment: ["KUBECONFIG": kubeconfig], label: "hang")
        defer { dashboard.stop() }
        let session = dashboard.session
        #expect(clock.now - started < .seconds(10), "the first frame waited for the API server")
        var mostAtOnce = 0
        var seen = Set<Int32>()
        func sample() {
            let kubectl = dashboard.children(named: "kubectl")
            mostAtOnce = max(mostAtOnce, kubectl.count)
            seen.formUnion(kubectl)
        }
        // While the first round hangs, the screen answers.
        try dashboard.expectKeysAnswered(["6 Host", "3 Pods"])
        sample()
        var timedOutAt: ContinuousClock.Instant?
        // Two more rounds after the first timeout (10 s each), sampling triage's children throughout.
        while clock.now - started < .seconds(60) {
            sample()
            let screen = try session.capture()
            if timedOutAt == nil, screen.contains("context lab: timed out after 10s") { timedOutAt = clock.now }
            if let timedOutAt, clock.now - timedOutAt > .seconds(22) { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        let last = try session.capture()
        let firstTimeout = try #require(timedOutAt, "no timeout shown within 60 s:\n\(last)")
        #expect(firstTimeout - started < .seconds(25), "the timeout showed after \(firstTimeout - started), past the 10 s deadline and slack")
        #expect(mostAtOnce <= 3, "kubectl processes at once: \(mostAtOnce) (the watch, nodes and events are the most)")
        #expect(seen.count >= 4, "later rounds ran new kubectl calls (\(seen.count) PIDs seen)")
        try dashboard.expectKeysAnswered(["6 Host", "3 Pods"])
        #expect(try session.capture().contains("context lab: timed out after 10s"))

        try session.resize(width: 80, height: 24)
        try session.type("3")
        try session.waitFor(timeout: .seconds(5), "80x24: the Pods pane with the timeout") {
            $0.contains("┏━ 3 Pods") && $0.contains("context lab: timed out after 10s")
        }
        dashboard.stop()
        for pid in seen { #expect(FaultLab.waitUntilGone(pid, timeout: .seconds(5)), "kubectl \(pid) outlived triage") }
    }

    /// Fault 5. No curl on PATH: every HTTP service says so; command checks still run.
    @Test func aMissingCurlIsNamedOnEveryServiceAndCommandChecksStillRun() throws {
        let lab = try FaultLab.temporaryDirectory("nocurl")
        defer { try? FileManager.default.removeItem(atPath: lab) }
        let bin = try FaultLab.pathWithOnly([], in: lab)
        let dashboard = try DashboardUnderTest(config: """
            refresh: 500ms
            services:
              - name: web-health
                url: http://127.0.0.1:9/health
              - name: api-health
                url: http://127.0.0.1:9/api
            checks:
              - name: cmd-check
                run: [/bin/sh, -c, "exit 0"]
            """, environment: ["PATH": bin], label: "nocurl")
        defer { dashboard.stop() }
        let session = dashboard.session
        let notice = "? HTTP checks: curl: not found on PATH"
        // Said once above the table: at 120x40 the half-width pane has no room for the REASON column.
        try session.waitFor(timeout: .seconds(15), "the curl notice and the command check OK") { screen in
            screen.contains(notice) && dashboard.lines(containing: "cmd-check", in: screen).contains { $0.contains("● OK") }
        }
        try session.type("1")
        try session.type("z")
        let zoomed = try session.waitFor(timeout: .seconds(5), "zoomed: each service row naming curl") { screen in
            ["web-health", "api-health"].allSatisfy { service in
                dashboard.lines(containing: service, in: screen).contains { $0.contains("? UNKNOWN") && $0.contains("curl: not found on PATH") }
            }
        }
        #expect(dashboard.lines(containing: "cmd-check", in: zoomed).contains { $0.contains("● OK") }, "\(zoomed)")
        try session.type("z")
        try dashboard.expectKeysAnswered()
        #expect(dashboard.children(named: "curl").isEmpty)

        try session.resize(width: 80, height: 24)
        try session.type("1")
        // One frame holding both: a capture can land mid-redraw just after the resize.
        try session.waitFor(timeout: .seconds(5), "80x24: the Services pane with the curl notice and the check OK") { screen in
            screen.contains("┏━ 1 Services") && screen.contains(notice)
                && dashboard.lines(containing: "cmd-check", in: screen).contains { $0.contains("● OK") }
        }
    }

    /// The text of a pane's rows joined without borders, line breaks or spaces, to read a message that
    /// wraps mid-word whole. `corner` is the pane's top border from its corner ("┏━ 2 Containers");
    /// compare the result with `spaceless(_:)` of the expected text.
    func messageText(in screen: String, pane corner: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        let target = Array(corner)
        guard let top = lines.firstIndex(where: { String($0).contains(corner) }),
            let column = lines[top].indices.first(where: { Array(lines[top][$0...].prefix(target.count)) == target })
        else { return "" }
        var text = ""
        for characters in lines[(top + 1)...] {
            // Below the corner is the pane's left border; the next border to its right ends the row.
            guard column < characters.count, "│┃".contains(characters[column]) else { break }
            let left = column
            guard let right = characters[(left + 1)...].firstIndex(where: { "│┃".contains($0) }) else { break }
            let inner = String(characters[(left + 1)..<right]).filter { $0 != " " }
            if inner.isEmpty { break }
            text += inner
        }
        return text
    }

    func spaceless(_ text: String) -> String { text.filter { $0 != " " } }
}
