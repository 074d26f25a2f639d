import Foundation
import Testing
import TriageProbes

/// scripts/lab.sh as a person runs it (podman's Docker API, the Kubernetes API stand-in, HTTP on
/// loopback), triage in tmux, and three things broken the way `lab.sh break` breaks them: the wall
/// names each with its reason within 5 s and never says ALL CLEAR meanwhile; the fresh failure
/// sorts above the old ones; the dashboard shows pod rows at 100x30 and at 120x40.
@Suite(.serialized) struct OutageLabEndToEndTests {
    /// One lab of the test's own: its own state dir and free loopback ports.
    final class Lab {
        let directory: String
        let environment: [String: String]

        /// `TRIAGE_E2E_LAB_DIR` and `LAB_BACKEND_PORT`, `LAB_SLOW_PORT`, `LAB_KUBE_PORT` in the test's
        /// environment pin the lab's directory and ports (a shared machine hands each person some).
        init(_ label: String) throws {
            let pinned = ProcessInfo.processInfo.environment
            directory = try pinned["TRIAGE_E2E_LAB_DIR"] ?? FaultLab.temporaryDirectory("lab-\(label)")
            func port(_ name: String) throws -> String { try pinned[name] ?? "\(Self.freePort())" }
            environment = [
                "TRIAGE_LAB_DIR": directory, "LAB_BACKEND_PORT": try port("LAB_BACKEND_PORT"),
                "LAB_SLOW_PORT": try port("LAB_SLOW_PORT"), "LAB_KUBE_PORT": try port("LAB_KUBE_PORT"),
                "DOCKER_HOST": "unix://\(directory)/podman.sock", "KUBECONFIG": directory + "/kubeconfig",
            ]
            do { try run("up", timeout: .seconds(180)) } catch {
                try? run("down", timeout: .seconds(60))
                throw error
            }
        }

        /// The sample triage.yaml `lab.sh up` wrote, at a 1 s refresh.
        func config() throws -> String {
            let text = try String(contentsOfFile: directory + "/triage.yaml", encoding: .utf8)
            let path = directory + "/e2e.yaml"
            try text.replacingOccurrences(of: "refresh: 2s", with: "refresh: 1s").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        /// Runs `scripts/lab.sh ARGS` with the lab's variables, bounded by timeout(1). Through
        /// posix_spawn and waitpid (`spawnAndWait`): Foundation's Process kept reporting `lab.sh up`
        /// as running long after it had exited.
        func run(_ arguments: String..., timeout: Duration = .seconds(60)) throws {
            let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let seconds = "\(timeout.components.seconds)"
            let result = try spawnAndWait(
                "/usr/bin/timeout", [seconds, "/usr/bin/env"] + variables + ["/bin/bash", FaultLab.script("lab.sh")] + arguments,
                captureOutput: false)
            guard result.status == 0 else {
                throw E2EError("lab.sh \(arguments.joined(separator: " ")) ended with wait status \(result.status) (logs in \(directory))")
            }
        }

        /// triage ARGUMENTS in tmux, with the lab's docker host and kubeconfig.
        func triage(_ arguments: String, width: Int, height: Int) throws -> TmuxSession {
            try TmuxSession(
                width: width, height: height, command: "exec \(TmuxSession.triageBinary) \(arguments)",
                environment: environment.merging(["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": directory]) { _, new in new })
        }

        func down() {
            try? run("down", timeout: .seconds(60))
            try? FileManager.default.removeItem(atPath: directory)
        }

        /// A loopback port nothing listens on right now (the kernel's pick for port 0).
        static func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw E2EError("socket() failed") }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            guard bound else { throw E2EError("bind() failed") }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    /// The screen's line naming `name`, if one also says `reason`.
    static func row(_ screen: String, _ name: String, _ reason: String) -> Substring? {
        screen.split(separator: "\n").first { $0.contains(name) && $0.contains(reason) }
    }

    /// Polls the screen every 50 ms until `predicate` holds, up to `timeout`; every screen seen is
    /// checked for ALL CLEAR (the lab always has something failing).
    static func watch(_ wall: TmuxSession, timeout: Duration, _ what: String, _ predicate: (String) -> Bool) throws -> (String, Duration) {
        let started = ContinuousClock.now
        var screen = ""
        while ContinuousClock.now - started < timeout {
            screen = try wall.capture()
            #expect(!screen.contains("ALL CLEAR"), "ALL CLEAR while the lab is broken:\n\(screen)")
            if predicate(screen) { return (screen, ContinuousClock.now - started) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError("timed out after \(timeout) waiting for \(what); screen was:\n\(screen)")
    }

    @Test func theWallNamesEachBreakWithItsReasonWithin5SecondsAndTheFreshOneFirst() throws {
        let lab = try Lab("wall")
        defer { lab.down() }
        let wall = try lab.triage("wall --config \(try lab.config()) --state \(lab.directory)/state", width: 120, height: 40)
        defer { wall.kill() }
        // The lab's standing failures first (the exited container and the crash-looping pod).
        _ = try Self.watch(wall, timeout: .seconds(30), "the lab's standing failures") {
            Self.row($0, "lab-exited", "exited 3") != nil && Self.row($0, "shop/payments-6b8d-crash", "CrashLoopBackOff") != nil
        }

        // A container killed: exited 137, at the top of the crit rows, above lab-exited (long dead).
        try lab.run("break", "web")
        let (killed, killedAfter) = try Self.watch(wall, timeout: .seconds(10), "lab-web exited 137") { Self.row($0, "lab-web", "exited 137") != nil }
        #expect(killedAfter < .seconds(5), "lab-web took \(killedAfter)")
        let lines = killed.split(separator: "\n")
        let web = try #require(lines.firstIndex { $0.contains("lab-web") }), exited = try #require(lines.firstIndex { $0.contains("lab-exited") })
        #expect(web < exited, "the fresh failure sorts above the old one:\n\(killed)")
        #expect(Self.row(killed, "lab-web", "▸") != nil, "marked as just changed:\n\(killed)")

        // A pod turned to CrashLoopBackOff by the stand-in.
        try lab.run("break", "pod")
        let (_, podAfter) = try Self.watch(wall, timeout: .seconds(10), "shop/checkout CrashLoopBackOff") {
            Self.row($0, "shop/checkout", "CrashLoopBackOff") != nil
        }
        #expect(podAfter < .seconds(5), "the pod took \(podAfter)")

        // The backend answering 500: two failing rounds (fail_after 2) at refresh 1 s.
        try lab.run("break", "backend")
        let (_, backendAfter) = try Self.watch(wall, timeout: .seconds(15), "service backend HTTP 500") { Self.row($0, "backend", "HTTP 500") != nil }
        // The lab's 3 s `slow` check runs in its own batch (its timeout differs), so it does not hold
        // backend's rounds back (IntervalGroupsTests.checksWithDifferentTimeoutsRunInSeparateGroups).
        #expect(backendAfter < .seconds(5), "backend took \(backendAfter)")
    }

    @Test func theDashboardShowsPodRowsAt100x30And120x40() throws {
        let lab = try Lab("pods")
        defer { lab.down() }
        let dashboard = try lab.triage("--config \(try lab.config())", width: 100, height: 30)
        defer { dashboard.kill() }
        // A pod row: READY then a state symbol ("0/1 ✖ CrashLoopBackOff").
        func podRows(_ screen: String) -> Int {
            screen.split(separator: "\n").count { $0.range(of: #"[0-9]+/[0-9]+ [✖▲●?] "#, options: .regularExpression) != nil }
        }
        for (width, height, atLeast) in [(100, 30, 5), (120, 40, 8)] {
            try dashboard.resize(width: width, height: height)
            let screen = try dashboard.waitFor(timeout: .seconds(30), "\(atLeast) pod rows at \(width)x\(height)") { podRows($0) >= atLeast }
            #expect(screen.contains("payments-6b8d"), "\(screen)")
        }
        try dashboard.send("q")
    }

    /// Space follows need at 100x30 against the lab (SpaceFollowsNeedTests on the real binary):
    /// backend answering 500, the pod broken and an Alertmanager that does not answer. The
    /// Alertmanager is one `? UNKNOWN` row of the Services pane, and the Pods pane under it shows
    /// every critical pod its badge counts (`✖7`; it showed two, `1-3/18`, while Logs kept eleven
    /// rows); the warnings that do not fit are counted in its bottom border.
    @Test func spaceFollowsNeedAt100x30EveryCriticalPodShowsUnderTheAlertmanagerRow() throws {
        let lab = try Lab("need")
        defer { lab.down() }
        let config = try lab.config()
        // Port 1: nothing listens there (as for the lab's lab-down context), so curl is refused.
        let text = try String(contentsOfFile: config, encoding: .utf8) + "alertmanager:\n  - name: main\n    url: http://127.0.0.1:1\n"
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        try lab.run("break", "backend")
        try lab.run("break", "pod")
        let dashboard = try lab.triage("--config \(config) --state \(lab.directory)/state", width: 100, height: 30)
        defer { dashboard.kill() }

        // The left column (Services over Pods) is the screen's left half.
        func left(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.prefix(50)) } }
        /// The Pods pane: its badge's ✖ and ▲ counts, the ✖ and ▲ pod rows it shows, its bottom border.
        func pods(_ screen: String) -> (crit: Int, warn: Int, critShown: Int, warnShown: Int, border: String)? {
            let lines = left(screen)
            guard let top = lines.firstIndex(where: { $0.contains(" 3 Pods ") }) else { return nil }
            let bottom = lines[(top + 1)...].firstIndex { $0.hasPrefix("╰") || $0.hasPrefix("┗") } ?? lines.count - 1
            func badge(_ symbol: String) -> Int {
                lines[top].range(of: symbol + "[0-9]+", options: .regularExpression).flatMap { Int(lines[top][$0].dropFirst()) } ?? 0
            }
            func shown(_ symbol: String) -> Int {
                lines[(top + 1)..<bottom].count { $0.range(of: "[0-9]+/[0-9]+ \(symbol) ", options: .regularExpression) != nil }
            }
            return (badge("✖"), badge("▲"), shown("✖"), shown("▲"), lines[bottom])
        }
        let screen = try dashboard.waitFor(timeout: .seconds(60), "backend 500, the broken pod and the Alertmanager's row") { screen in
            left(screen).contains { $0.contains("alertmanager") && $0.contains("? UNKNOWN") }
                && left(screen).contains { $0.contains("backend") && $0.contains("CRIT") }
                && (pods(screen)?.crit ?? 0) >= 7
        }
        // One row for the Alertmanager: no reason above the table.
        #expect(left(screen).count { $0.contains("alertmanager") || $0.contains("Connection refused") || $0.contains("Failed to") } == 1,
                "\(screen)")
        // Every critical pod shows; the picture settles within a few rounds.
        let settled = try dashboard.waitFor(timeout: .seconds(20), "every critical pod on screen") { screen in
            pods(screen).map { $0.critShown == $0.crit } ?? false
        }
        let pane = try #require(pods(settled))
        #expect(pane.critShown == pane.crit && pane.crit >= 7, "\(settled)")
        if pane.critShown + pane.warnShown < pane.crit + pane.warn {
            #expect(pane.border.range(of: #"1-[0-9]+/[0-9]+"#, options: .regularExpression) != nil, "what is hidden is counted:\n\(settled)")
        }
        try dashboard.send("q")
    }
}
