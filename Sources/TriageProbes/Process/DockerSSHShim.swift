#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Makes the `ssh` that the docker CLI starts for `ssh://` hosts and contexts non-interactive and bounded.
///
/// `docker --host ssh://ops@db1 ps` runs `ssh -o ConnectTimeout=30 -T -l ops -- db1 docker system
/// dial-stdio` itself, looked up on its `PATH`, and has no setting (no environment variable, no
/// context field) for other ssh options. Left alone, that ssh tries passwords (empty ones when it
/// cannot read a terminal, as docker 28 starts it; a prompt on the terminal triage draws on when it
/// can) and waits 30 s for a host that does not answer. So every docker child gets a `PATH` whose
/// first entry is a private directory (0700, in the temp directory, removed at exit, or by a later
/// run when this one was killed) holding `ssh`, a symlink to the triage binary; started under that
/// name with `TRIAGE_SSH_PROGRAM` set, triage replaces itself at once (`execv`) with the real ssh, found on
/// triage's own `PATH` when the directory was made, adding `-o BatchMode=yes -o ConnectTimeout=3`
/// in front of docker's arguments (ssh takes the first value of an option, so these win over
/// docker's `ConnectTimeout=30` and over any ssh config). ssh then never prompts: a host that wants
/// a password, an unknown host key and an unreachable host each end ssh at once with its own words.
///
/// Keys, users and known hosts come from the person's own `~/.ssh/config` as for any ssh; with
/// `TRIAGE_SSH_CONFIG=FILE` in the environment the shim passes `-F FILE` instead (the tests point it
/// at a config of their own).
public enum DockerSSHShim {
    /// What the shim puts in front of docker's ssh arguments.
    public static let forcedOptions = ["-o", "BatchMode=yes", "-o", "ConnectTimeout=\(connectTimeoutSeconds)"]
    /// A docker command against a host that does not answer dials twice (API version negotiation,
    /// then the request): 2 × 3 s stays inside the 10 s deadline every docker round has, so an
    /// unreachable host is ssh's reason, not "timed out after 10s".
    public static let connectTimeoutSeconds = 3
    /// The real ssh's absolute path, in the shim's environment; also what marks a run as the shim.
    public static let programVariable = "TRIAGE_SSH_PROGRAM"
    /// An ssh config file the shim passes with `-F`, when the environment names one.
    public static let configVariable = "TRIAGE_SSH_CONFIG"

    private struct Prepared: Sendable {
        var directory: String
        var environment: [String: String]
    }

    /// The binary the `ssh` symlink points at: triage itself, recorded by `becomeSSHIfShim()`.
    private static let shimExecutable = Mutex<String?>(nil)

    /// Made on first use; nil when there is no ssh on `PATH` (docker then says so itself), no binary
    /// can act as the shim, or the directory cannot be made.
    private static let prepared: Prepared? = prepare()

    /// What a docker child's environment gets: the shim's directory first on `PATH`, and the real ssh.
    public static var environment: [String: String] { prepared?.environment ?? [:] }

    /// The argv the shim runs: the real ssh with the forced options first, then docker's arguments.
    public static func sshArguments(forwarded: [String], configFile: String?) -> [String] {
        var arguments = ["ssh"] + forcedOptions
        if let configFile, !configFile.isEmpty { arguments += ["-F", configFile] }
        return arguments + forwarded
    }

    /// Called first thing in `main`: when this process is the shim, it becomes the real ssh and never
    /// returns; otherwise it returns at once.
    public static func becomeSSHIfShim() {
        let arguments = CommandLine.arguments
        guard let first = arguments.first, first.split(separator: "/").last == "ssh",
            let program = getenv(programVariable).map({ String(cString: $0) }), program.hasPrefix("/")
        else {
            // This binary answers to the name `ssh`, so it can be the shim for its own docker children.
            if let own = ownExecutable() { use(executable: own) }
            return
        }
        let config = getenv(configVariable).map { String(cString: $0) }
        let argv = sshArguments(forwarded: Array(arguments.dropFirst()), configFile: config)
        var cStrings = argv.map { strdup($0) }
        cStrings.append(nil)
        execv(program, cStrings)
        // Only reached when the exec failed: say so in ssh's place and exit as ssh does on errors.
        let message = "ssh: cannot run \(program): \(String(cString: strerror(errno)))\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        exit(255)
    }

    /// Names the binary the symlink points at, before the first docker child. Only a binary whose
    /// `main` calls `becomeSSHIfShim()` will do: a test runner is none, so in-process tests run
    /// docker without the shim (the DockerSSH tests drive the built `triage`).
    static func use(executable: String) {
        shimExecutable.withLock { $0 = executable }
    }

    /// Removes the directory (at exit; a docker child still running keeps its already-resolved ssh).
    public static func removeDirectory() {
        guard let directory = prepared?.directory else { return }
        unlink(directory + "/ssh")
        rmdir(directory)
    }

    /// `triage-ssh-PID-XXXXXX`: the PID lets a later run remove what a killed one left.
    static let directoryPrefix = "triage-ssh-"

    private static func prepare() -> Prepared? {
        guard case .success(let ssh) = ExecutableResolver.resolve("ssh"), let executable = shimExecutable.withLock({ $0 }) else { return nil }
        removeLeftovers(in: NSTemporaryDirectory())
        var template = Array((NSTemporaryDirectory() + directoryPrefix + "\(getpid())-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return nil }
        let directory = String(cString: made)
        guard symlink(executable, directory + "/ssh") == 0 else {
            rmdir(directory)
            return nil
        }
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        return Prepared(
            directory: directory, environment: ["PATH": path.isEmpty ? directory : directory + ":" + path, programVariable: ssh])
    }

    /// Removes the directories of runs that ended without `removeDirectory()` (killed): ours by
    /// owner, named `triage-ssh-PID-…` with no process PID left.
    static func removeLeftovers(in temporary: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporary) else { return }
        for name in names where name.hasPrefix(directoryPrefix) {
            let parts = name.dropFirst(directoryPrefix.count).split(separator: "-", maxSplits: 1)
            guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = (temporary.hasSuffix("/") ? temporary : temporary + "/") + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_uid == getuid(), (info.st_mode & S_IFMT) == S_IFDIR else { continue }
            unlink(path + "/ssh")
            rmdir(path)
        }
    }

    private static func ownExecutable() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
