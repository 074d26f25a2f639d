import Foundation
import TriageConfig
import TriageCore
#if canImport(Glibc)
import Glibc
#endif

/// `triage init`: discover docker and kubectl, write a commented triage.yaml for what was found, and
/// say what was found and what was not.
///
/// An existing file is never replaced without `force`: the check happens before discovery, and the
/// write itself uses `O_EXCL`, so a file that appears in between is not overwritten either. With
/// `force` the new file replaces the old one atomically (written beside it, then renamed).
public enum ConfigInitializer {
    public struct Outcome: Sendable {
        public var output: String
        public var errors: String
        /// 0 written, 1 refused or failed.
        public var exitStatus: ExitStatus
        public var discovered: DiscoveredSources?
    }

    public static func run(
        outputPath: String = "triage.yaml", force: Bool, deadline: Duration = .seconds(3),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Outcome {
        if !force, FileManager.default.fileExists(atPath: outputPath) {
            return refusal(outputPath)
        }
        let discovered = await Discovery.run(deadline: deadline, listNames: true, environment: environment)
        let text = ConfigTemplate.render(discovered: discovered.templateDiscovery)
        do {
            _ = try ConfigParser.parse(yaml: text, file: outputPath)
        } catch {
            return Outcome(output: "", errors: "triage: the generated configuration does not parse (a bug):\n\(error)\n", exitStatus: .failure, discovered: discovered)
        }
        if let problem = write(text, to: outputPath, force: force) {
            if problem == "exists" { return refusal(outputPath) }
            return Outcome(output: "", errors: "triage: cannot write \(OutsideText.inline(outputPath)): \(OutsideText.inline(problem))\n", exitStatus: .failure, discovered: discovered)
        }
        var lines: [String] = []
        for finding in discovered.findings { lines.append("found: " + TerminalSanitizer.clean(finding)) }
        for note in discovered.notes { lines.append("not found: " + TerminalSanitizer.clean(note)) }
        lines.append("host: always watched (disks, memory, load, CPU)")
        lines.append("wrote \(TerminalSanitizer.clean(outputPath)); edit it, then run `triage check --config \(TerminalSanitizer.clean(outputPath))`")
        return Outcome(output: lines.joined(separator: "\n") + "\n", errors: "", exitStatus: .ok, discovered: discovered)
    }

    static func refusal(_ path: String) -> Outcome {
        Outcome(output: "", errors: "triage: \(TerminalSanitizer.clean(path)) already exists; use --force to overwrite it\n", exitStatus: .failure, discovered: nil)
    }

    /// Writes the file; returns nil on success, "exists" when `force` is off and the file appeared, or the reason.
    static func write(_ text: String, to path: String, force: Bool) -> String? {
        if force {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                return nil
            } catch {
                return error.localizedDescription
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { return errno == EEXIST ? "exists" : String(cString: strerror(errno)) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            written += count
        }
        return nil
    }
}
