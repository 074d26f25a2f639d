import TriageCore

/// Lint rules about how usable a runbook is under pressure, checked on what the parser built:
/// escalations that never fall due, commands using variables nothing sets, and destructive
/// commands with nothing before them to look first. Each rule is documented in docs/RUNBOOKS.md.
enum RunbookAdvice {
    /// - Parameter documented: variables the prose explains ("set `$NAMESPACE` first").
    static func warnings(sections: [RunbookSection], escalations: [EscalationTrigger], documented: Set<String>)
        -> [RunbookWarning]
    {
        escalationWarnings(escalations) + variableWarnings(sections, documented: documented) + checkWarnings(sections)
    }

    /// An escalation with a condition but no time never falls due by itself.
    static func escalationWarnings(_ escalations: [EscalationTrigger]) -> [RunbookWarning] {
        escalations.filter { $0.afterMinutes == nil }.map { escalation in
            let whom = escalation.level.isEmpty ? "an escalation" : "escalation to \(escalation.level)"
            return RunbookWarning(
                kind: .escalationWithoutTime, line: escalation.line,
                message: "\(whom) has no time (\"\(escalation.condition)\"): it never falls due by itself")
        }
    }

    /// Variables every shell has; using them unset is not the runbook's fault.
    static let environmentVariables: Set<String> = [
        "HOME", "PATH", "USER", "LOGNAME", "PWD", "OLDPWD", "SHELL", "HOSTNAME", "TERM", "LANG", "RANDOM", "UID",
        "EUID", "PPID", "SECONDS", "LINENO", "IFS", "TMPDIR", "EDITOR", "PAGER", "REPLY", "BASH", "BASH_SOURCE",
        "HOSTTYPE", "OSTYPE", "PS1",
    ]

    /// One warning a variable: used by commands that do not set it (each command runs in a shell of
    /// its own) and that the prose never mentions.
    static func variableWarnings(_ sections: [RunbookSection], documented: Set<String>) -> [RunbookWarning] {
        var uses: [(name: String, line: Int, count: Int)] = []
        var index: [String: Int] = [:]
        for section in sections {
            for command in section.commands {
                let used = ShellVariables.used(in: command.code)
                if used.isEmpty { continue }
                let set = ShellVariables.assigned(in: command.code)
                for name in used where !set.contains(name) && !environmentVariables.contains(name) && !documented.contains(name) {
                    if let at = index[name] {
                        uses[at].count += 1
                    } else {
                        index[name] = uses.count
                        uses.append((name, command.line, 1))
                    }
                }
            }
        }
        return uses.map { use in
            let more = use.count > 1 ? " (and \(use.count - 1) more command\(use.count == 2 ? "" : "s"))" : ""
            return RunbookWarning(
                kind: .unsetVariable, line: use.line,
                message: "command uses $\(use.name)\(more) but does not set it: say what to set it to, or set it in the block")
        }
    }

    /// A destructive command needs a look before it: a read-only command earlier in its section.
    static func checkWarnings(_ sections: [RunbookSection]) -> [RunbookWarning] {
        var out: [RunbookWarning] = []
        for section in sections {
            var sawCheck = false
            for command in section.commands {
                if !command.destructive { sawCheck = true; continue }
                if !sawCheck {
                    out.append(
                        RunbookWarning(
                            kind: .destructiveWithoutCheck, line: command.line,
                            message: "destructive command \"\(command.summary)\" in \"\(section.title)\" has no check before it: "
                                + "add a read-only command that shows what it will change"))
                }
            }
        }
        return out
    }
}
