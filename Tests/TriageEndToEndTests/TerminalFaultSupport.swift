import Foundation
import Synchronization
import TriageProbes

/// A private temporary directory for one fault test, removed by `remove()`.
struct FaultDirectory {
    let path: String

    init(_ label: String) throws {
        path = NSTemporaryDirectory() + "triage-e2e-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// CPU time (user + system) a process has used so far, in clock ticks, from /proc/PID/stat.
func cpuTicks(_ pid: Int32) -> Int {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return 0 }
    // Fields after the ")": state is field 3, utime field 14, stime field 15.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
    return user + system
}

/// Clock ticks per second, for turning `cpuTicks` into seconds.
let clockTicksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

/// The screen with only its box-drawing characters (U+2500–U+257F) kept, everything else a space:
/// the layout's skeleton, which is the same for the same size whatever the live figures say.
func layoutSkeleton(_ screen: String) -> [String] {
    screen.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        String(line.map { character -> Character in
            guard let scalar = character.unicodeScalars.first, (0x2500...0x257F).contains(scalar.value) else { return " " }
            return character
        }).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
}

/// Children of `pid` whose command line contains `needle`.
func children(of pid: Int32, running needle: String) -> [Int32] {
    childPIDs(of: pid).filter {
        (try? String(contentsOfFile: "/proc/\($0)/cmdline", encoding: .utf8))?.replacingOccurrences(of: "\0", with: " ").contains(needle) == true
    }
}

/// Runs a program with its stdout in `outputFile`, waiting at most `timeout`; past it the program
/// is killed (SIGKILL, by its PID) and `timedOut` is true.
func spawnWithTimeout(_ path: String, _ arguments: [String], outputFile: String, timeout: Duration) throws -> (status: Int32, timedOut: Bool, elapsed: Duration) {
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&fileActions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let clock = ContinuousClock()
    let started = clock.now
    let spawned = posix_spawn(&pid, path, &fileActions, nil, argv, environ)
    guard spawned == 0 else { throw E2EError("cannot start \(path): errno \(spawned)") }
    var status: Int32 = 0
    while clock.now - started < timeout {
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return ((status >> 8) & 0xFF, false, clock.now - started) }
        if result == -1 && errno != EINTR { throw E2EError("waitpid failed: errno \(errno)") }
        Thread.sleep(forTimeInterval: 0.1)
    }
    // Its children (curl in its own process group) first, then the program: all started here.
    for child in descendants(of: pid) { kill(child, SIGKILL) }
    kill(pid, SIGKILL)
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (-1, true, clock.now - started)
}
