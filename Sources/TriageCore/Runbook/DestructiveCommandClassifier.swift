/// Decides whether a runbook command block could take something down or throw data away.
///
/// It parses the block (`ShellScript`), then judges each simple command: wrappers are unwrapped and
/// what they run is judged in turn (`sudo`, `env`, `nohup`, `timeout`, `xargs`, `watch`, `find -exec`,
/// `sh|bash|zsh -c`, `eval`, `ssh HOST CMD`, `kubectl exec … --`, `docker exec`), statements handed
/// to database clients are read as SQL or Redis commands (arguments, here-documents, here-strings,
/// text piped in, dump files redirected in), redirections that empty a file or write to a disk
/// count, and everything else is looked up in `DestructiveVerbs`. Pure and total: nesting stops
/// at `maximumDepth`, and text nested deeper than that counts as destructive (it cannot be checked).
enum DestructiveCommandClassifier {
    /// How many wrappers deep the classifier follows (`ssh h 'sudo sh -c "…"'` is three).
    static let maximumDepth = 10

    typealias Word = ShellScript.Word
    typealias Command = ShellScript.Command

    static func finding(in code: String) -> DestructiveFinding? {
        finding(in: ShellScript(code), depth: 0, context: [])
    }

    /// Text nested deeper than the classifier reads could hide anything: it needs a typed "yes" too.
    static let tooDeep = DestructiveFinding(label: "nesting too deep to check")

    static func finding(in script: ShellScript, depth: Int, context: [String]) -> DestructiveFinding? {
        guard depth <= maximumDepth, !script.exceedsNesting else { return tooDeep }
        for command in script.commands {
            let upstream = command.pipedFrom.flatMap { $0 < script.commands.count ? script.commands[$0] : nil }
            let judged = Judged(command: command, upstream: upstream, depth: depth, context: context)
            if let found = judged.finding(words: command.words[...]) ?? judged.redirectionFinding() { return found }
        }
        return nil
    }

    /// Words that only prefix the real command.
    static let keywordPrefixes: Set<String> = [
        "if", "then", "do", "else", "elif", "while", "until", "!", "{", "}", "time", "builtin", "nohup", "setsid",
        "unbuffer", "chronic", "caffeinate", "noglob", "stdbuf",
    ]

    /// Shells that run a script given with `-c`, read from a here-document, or piped in.
    static let shells: Set<String> = ["sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "fish", "busybox"]

    /// The last path component of a command word: `/usr/bin/rm` → `rm`.
    static func commandName(_ text: String) -> String {
        // Most command words hold no `/`: no split needed.
        guard text.utf8.contains(UInt8(ascii: "/")) else { return text }
        return String(text.split(separator: "/").last ?? Substring(text))
    }

    /// The words after the options of a wrapper such as `sudo -u postgres` or `timeout -s KILL`.
    static func droppingOptions(_ words: ArraySlice<Word>, valueOptions: Set<String>) -> ArraySlice<Word> {
        var rest = words
        while let first = rest.first, first.text.hasPrefix("-"), first.text.count > 1, !first.quoted {
            rest = rest.dropFirst()
            if first.text == "--" { break }
            if valueOptions.contains(first.text) { rest = rest.dropFirst() }
        }
        return rest
    }

    static let sudoValueOptions: Set<String> = [
        "-u", "-g", "-h", "-p", "-C", "-U", "-r", "-t", "-T", "-D", "--user", "--group", "--host", "--prompt", "--chdir",
        "--role", "--type", "--close-from", "--other-user",
    ]
    static let sshValueOptions: Set<String> = [
        "-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O", "-o", "-p", "-Q", "-R", "-S", "-W", "-w", "-B",
    ]
    static let execValueOptions: Set<String> = [
        "-e", "--env", "--env-file", "-u", "--user", "-w", "--workdir", "--detach-keys", "--index",
    ]
    static let xargsValueOptions: Set<String> = [
        "-I", "-n", "-P", "-L", "-s", "-d", "-E", "-a", "--max-args", "--max-procs", "--max-lines", "--delimiter",
        "--arg-file", "--replace", "--max-chars", "--eof",
    ]

    /// One simple command being judged, with what it needs to judge the commands it wraps.
    struct Judged {
        let command: Command
        let upstream: Command?
        let depth: Int
        let context: [String]

        private func deeper(_ where: String?) -> Judged {
            Judged(command: command, upstream: upstream, depth: depth + 1, context: `where`.map { [$0] + context } ?? context)
        }

        private func found(_ label: String, _ where: String? = nil) -> DestructiveFinding {
            DestructiveFinding(label: label, context: `where`.map { [$0] + context } ?? context)
        }

        private func script(_ text: String, _ where: String) -> DestructiveFinding? {
            DestructiveCommandClassifier.finding(in: ShellScript(text), depth: depth + 1, context: [`where`] + context)
        }

        func finding(words all: ArraySlice<Word>) -> DestructiveFinding? {
            guard depth <= DestructiveCommandClassifier.maximumDepth else { return tooDeep }
            var words = all
            while let first = words.first, first.assignment != nil || (!first.quoted && keywordPrefixes.contains(first.text)) {
                words = words.dropFirst()
            }
            guard let first = words.first else { return nil }
            let name = commandName(first.text)
            let rest = words.dropFirst()
            let args = rest.map(\.text)

            switch name {
            case "sudo", "doas", "run0", "pkexec":
                return deeper(nil).finding(words: droppingOptions(rest, valueOptions: sudoValueOptions))
            case "env":
                if let split = rest.firstIndex(where: { $0.text == "-S" || $0.text == "--split-string" }), split + 1 < rest.endIndex {
                    return script(rest[split + 1].text, "inside env -S")
                }
                return deeper(nil).finding(words: droppingOptions(rest, valueOptions: ["-u", "--unset", "-C", "--chdir"]))
            case "exec":
                return deeper(nil).finding(words: droppingOptions(rest, valueOptions: ["-a"]))
            case "command":
                if args.first == "-v" || args.first == "-V" { return nil }
                return deeper(nil).finding(words: droppingOptions(rest, valueOptions: []))
            case "nice":
                return deeper(nil).finding(words: droppingOptions(rest, valueOptions: ["-n", "--adjustment"]))
            case "ionice":
                return deeper(nil).finding(words: droppingOptions(rest, valueOptions: ["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"]))
            case "timeout":
                return deeper(nil).finding(words: droppingOptions(rest, valueOptions: ["-s", "-k", "--signal", "--kill-after"]).dropFirst())
            case "chrt", "taskset":
                return deeper(nil).finding(words: droppingOptions(rest, valueOptions: []).dropFirst())
            case "flock":
                if let option = rest.firstIndex(where: { $0.text == "-c" || $0.text == "--command" }), option + 1 < rest.endIndex {
                    return script(rest[option + 1].text, "inside flock -c")
                }
                return deeper(nil).finding(words: droppingOptions(rest, valueOptions: ["-w", "--timeout", "-E", "--conflict-exit-code"]).dropFirst())
            case "xargs":
                return deeper("via xargs").finding(words: droppingOptions(rest, valueOptions: xargsValueOptions))
            case "watch":
                let watched = droppingOptions(rest, valueOptions: ["-n", "--interval", "-q", "--equexit"])
                if args.contains("-x") || args.contains("--exec") { return deeper("inside watch").finding(words: watched) }
                return script(watched.map(\.text).joined(separator: " "), "inside watch")
            case "bundle", "npx", "bunx", "poetry", "pipenv", "uv":
                let runs = args.first == "exec" || args.first == "run"
                return deeper(nil).finding(words: runs ? rest.dropFirst() : droppingOptions(rest, valueOptions: ["-p", "--package"]))
            case "python", "python3", "php":
                if let script = rest.first, ["manage.py", "artisan"].contains(commandName(script.text)) {
                    return deeper(nil).finding(words: rest)
                }
                return nil
            case "eval":
                return script(args.joined(separator: " "), "inside eval")
            case "ssh":
                return ssh(rest)
            case "find":
                return find(rest, args: args)
            default:
                break
            }
            if shells.contains(name) { return shell(name: name, rest) }
            if let exec = containerExec(name: name, rest) { return exec }
            if let statement = database(name: name, rest) { return statement }
            return DestructiveVerbs.label(name: name, args: args).map { found($0) }
        }

        // MARK: Shells and remote commands

        /// `bash -c SCRIPT`, `bash <<EOF … EOF`, `curl … | sh`, `bash <(curl …)`.
        private func shell(name: String, _ rest: ArraySlice<Word>) -> DestructiveFinding? {
            var words = rest
            if name == "busybox" {
                guard let applet = words.first, shells.contains(applet.text) else { return deeper(nil).finding(words: words) }
                words = words.dropFirst()
            }
            var runsArgument = false
            var operand: Word?
            var position = words.startIndex
            while position < words.endIndex {
                let word = words[position]
                let text = word.text
                if (text.hasPrefix("-") || text.hasPrefix("+")), text.count > 1, text != "--", !word.quoted {
                    if ["-o", "+o", "-O", "+O"].contains(text) { position += 1 }
                    if text.hasPrefix("-"), !text.hasPrefix("--"), text.contains("c") { runsArgument = true }
                    position += 1
                    continue
                }
                if text == "--" { position += 1 }
                operand = position < words.endIndex ? words[position] : nil
                break
            }
            let shellName = commandName(name)
            for word in words where ["curl", "wget"].contains(where: { word.text.contains("(\($0) ") || word.text.contains("`\($0) ") }) {
                return found("\(word.text.contains("wget") ? "wget" : "curl") | \(shellName)")
            }
            if runsArgument {
                guard let operand else { return nil }
                return script(operand.text, "inside \(shellName) -c")
            }
            guard operand == nil || operand?.text == "-s" else { return nil }
            if let upstream, let source = upstream.words.first.map({ commandName($0.text) }), ["curl", "wget", "fetch"].contains(source) {
                return found("\(source) | \(shellName)")
            }
            for heredoc in command.heredocs {
                if let inner = script(heredoc.body, "\(shellName) heredoc") { return inner }
            }
            for text in command.hereStrings {
                if let inner = script(text, "\(shellName) here-string") { return inner }
            }
            return nil
        }

        /// `ssh [options] HOST COMMAND…`: the command is shell text run on HOST.
        private func ssh(_ rest: ArraySlice<Word>) -> DestructiveFinding? {
            let afterOptions = droppingOptions(rest, valueOptions: sshValueOptions)
            guard let host = afterOptions.first else { return nil }
            let shownHost = host.text.count > 40 ? String(host.text.prefix(39)) + "…" : host.text
            let remote = afterOptions.dropFirst().map(\.text).joined(separator: " ")
            if !remote.isEmpty { return script(remote, "over ssh \(shownHost)") }
            for heredoc in command.heredocs {
                if let inner = script(heredoc.body, "over ssh \(shownHost)") { return inner }
            }
            return nil
        }

        /// `find … -delete` and the commands of `-exec`, `-execdir`, `-ok` (up to `;` or `+`).
        private func find(_ rest: ArraySlice<Word>, args: [String]) -> DestructiveFinding? {
            if args.contains("-delete") { return found("find -delete") }
            var position = rest.startIndex
            while position < rest.endIndex {
                if ["-exec", "-execdir", "-ok", "-okdir"].contains(rest[position].text) {
                    let start = position + 1
                    var end = start
                    while end < rest.endIndex, rest[end].text != ";", rest[end].text != "+" { end += 1 }
                    if let inner = deeper("via find -exec").finding(words: rest[start..<end]) { return inner }
                    position = end
                }
                position += 1
            }
            return nil
        }

        /// `kubectl exec POD -- CMD…`, `docker exec [options] CONTAINER CMD…`, `docker compose exec SERVICE CMD…`.
        private func containerExec(name: String, _ rest: ArraySlice<Word>) -> DestructiveFinding? {
            switch name {
            case "kubectl", "oc":
                let positionals = DestructiveVerbs.positionals(rest.map(\.text), valueOptions: DestructiveVerbs.kubectlValueOptions)
                guard positionals.first == "exec" else { return nil }
                if let separator = rest.firstIndex(where: { $0.text == "--" }) {
                    return deeper("inside \(name) exec").finding(words: rest[(separator + 1)...])
                }
                // The old form without `--`: kubectl exec POD CMD…
                guard let exec = rest.firstIndex(where: { $0.text == "exec" }) else { return nil }
                let afterPod = droppingOptions(rest[(exec + 1)...], valueOptions: DestructiveVerbs.kubectlValueOptions).dropFirst()
                return deeper("inside \(name) exec").finding(words: droppingOptions(afterPod, valueOptions: DestructiveVerbs.kubectlValueOptions))
            case "docker", "podman", "nerdctl", "docker-compose", "podman-compose":
                let texts = rest.map(\.text)
                let positionals = DestructiveVerbs.positionals(texts, valueOptions: DestructiveVerbs.dockerValueOptions)
                let compose = name.hasSuffix("-compose")
                let isExec = compose ? positionals.first == "exec"
                    : positionals.first == "exec" || positionals.starts(with: ["container", "exec"]) || positionals.starts(with: ["compose", "exec"])
                guard isExec, let exec = rest.firstIndex(where: { $0.text == "exec" }) else { return nil }
                let target = droppingOptions(rest[(exec + 1)...], valueOptions: execValueOptions)
                return deeper("inside \(name) exec").finding(words: target.dropFirst())
            default:
                return nil
            }
        }

        // MARK: Databases

        static let databaseClients: Set<String> = [
            "psql", "mysql", "mariadb", "sqlite3", "redis-cli", "valkey-cli", "mongo", "mongosh", "cqlsh", "clickhouse-client",
            "sqlcmd", "cockroach",
        ]

        /// Options that hand a client a statement to run, by client.
        static let statementOptions: [String: Set<String>] = [
            "psql": ["-c", "--command"], "mysql": ["-e", "--execute"], "mariadb": ["-e", "--execute"], "sqlite3": ["-cmd"],
            "mongo": ["--eval"], "mongosh": ["--eval"], "cqlsh": ["-e", "--execute"], "clickhouse-client": ["-q", "--query"],
            "sqlcmd": ["-Q", "-q"], "cockroach": ["-e", "--execute"],
        ]

        /// A file name that looks like SQL or a dump: loading it into a database rewrites data.
        static func isDumpFile(_ path: String) -> Bool {
            let lowered = commandName(path).lowercased()
            return [".sql", ".sql.gz", ".sql.bz2", ".sql.xz", ".sql.zst", ".dump", ".psql", ".bak"].contains { lowered.hasSuffix($0) }
                || ["dump", "backup", "restore"].contains { lowered.contains($0) }
        }

        private func database(name: String, _ rest: ArraySlice<Word>) -> DestructiveFinding? {
            guard Self.databaseClients.contains(name) else { return nil }
            let isRedis = name == "redis-cli" || name == "valkey-cli"
            func judge(_ text: String) -> String? {
                isRedis ? DestructiveStatement.redisLines(text) : DestructiveStatement.sql(text)
            }
            let args = rest.map(\.text)
            // Statements given as arguments.
            let options = Self.statementOptions[name] ?? []
            for (position, arg) in args.enumerated() {
                var statement: String?
                var option = arg
                if options.contains(arg), position + 1 < args.count {
                    statement = args[position + 1]
                } else if let equals = arg.firstIndex(of: "="), options.contains(String(arg[..<equals])) {
                    option = String(arg[..<equals])
                    statement = String(arg[arg.index(after: equals)...])
                } else if let short = options.first(where: { $0.count == 2 && arg.hasPrefix($0) && arg.count > 2 && !arg.hasPrefix("--") }) {
                    option = short
                    statement = String(arg.dropFirst(2))
                }
                if let statement, let label = judge(statement) { return found(label, "\(name) \(option)") }
                if name == "psql", ["-f", "--file"].contains(arg), position + 1 < args.count, Self.isDumpFile(args[position + 1]) {
                    return found("psql -f \(args[position + 1])")
                }
                if name == "psql", arg.hasPrefix("--file="), Self.isDumpFile(String(arg.dropFirst(7))) {
                    return found("psql \(arg)")
                }
            }
            if isRedis {
                let positionals = DestructiveVerbs.positionals(args, valueOptions: ["-h", "-p", "-a", "-n", "-u", "-s", "-r", "-i", "-d", "-D",
                                                                                   "--user", "--pass", "--cacert", "--cert", "--key", "--sni"])
                if let label = DestructiveStatement.redis(positionals) { return found(label) }
            } else if name == "sqlite3" {
                let positionals = DestructiveVerbs.positionals(args, valueOptions: ["-cmd", "-separator", "-newline", "-init", "-nullvalue"])
                for statement in positionals.dropFirst() {
                    if let label = judge(statement) { return found(label, "sqlite3") }
                }
            }
            // Statements read from standard input.
            for heredoc in command.heredocs {
                if let label = judge(heredoc.body) { return found(label, "\(name) heredoc") }
            }
            for text in command.hereStrings {
                if let label = judge(text) { return found(label, "\(name) here-string") }
            }
            for redirection in command.redirections where redirection.op == "<" && (redirection.descriptor ?? 0) == 0 {
                if Self.isDumpFile(redirection.target) { return found("\(name) < \(redirection.target)") }
            }
            if let upstream, let source = upstream.words.first.map({ commandName($0.text) }) {
                if ["echo", "printf"].contains(source) {
                    // `printf 'FLUSHALL\n'` and `echo -e`: a `\n` escape separates statements too.
                    let text = upstream.words.dropFirst().map(\.text).joined(separator: " ")
                        .split(separator: "\\n", omittingEmptySubsequences: false).joined(separator: "\n")
                    if let label = judge(text) { return found(label, "piped into \(name)") }
                }
                for heredoc in upstream.heredocs {
                    if let label = judge(heredoc.body) { return found(label, "piped into \(name)") }
                }
                if let file = upstream.words.dropFirst().first(where: { Self.isDumpFile($0.text) }) {
                    return found("\(source) \(file.text) | \(name)")
                }
            }
            return nil
        }

        // MARK: Redirections

        static let harmlessTargets: Set<String> = ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "-"]

        /// `: > file` empties a file; any redirection onto a disk device destroys its filesystem.
        func redirectionFinding() -> DestructiveFinding? {
            var words = command.words[...]
            while let first = words.first, first.assignment != nil { words = words.dropFirst() }
            let name = words.first.map { commandName($0.text) }
            let empties = name == nil || name == ":" || name == "true"
                || (name == "cat" && words.dropFirst().map(\.text) == ["/dev/null"])
            for redirection in command.redirections where [">", ">|", "&>", ">>", "<>"].contains(redirection.op) {
                if DestructiveVerbs.isBlockDevice(redirection.target) { return found("write to \(redirection.target)") }
                if empties, [">", ">|", "&>"].contains(redirection.op), !Self.harmlessTargets.contains(redirection.target),
                   !redirection.target.isEmpty, !redirection.target.allSatisfy(\.isNumber)
                {
                    return found("truncate \(redirection.target)")
                }
            }
            return nil
        }
    }
}
