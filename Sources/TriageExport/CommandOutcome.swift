/// Reads whether a `command` timeline event failed, from its text.
///
/// The event text is written by whoever ran the command; these spellings are accepted:
/// `exit 1`, `exit code 1`, `exit status 1`, `exited 1`, `exited with 1`, `exited with code 1`,
/// `killed by signal 9` / `signal 9`, `timed out`. `exit 0` (or no status at all) is success.
enum CommandOutcome {
    /// `exit 1`, `signal 9` or `timed out` when the text reports a failure; nil otherwise.
    static func failure(in text: String) -> String? {
        let lower = text.lowercased()
        if let code = exitCode(in: lower) { return code == 0 ? nil : "exit \(code)" }
        if let match = lower.firstMatch(of: /signal[ :]*(\d+)/) { return "signal \(match.1)" }
        if lower.contains("timed out") || lower.contains("timeout") { return "timed out" }
        return nil
    }

    static func exitCode(in lower: String) -> Int? {
        guard let match = lower.firstMatch(of: /\bexit(?:ed)?(?:\s+with)?(?:\s+(?:code|status))?[\s:=]*(-?\d+)/) else {
            return nil
        }
        return Int(match.1)
    }
}
