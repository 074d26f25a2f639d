import Testing
import TriageApp

/// `DoctorReport`'s verdicts from plain facts: which findings warn, which fail, the exit status.
@Suite struct DoctorReportTests {
    static let goodTerminal = DoctorFacts.Terminal(
        term: "xterm-256color", terminfoColours: 256, noColor: false, codeset: "UTF-8", utf8Available: true,
        size: DoctorFacts.Size(columns: 120, rows: 40))
    static let allTools = DoctorProbe.toolNames.map { name in
        DoctorFacts.Tool(name: name, path: "/usr/bin/\(name)", version: "\(name) 1.0",
                         reachability: name == "docker" ? .reachable("engine 27.0") : name == "kubectl" ? .reachable("server v1.30") : nil)
    }
    static let goodState = DoctorFacts.State(
        path: "/home/u/.local/state/triage", exists: true, isDirectory: true, writable: true, writeError: nil,
        freeBytes: 10 << 30, database: .schema(applied: ["v1"], unknown: [], pending: []))
    static let good = DoctorFacts(terminal: goodTerminal, tools: allTools, state: goodState, config: .valid(path: "/etc/t.yaml", untrustedNotice: nil))

    func line(_ report: DoctorReport, _ section: String, _ subject: String) -> DoctorLine? {
        report.lines.first { $0.section == section && $0.subject == subject }
    }

    @Test func everythingPresentIsAllOkWithStatusZero() {
        let report = DoctorReport(Self.good)
        #expect(report.lines.allSatisfy { $0.level == .ok }, "\(report.lines.filter { $0.level != .ok })")
        #expect(report.exitStatus == .ok)
        #expect(report.text().hasSuffix("all ok\n"))
    }

    @Test func missingDockerAndKubectlWarnButMissingCurlFails() {
        var facts = Self.good
        facts.tools = facts.tools.map { ["docker", "kubectl"].contains($0.name) ? DoctorFacts.Tool(name: $0.name, path: nil) : $0 }
        var report = DoctorReport(facts)
        #expect(line(report, "tools", "docker")?.level == .warn)
        #expect(line(report, "tools", "docker")?.finding.contains("docker not found on PATH") == true)
        #expect(line(report, "tools", "kubectl")?.level == .warn)
        #expect(report.exitStatus == .ok)

        facts.tools[0] = DoctorFacts.Tool(name: "curl", path: nil)
        report = DoctorReport(facts)
        #expect(line(report, "tools", "curl")?.level == .fail)
        #expect(line(report, "tools", "curl")?.advice == "install curl")
        #expect(report.exitStatus == .failure)
    }

    /// The DNS, TCP and TLS checks shell out to dig, nc and openssl: doctor looks for each and says
    /// which checks fail without it.
    @Test func theNetworkCheckToolsAreLookedForAndNamedByTheChecksTheyServe() {
        #expect(["dig", "nc", "openssl"].allSatisfy(DoctorProbe.toolNames.contains))
        var facts = Self.good
        facts.tools = facts.tools.map { ["dig", "nc", "openssl"].contains($0.name) ? DoctorFacts.Tool(name: $0.name, path: nil) : $0 }
        let report = DoctorReport(facts)
        #expect(line(report, "tools", "dig")?.finding.contains("DNS checks") == true)
        #expect(line(report, "tools", "nc")?.finding.contains("TCP connect checks") == true)
        #expect(line(report, "tools", "nc")?.advice == "install netcat-openbsd")
        #expect(line(report, "tools", "openssl")?.finding.contains("TLS-only checks") == true)
        #expect(report.exitStatus == .ok)
    }

    @Test func anUnreachableEngineOrContextWarnsWithWhatToDo() {
        var facts = Self.good
        facts.tools[1].reachability = .unreachable("Cannot connect to the Docker daemon")
        facts.tools[2].reachability = .unreachable("timed out")
        let report = DoctorReport(facts)
        #expect(line(report, "tools", "docker")?.level == .warn)
        #expect(line(report, "tools", "docker")?.finding.contains("the engine did not answer: Cannot connect") == true)
        #expect(line(report, "tools", "docker")?.advice?.contains("DOCKER_HOST") == true)
        #expect(line(report, "tools", "kubectl")?.finding.contains("the current context did not answer: timed out") == true)
        #expect(report.exitStatus == .ok)
    }

    @Test func terminalProblems() {
        var facts = Self.good
        facts.terminal.term = nil
        #expect(line(DoctorReport(facts), "terminal", "TERM")?.level == .fail)
        facts.terminal.term = "vt-nonesuch"
        facts.terminal.terminfoColours = nil
        let unknown = DoctorReport(facts)
        #expect(line(unknown, "terminal", "TERM")?.level == .fail)
        #expect(line(unknown, "terminal", "TERM")?.finding == "vt-nonesuch is not in the terminfo database: the dashboard cannot start")
        #expect(unknown.exitStatus == .failure)
        facts.terminal.term = "vt100"
        facts.terminal.terminfoColours = 0
        facts.terminal.codeset = "ANSI_X3.4-1968"
        facts.terminal.size = DoctorFacts.Size(columns: 80, rows: 20)
        let plain = DoctorReport(facts)
        #expect(line(plain, "terminal", "colours")?.level == .warn)
        #expect(line(plain, "terminal", "locale")?.level == .warn)
        #expect(line(plain, "terminal", "size")?.level == .warn)
        #expect(plain.exitStatus == .ok)
        facts.terminal.utf8Available = false
        #expect(line(DoctorReport(facts), "terminal", "locale")?.level == .fail)
    }

    @Test func stateDirectoryProblemsFail() {
        var facts = Self.good
        facts.state.writable = false
        facts.state.writeError = "Read-only file system"
        var report = DoctorReport(facts)
        #expect(line(report, "state", "directory")?.level == .fail)
        #expect(line(report, "state", "directory")?.finding == "/home/u/.local/state/triage is not writable: Read-only file system")
        #expect(report.exitStatus == .failure)

        facts = Self.good
        facts.state.freeBytes = 1 << 20
        #expect(line(DoctorReport(facts), "state", "free space")?.level == .fail)
        facts.state.freeBytes = 100 << 20
        #expect(line(DoctorReport(facts), "state", "free space")?.level == .warn)

        facts = Self.good
        facts.state.database = .schema(applied: ["v1", "v9-future"], unknown: ["v9-future"], pending: [])
        report = DoctorReport(facts)
        #expect(line(report, "state", "database")?.level == .fail)
        #expect(line(report, "state", "database")?.finding.contains("v9-future") == true)
        facts.state.database = .unreadable("file is not a database")
        #expect(line(DoctorReport(facts), "state", "database")?.level == .fail)
    }

    @Test func configUntrustedWarnsAndInvalidFails() {
        var facts = Self.good
        facts.config = .valid(path: "/w/triage.yaml", untrustedNotice: "./triage.yaml is not trusted")
        #expect(line(DoctorReport(facts), "config", "file")?.level == .warn)
        #expect(line(DoctorReport(facts), "config", "file")?.advice?.contains("triage trust") == true)
        facts.config = .invalid("/w/triage.yaml:3:5: unknown key \"sevices\"")
        #expect(line(DoctorReport(facts), "config", "file")?.level == .fail)
        #expect(DoctorReport(facts).exitStatus == .failure)
        facts.config = .none
        #expect(line(DoctorReport(facts), "config", "file")?.level == .ok)
    }

    @Test func outsideTextCannotReachTheTerminalAsControls() {
        var facts = Self.good
        facts.tools[0].version = "curl 8\u{1B}]52;c;AAAA\u{07}\nfake line"
        let text = DoctorReport(facts).text()
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\nfake line"))
    }
}
