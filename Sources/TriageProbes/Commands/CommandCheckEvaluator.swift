import TriageCore

/// Judges one command check from its process outcome: pure, table-tested.
public enum CommandCheckEvaluator {
    /// Lines and characters of output kept for the detail view.
    static let excerptLines = 5
    static let excerptCharacters = 500

    public static func evaluate(_ spec: CommandCheckSpec, outcome: ProcessOutcome) -> CommandCheckResult {
        let stdout = String(decoding: outcome.stdout, as: UTF8.self)
        let stderr = String(decoding: outcome.stderr, as: UTF8.self)
        let exitCode: Int32? = if case .exited(let code) = outcome.exitStatus { code } else { nil }
        var result = CommandCheckResult(
            exitCode: exitCode, statusText: outcome.exitStatus.description,
            outputExcerpt: excerpt(stdout.isEmpty ? stderr : stdout), duration: outcome.duration, state: .ok)

        func fail(_ reason: String, _ state: HealthState = .crit) -> CommandCheckResult {
            result.state = state
            result.reason = reason
            return result
        }

        switch outcome.exitStatus {
        case .failedToStart(let reason):
            return fail(reason, .unknown)
        case .cancelled:
            return fail("cancelled", .unknown)
        case .timedOut, .signaled:
            return fail(outcome.failureReason ?? outcome.exitStatus.description)
        case .exited(let code) where code != spec.expectExit:
            let said = firstLine(stderr) ?? firstLine(stdout)
            let status = "exit \(code) (expected \(spec.expectExit))"
            return fail(said.map { "\(status): \($0)" } ?? status)
        case .exited:
            break
        }
        if let expected = spec.expectOutput, !stdout.contains(expected), !stderr.contains(expected) {
            let said = firstLine(stdout) ?? firstLine(stderr)
            return fail("output does not contain \"\(expected)\"" + (said.map { ": \($0)" } ?? ""))
        }
        return result
    }

    static func excerpt(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(excerptLines)
        var joined = lines.joined(separator: "\n")
        while joined.hasSuffix("\n") { joined.removeLast() }
        return joined.count > excerptCharacters ? String(joined.prefix(excerptCharacters)) + "…" : joined
    }

    static func firstLine(_ text: String) -> String? {
        ProcessOutcome.firstLine(Array(text.utf8))
    }
}
