/// Reads whether a `command` timeline event failed, from its text.
///
/// The incident pane records `$ <summary> → <status>` and the output below it, where the status
/// is `exit N`, `timed out after 2m` or a failure reason; that status alone is judged, so output
/// that mentions "exit 1" cannot fail a command that exited 0. Other texts are searched for
/// `exit 1`, `exit code 1`, `exit status 1`, `exited with code 1`, `signal 9`, `timed out`.
/// `exit 0`, or no status at all, is success.
enum CommandOutcome {
    /// `exit 1`, `signal 9`, `timed out` or the recorded reason when the text reports a failure.
    static func failure(in text: String) -> String? {
        let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if firstLine.hasPrefix("$ "), let arrow = firstLine.range(of: " → ", options: .backwards) {
            let status = firstLine[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
            let lower = status.lowercased()
            if let code = exitCode(in: lower) { return code == 0 ? nil : "exit \(code)" }
            if lower.hasPrefix("timed out") { return "timed out" }
            if let match = lower.firstMatch(of: /signal[ :]*(\d+)/) { return "signal \(match.1)" }
            if lower.hasPrefix("running") || status.isEmpty { return nil }
            return status
        }
        let lower = text.lowercased()
        if let code = exitCode(in: lower) { return code == 0 ? nil : "exit \(code)" }
        if let match = lower.firstMatch(of: /signal[ :]*(\d+)/) { return "signal \(match.1)" }
        if lower.contains("timed out") || lower.contains("timeout") { return "timed out" }
        return nil
    }

    /// What was run, without the prompt or status: `Health endpoint from outside`.
    static func summary(of text: String) -> String {
        var line = IncidentFacts.firstLine(text, limit: 160)
        if line.hasSuffix(" …") { line.removeLast(2) }
        if line.hasPrefix("$ ") { line.removeFirst(2) }
        if let arrow = line.range(of: " → ", options: .backwards) { line = String(line[..<arrow.lowerBound]) }
        return line
    }

    static func exitCode(in lower: String) -> Int? {
        guard let match = lower.firstMatch(of: /\bexit(?:ed)?(?:\s+with)?(?:\s+(?:code|status))?[\s:=]*(-?\d+)/) else {
            return nil
        }
        return Int(match.1)
    }
}
