import Foundation

/// Decides which code blocks are commands and cleans them up for running.
enum ShellBlock {
    /// Fence languages that are commands by declaration.
    static let shellLanguages: Set<String> = ["bash", "sh", "shell", "console", "zsh"]

    /// First words that mark a line of an unlabelled block as a shell command.
    static let knownCommands: Set<String> = [
        "kubectl", "docker", "docker-compose", "podman", "helm", "curl", "wget", "systemctl", "service", "journalctl",
        "sudo", "cd", "ls", "cat", "grep", "tail", "head", "less", "ps", "top", "kill", "pkill", "killall", "df", "du",
        "free", "ping", "dig", "nslookup", "host", "traceroute", "netstat", "ss", "lsof", "git", "npm", "npx", "yarn",
        "pnpm", "node", "python", "python3", "pip", "psql", "pg_isready", "mysql", "redis-cli", "mongo", "mongosh",
        "terraform", "aws", "gcloud", "az", "ssh", "scp", "rsync", "tar", "export", "echo", "printf", "sleep", "watch",
        "find", "rm", "mv", "cp", "mkdir", "chmod", "chown", "openssl", "nc", "telnet", "ip", "ifconfig", "iptables",
        "vercel", "heroku", "make", "go", "cargo", "swift", "brew", "apt", "apt-get", "yum", "dnf", "uptime", "vmstat",
        "iostat", "dmesg", "env", "time", "timeout", "xargs", "sed", "awk", "jq", "tee", "touch", "uname", "whoami",
        "hostname", "date", "nohup", "source", "sh", "bash", "zsh", "for", "while", "if", "set", "unset", "alias",
        "crontab", "mount", "umount", "fdisk", "lsblk", "htop", "iotop", "strace", "tcpdump", "nmap", "ab", "hey",
        "k9s", "kubectx", "kubens", "stern", "minikube", "kind", "oc", "etcdctl", "consul", "vault", "nomad", "ansible",
        "ansible-playbook", "gh", "triage",
    ]

    /// Whether an unlabelled block holds shell commands rather than prose, a template or a diagram.
    ///
    /// Most of its lines that are neither blank, comments nor continuations must start with a known
    /// command, a `$ ` prompt, `./` or an absolute path.
    static func looksLikeShell(_ code: String) -> Bool {
        var commandLines = 0
        var otherLines = 0
        var continued = false
        for raw in code.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingSpaces
            defer { continued = line.hasSuffix("\\") }
            if line.isEmpty || continued || line.hasPrefix("#") { continue }
            // An absolute path has a directory ("/usr/local/bin/x"); "/incident start" is a chat
            // slash command, not a program.
            let isPath = line.hasPrefix("/") && !line.hasPrefix("//")
                && line.dropFirst().prefix(while: { !$0.isWhitespace }).contains("/")
            if line.hasPrefix("$ ") || line.hasPrefix("./") || isPath {
                commandLines += 1
                continue
            }
            let firstWord = line.prefix(while: { !$0.isWhitespace && $0 != ";" && $0 != "|" }).lowercased()
            if knownCommands.contains(firstWord) {
                commandLines += 1
            } else {
                otherLines += 1
            }
        }
        return commandLines > 0 && commandLines >= otherLines
    }

    /// Removes `$ ` prompts; when a block uses prompts, lines without one are output and are dropped.
    ///
    /// Continuation lines (after a line ending in `\`) and here-document bodies stay with their command.
    static func strippingPrompts(_ code: String) -> String {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let usesPrompts = lines.contains { $0.trimmingSpaces.hasPrefix("$ ") }
        guard usesPrompts else { return code }
        var kept: [String] = []
        var continued = false
        var heredocEnd: String?
        for line in lines {
            let trimmed = line.trimmingSpaces
            if let end = heredocEnd {
                kept.append(line)
                if trimmed == end { heredocEnd = nil }
                continue
            }
            if trimmed.hasPrefix("$ ") {
                let command = String(trimmed.dropFirst(2))
                kept.append(command)
                continued = command.hasSuffix("\\")
                heredocEnd = heredocDelimiter(command)
            } else if continued {
                kept.append(line)
                continued = trimmed.hasSuffix("\\")
            }
        }
        return kept.joined(separator: "\n")
    }

    private static func heredocDelimiter(_ command: String) -> String? {
        RunbookPhraseScanner(command).heredocDelimiter().map(String.init)
    }

    /// The language word of a fence's info string: "bash title=x" → "bash", "{.sh}" → "sh".
    static func language(ofInfo info: String) -> String {
        let first = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).first ?? ""
        return String(first.filter { $0 != "{" && $0 != "}" && $0 != "." }).lowercased()
    }
}
