import Foundation
import TriageConfig
import TriageCore
import TriageProbes
import TriageStore
import TriageTerminal

/// Gathers `DoctorFacts` from the machine: the environment, terminfo, PATH, the tools themselves
/// (through `ProcessRunner`, each run with a short deadline), the state directory and the config.
///
/// Reads only: the state directory is not created (a probe file is created and removed in an
/// existing one, since mode bits say nothing for root), the database is opened read-only.
public enum DoctorProbe {
    /// The tools triage runs or recommends, in the order they are reported.
    public static let toolNames = ["curl", "docker", "kubectl", "dig", "nc", "openssl", "tmux"]

    public static func gather(
        stateOption: String?, configOption: String?, deadline: Duration,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> DoctorFacts {
        let statePath = StateDirectory.path(explicit: stateOption, environment: environment)
        async let tools = gatherTools(deadline: deadline)
        let terminal = gatherTerminal(environment: environment)
        let state = gatherState(statePath)
        let config = gatherConfig(configOption: configOption, statePath: statePath, environment: environment)
        return DoctorFacts(terminal: terminal, tools: await tools, state: state, config: config)
    }

    // MARK: Terminal

    static func gatherTerminal(environment: [String: String]) -> DoctorFacts.Terminal {
        let term = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
        let colours = term.flatMap { TerminfoEntry.lookup($0) }?.colours
        setlocale(LC_ALL, "")
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? "unknown"
        let utf8Available = DisplayWidth.prepareLocale()
        var size: DoctorFacts.Size?
        if isatty(STDOUT_FILENO) == 1 {
            var window = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0 {
                size = DoctorFacts.Size(columns: Int(window.ws_col), rows: Int(window.ws_row))
            }
        }
        return DoctorFacts.Terminal(term: term, terminfoColours: colours, noColor: environment["NO_COLOR"].map { !$0.isEmpty } ?? false,
                                    codeset: codeset, utf8Available: utf8Available, size: size)
    }

    // MARK: Tools

    static func gatherTools(deadline: Duration) async -> [DoctorFacts.Tool] {
        await withTaskGroup(of: (Int, DoctorFacts.Tool).self) { group in
            for (index, name) in toolNames.enumerated() {
                group.addTask { (index, await gatherTool(name, deadline: deadline)) }
            }
            var tools: [(Int, DoctorFacts.Tool)] = []
            for await tool in group { tools.append(tool) }
            return tools.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// The arguments that print a version without contacting anything.
    static func versionArguments(_ name: String) -> [String] {
        switch name {
        case "kubectl": ["version", "--client"]
        case "dig": ["-v"]
        // OpenBSD netcat has no version flag; its usage's first line names it ("OpenBSD netcat (Debian …)").
        case "nc": ["-h"]
        case "openssl": ["version"]
        case "tmux": ["-V"]
        default: ["--version"]
        }
    }

    static func gatherTool(_ name: String, deadline: Duration) async -> DoctorFacts.Tool {
        guard case .success(let path) = ExecutableResolver.resolve(name) else {
            return DoctorFacts.Tool(name: name, path: nil)
        }
        let versionRun = await ProcessRunner.run(path, versionArguments(name), deadline: deadline, outputLimit: 64 << 10)
        // dig prints its version on stderr, and nc its usage.
        let versionText = versionRun.stdoutText.isEmpty ? versionRun.stderrText : versionRun.stdoutText
        let version = versionText.split(whereSeparator: \.isNewline).first.map { String($0.prefix(120)) }
        var tool = DoctorFacts.Tool(name: name, path: path, version: version)
        switch name {
        case "docker":
            let run = await ProcessRunner.run(path, ["version", "--format", "{{.Server.Version}}"], deadline: deadline, outputLimit: 64 << 10)
            let answer = run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            tool.reachability = run.succeeded && !answer.isEmpty
                ? .reachable("engine \(answer.prefix(40))") : .unreachable(reason(run))
        case "kubectl":
            let seconds = max(1, Int(deadline.components.seconds))
            let run = await ProcessRunner.run(path, ["version", "--request-timeout=\(seconds)s"], deadline: deadline, outputLimit: 64 << 10)
            let server = run.stdoutText.split(whereSeparator: \.isNewline).first { $0.hasPrefix("Server Version") }
            if run.succeeded, let server {
                tool.reachability = .reachable("context answers, " + String(server.prefix(80)).lowercased())
            } else {
                tool.reachability = .unreachable(reason(run))
            }
        default:
            break
        }
        return tool
    }

    /// The last non-empty stderr line (where docker and kubectl say why), else the exit status.
    static func reason(_ run: ProcessOutcome) -> String {
        if let line = run.stderrText.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) }), run.exitStatus != .timedOut {
            return String(line.prefix(160))
        }
        return run.exitStatus.description
    }

    // MARK: State directory

    static func gatherState(_ path: String) -> DoctorFacts.State {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        var writable = false
        var writeError: String?
        if exists && isDirectory.boolValue {
            (writable, writeError) = tryWriting(in: path)
        } else if !exists {
            let parent = nearestExistingAncestor(of: path)
            (writable, writeError) = tryWriting(in: parent)
            if let error = writeError { writeError = "\(parent): \(error)" }
        }
        var info = statvfs()
        let measured = exists ? path : nearestExistingAncestor(of: path)
        let free: Int64? = statvfs(measured, &info) == 0 ? Int64(info.f_bavail) * Int64(info.f_frsize) : nil
        let databasePath = StateDirectory.databasePath(inDirectory: path)
        let database: DoctorFacts.Database
        if !FileManager.default.fileExists(atPath: databasePath) {
            database = .absent
        } else {
            do {
                let schema = try DatabaseSchemaState.read(databasePath: databasePath)
                database = .schema(applied: schema.applied, unknown: schema.unknown, pending: schema.pending)
            } catch {
                database = .unreadable("\(error)")
            }
        }
        return DoctorFacts.State(path: path, exists: exists, isDirectory: exists && isDirectory.boolValue, writable: writable,
                                 writeError: writeError, freeBytes: free, database: database)
    }

    /// Creates and removes a probe file: the only honest answer, since root passes every mode check
    /// and a read-only mount or a full quota shows only on the write.
    static func tryWriting(in directory: String) -> (Bool, String?) {
        let probe = directory + "/.triage-doctor-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return (false, String(cString: strerror(errno))) }
        close(fd)
        unlink(probe)
        return (true, nil)
    }

    static func nearestExistingAncestor(of path: String) -> String {
        var current = (path as NSString).standardizingPath
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            current = (current as NSString).deletingLastPathComponent
        }
        return current.isEmpty ? "/" : current
    }

    // MARK: Config

    static func gatherConfig(configOption: String?, statePath: String, environment: [String: String]) -> DoctorFacts.Config {
        do {
            let loaded = try ConfigTrust.load(explicit: configOption, stateDirectory: statePath, environment: environment)
            guard loaded.configuration != nil else { return .none }
            let location = try? ConfigLocator.locate(explicit: configOption, currentDirectory: FileManager.default.currentDirectoryPath, environment: environment)
            var path = "(config)"
            if case .file(let found, _)? = location { path = found }
            return .valid(path: path, untrustedNotice: loaded.untrustedNotice)
        } catch {
            return .invalid(error.description)
        }
    }
}
