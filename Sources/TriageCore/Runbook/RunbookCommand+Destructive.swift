import Foundation

extension RunbookCommand {
    /// Words that, as an unquoted command or argument, make a command block destructive.
    ///
    /// They cover the list (rm, prune, FLUSHALL, kill, truncate, DROP, DELETE, rollout
    /// restart or undo, scale, down, stop, restart) in the spellings real tools use.
    static let destructiveWords: Set<String> = [
        "rm", "rmi", "rmdir", "shred", "unlink", "prune", "flushall", "flushdb", "kill", "pkill", "killall",
        "truncate", "drop", "delete", "-delete", "del", "undo", "scale", "down", "stop", "restart", "reboot",
        "shutdown", "halt", "poweroff", "destroy", "uninstall", "purge", "drain", "cordon", "evict", "mkfs",
        "wipefs", "dropdb",
    ]

    /// Commands whose arguments are text for people or patterns, never actions: `echo "Backend down"`.
    static let textOnlyCommands: Set<String> = [
        "echo", "printf", "grep", "egrep", "fgrep", "rg", "logger", "mail", "mailx", "sendmail", "wall",
        "notify-send", "write", "man", "help", "which", "type", "tail", "head", "less", "more",
    ]

    /// Words that only prefix the real command.
    static let commandPrefixes: Set<String> = [
        "sudo", "time", "nohup", "env", "exec", "command", "builtin", "nice", "ionice", "then", "do", "else",
        "elif", "if", "while", "until", "!", "{", "}",
    ]

    /// Whether running `code` could take a service down or delete data, so it needs a typed "yes".
    ///
    /// Pure and conservative: it looks at the command words and unquoted arguments of every simple
    /// command (`docker stop`, `kubectl rollout restart`, `kubectl scale`, `rm`, `kill`, `find -delete`,
    /// `redis-cli FLUSHALL`, `docker compose down`, `curl -X DELETE`), and at SQL inside quotes
    /// (`DROP TABLE`, `DELETE FROM`, `TRUNCATE`, `pg_terminate_backend`). Comments, here-document
    /// bodies and the text of `echo`, `grep` or `mail` are ignored, so `echo "Backend down"` is safe.
    public static func isDestructive(_ code: String) -> Bool { destructiveReason(code) != nil }

    /// The first simple command in `code` that makes it destructive (`docker stop codexos-backend`),
    /// for confirmation prompts and lint warnings; nil when `isDestructive(code)` is false.
    public static func destructiveReason(_ code: String) -> String? {
        for words in ShellCommandLine(code).commands {
            if isDestructive(words: words) {
                let text = words.map { $0.text.contains(where: \.isWhitespace) ? "\"\($0.text)\"" : $0.text }.joined(separator: " ")
                let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
                return flat.count > 100 ? String(flat.prefix(99)) + "…" : flat
            }
        }
        return nil
    }

    private static func isDestructive(words: [ShellCommandLine.Word]) -> Bool {
        var start = 0
        while start < words.count {
            let word = words[start]
            let isAssignment = !word.quoted && word.text.contains("=") && !word.text.hasPrefix("-")
                && word.text.first.map { $0.isLetter || $0 == "_" } == true
            if isAssignment || (!word.quoted && commandPrefixes.contains(word.text)) {
                start += 1
                continue
            }
            break
        }
        guard start < words.count else { return false }
        let commandName = (words[start].text.split(separator: "/").last.map(String.init) ?? "").lowercased()
        if textOnlyCommands.contains(commandName) { return false }
        if destructiveWords.contains(commandName) || commandName.hasPrefix("mkfs") { return true }
        for word in words[(start + 1)...] {
            if word.quoted {
                if containsDestructiveSQL(word.text) { return true }
            } else {
                let lowered = word.text.lowercased()
                if destructiveWords.contains(lowered) { return true }
                // `-X DELETE` is two words (the second caught above); these are one.
                if lowered == "-xdelete" || lowered == "--request=delete" { return true }
            }
        }
        return false
    }

    /// SQL or Redis statements inside a quoted argument that destroy data or sessions.
    static func containsDestructiveSQL(_ text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : ""
            switch word {
            case "drop" where ["table", "database", "schema", "index", "view", "user", "role", "collection"]
                .contains(next):
                return true
            case "delete" where next == "from":
                return true
            case "truncate", "flushall", "flushdb", "pg_terminate_backend", "pg_cancel_backend", "dropdatabase":
                return true
            default:
                continue
            }
        }
        return false
    }
}
