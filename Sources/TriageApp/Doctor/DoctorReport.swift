import Foundation
import TriageCore

/// The verdicts of `triage doctor`: a pure function from gathered facts to lines, plus the two
/// ways to print them and the exit status (0 when nothing failed, 1 when something did).
public struct DoctorReport: Sendable, Equatable {
    public var lines: [DoctorLine]

    public init(lines: [DoctorLine]) { self.lines = lines }

    public init(_ facts: DoctorFacts) {
        lines = Self.terminalLines(facts.terminal) + facts.tools.map(Self.toolLine)
            + Self.stateLines(facts.state) + [Self.configLine(facts.config)]
    }

    /// The dashboard's smallest comfortable size: below it panes are cut short.
    static let comfortableSize = DoctorFacts.Size(columns: 80, rows: 24)
    /// Below this SQLite may fail a write (WAL and journal need room); below `lowSpace`, a warning.
    static let minimumFreeBytes: Int64 = 16 << 20
    static let lowFreeBytes: Int64 = 256 << 20

    /// `.failure` (2) when any line failed, else `.ok` (warnings do not fail: triage runs with them).
    public var exitStatus: ExitStatus { lines.contains { $0.level == .fail } ? .failure : .ok }

    // MARK: Terminal

    static func terminalLines(_ terminal: DoctorFacts.Terminal) -> [DoctorLine] {
        var lines: [DoctorLine] = []
        let section = "terminal"
        guard let term = terminal.term else {
            lines.append(DoctorLine(section, "TERM", .fail, "TERM is not set: the dashboard cannot start",
                                    advice: "export TERM=xterm-256color (or what your terminal emulator is)"))
            return lines + [localeLine(terminal), sizeLine(terminal)]
        }
        let shown = OutsideText.inline(term)
        if let colours = terminal.terminfoColours {
            lines.append(DoctorLine(section, "TERM", .ok, "\(shown) (terminfo has it)"))
            if terminal.noColor {
                lines.append(DoctorLine(section, "colours", .ok, "NO_COLOR is set: emphasis only, no colour"))
            } else if colours >= 8 {
                lines.append(DoctorLine(section, "colours", .ok, "\(colours) colours"))
            } else {
                lines.append(DoctorLine(section, "colours", .warn, "\(shown) has no colours: the dashboard shows emphasis only",
                                        advice: "use a TERM with colours, e.g. xterm-256color, if your terminal has them"))
            }
        } else {
            lines.append(DoctorLine(section, "TERM", .fail, "\(shown) is not in the terminfo database: the dashboard cannot start",
                                    advice: "install ncurses-term, or export TERM=xterm-256color"))
        }
        return lines + [localeLine(terminal), sizeLine(terminal)]
    }

    static func localeLine(_ terminal: DoctorFacts.Terminal) -> DoctorLine {
        let codeset = OutsideText.inline(terminal.codeset)
        if codeset.uppercased() == "UTF-8" || codeset.lowercased() == "utf8" {
            return DoctorLine("terminal", "locale", .ok, "UTF-8")
        }
        if terminal.utf8Available {
            return DoctorLine("terminal", "locale", .warn, "the locale's character set is \(codeset), not UTF-8; triage switches itself to C.UTF-8",
                              advice: "export LANG=C.UTF-8 so the shell, tmux and triage agree on character widths")
        }
        return DoctorLine("terminal", "locale", .fail, "the character set is \(codeset) and no UTF-8 locale exists: wide characters and box lines come out wrong",
                          advice: "export LANG=C.UTF-8 (glibc has it built in), or install the locales package")
    }

    static func sizeLine(_ terminal: DoctorFacts.Terminal) -> DoctorLine {
        guard let size = terminal.size else {
            return DoctorLine("terminal", "size", .ok, "standard output is not a terminal: size not checked")
        }
        let found = "\(size.columns)x\(size.rows)"
        if size.columns < comfortableSize.columns || size.rows < comfortableSize.rows {
            return DoctorLine("terminal", "size", .warn, "\(found) is smaller than \(comfortableSize.columns)x\(comfortableSize.rows): panes are cut short",
                              advice: "enlarge the window, or use `triage wall` on a small one")
        }
        return DoctorLine("terminal", "size", .ok, found)
    }

    // MARK: Tools

    /// What each tool is for, said when it is missing.
    static func missingTool(_ name: String) -> (DoctorLine.Level, String, String) {
        switch name {
        case "curl": (.fail, "HTTP service checks and Prometheus queries cannot run", "install curl")
        case "docker": (.warn, "the Containers pane and docker logs stay empty", "install the docker CLI, or ignore this on a host without containers")
        case "kubectl": (.warn, "the Pods pane and pod logs stay empty", "install kubectl, or ignore this where there is no Kubernetes")
        case "dig": (.warn, "DNS checks, and runbook steps that run dig, will fail", "install bind9-dnsutils (Debian) or bind-utils")
        case "nc": (.warn, "TCP connect checks (`tcp:`) will fail", "install netcat-openbsd")
        case "openssl": (.warn, "TLS-only checks (`tls:`) will fail", "install openssl")
        case "tmux": (.warn, "a dropped ssh connection ends the dashboard with it", "install tmux and run triage inside it")
        default: (.warn, "not available", "install \(name)")
        }
    }

    static func toolLine(_ tool: DoctorFacts.Tool) -> DoctorLine {
        let name = OutsideText.inline(tool.name)
        guard let path = tool.path else {
            let (level, effect, advice) = missingTool(tool.name)
            return DoctorLine("tools", name, level, "\(name) not found on PATH: \(effect)", advice: advice)
        }
        var found = OutsideText.inline(path)
        if let version = tool.version { found += ", " + OutsideText.inline(version) }
        switch tool.reachability {
        case nil:
            return DoctorLine("tools", name, .ok, found)
        case .reachable(let what)?:
            return DoctorLine("tools", name, .ok, found + "; " + OutsideText.inline(what))
        case .unreachable(let why)?:
            let advice = tool.name == "docker"
                ? "start the docker engine, or check DOCKER_HOST and that you may use its socket (docker group)"
                : "check `kubectl config current-context`, the VPN and your credentials"
            let what = tool.name == "docker" ? "the engine" : "the current context"
            return DoctorLine("tools", name, .warn, found + "; \(what) did not answer: " + OutsideText.inline(why), advice: advice)
        }
    }

    // MARK: State directory

    static func stateLines(_ state: DoctorFacts.State) -> [DoctorLine] {
        let path = OutsideText.inline(state.path)
        let advice = "pass --state DIR or set TRIAGE_STATE to a writable directory: without it no incident, tick or note is saved"
        var lines: [DoctorLine] = []
        if state.exists && !state.isDirectory {
            lines.append(DoctorLine("state", "directory", .fail, "\(path) is not a directory", advice: advice))
        } else if !state.writable {
            let why = state.writeError.map { ": " + OutsideText.inline($0) } ?? ""
            let what = state.exists ? "is not writable" : "cannot be created"
            lines.append(DoctorLine("state", "directory", .fail, "\(path) \(what)\(why)", advice: advice))
        } else {
            lines.append(DoctorLine("state", "directory", .ok, state.exists ? "\(path) (writable)" : "\(path) (created on first use)"))
        }
        lines.append(freeSpaceLine(state.freeBytes))
        lines.append(databaseLine(state.database))
        return lines
    }

    static func freeSpaceLine(_ free: Int64?) -> DoctorLine {
        guard let free else {
            return DoctorLine("state", "free space", .warn, "could not be measured")
        }
        let shown = "\(free >> 20) MiB free"
        if free < minimumFreeBytes {
            return DoctorLine("state", "free space", .fail, shown + ": SQLite may refuse to write",
                              advice: "free some space on that file system, or use another --state")
        }
        if free < lowFreeBytes {
            return DoctorLine("state", "free space", .warn, shown, advice: "free some space before a long incident")
        }
        return DoctorLine("state", "free space", .ok, shown)
    }

    static func databaseLine(_ database: DoctorFacts.Database) -> DoctorLine {
        switch database {
        case .absent:
            return DoctorLine("state", "database", .ok, "no incidents.sqlite yet: the first incident creates it")
        case .unreadable(let why):
            return DoctorLine("state", "database", .fail, "incidents.sqlite cannot be read: " + OutsideText.inline(why),
                              advice: "move the file aside (it is SQLite: `sqlite3 FILE .recover` may save it) or use another --state")
        case .schema(let applied, let unknown, let pending):
            if !unknown.isEmpty {
                return DoctorLine("state", "database", .fail,
                                  "written by a newer triage (migrations this one does not know: \(unknown.map(OutsideText.inline).joined(separator: ", ")))",
                                  advice: "use the newer triage, or another --state")
            }
            if !pending.isEmpty {
                return DoctorLine("state", "database", .ok, "older schema (\(applied.count) migrations); brought up to date on the next write")
            }
            return DoctorLine("state", "database", .ok, "schema up to date (\(applied.count) migration\(applied.count == 1 ? "" : "s"), last \(applied.last.map(OutsideText.inline) ?? "none"))")
        }
    }

    // MARK: Config

    static func configLine(_ config: DoctorFacts.Config) -> DoctorLine {
        switch config {
        case .none:
            return DoctorLine("config", "file", .ok, "none found: triage watches what discovery finds (docker, kubectl's context, the host)",
                              advice: "`triage init` writes a starting triage.yaml")
        case .valid(let path, nil):
            return DoctorLine("config", "file", .ok, "\(OutsideText.inline(path)) (valid)")
        case .valid(let path, let notice?):
            return DoctorLine("config", "file", .warn, "\(OutsideText.inline(path)) (valid): \(OutsideText.inline(notice))",
                              advice: "read its command checks, then `triage trust`")
        case .invalid(let problems):
            return DoctorLine("config", "file", .fail, OutsideText.inline(problems),
                              advice: "fix the config at the places named (`triage check` reports the same)")
        }
    }

    // MARK: Output

    /// One line per check: level, section, subject and finding, with the advice indented below.
    public func text() -> String {
        let subjectWidth = lines.map { $0.subject.count }.max() ?? 0
        var out = ""
        for line in lines {
            let level = line.level.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)
            let section = line.section.padding(toLength: 8, withPad: " ", startingAt: 0)
            let subject = line.subject.padding(toLength: subjectWidth, withPad: " ", startingAt: 0)
            out += "\(level)  \(section)  \(subject)  \(line.finding)\n"
            if let advice = line.advice, line.level != .ok {
                out += String(repeating: " ", count: 4 + 2 + 8 + 2 + subjectWidth + 2) + "→ \(advice)\n"
            }
        }
        let failed = lines.filter { $0.level == .fail }.count
        let warned = lines.filter { $0.level == .warn }.count
        out += failed > 0 ? "\(failed) failed, \(warned) warning\(warned == 1 ? "" : "s")\n"
            : warned > 0 ? "no failures, \(warned) warning\(warned == 1 ? "" : "s")\n" : "all ok\n"
        return out
    }

    /// `{"schemaVersion": 1, "status": "ok|warn|fail", "checks": [...]}`, as docs/DOCTOR.md describes.
    public func json() -> String {
        let worst = lines.map(\.level).max() ?? .ok
        return JSONWriter.document(.object([
            JSONField("schemaVersion", .int(1)),
            JSONField("status", .string(worst.rawValue)),
            JSONField("checks", .array(lines.map(\.json))),
        ]))
    }
}
