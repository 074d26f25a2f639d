import TriageCore
import TriageUI

/// `x` on a row of Services, Containers or Pods: the runbook commands that apply to it (those that
/// use a variable the row binds), and each command as the shell will receive it with the row's
/// values in place, so the confirmation reads `docker restart lab-web`, not `docker restart "$CONTAINER"`.
enum RowRunbookCommands {
    /// The variables a row of `pane` binds (RunbookVariables binds them from the cursor).
    static func variables(of pane: PaneID) -> [String] {
        switch pane {
        case .services: ["SERVICE", "SERVICE_URL"]
        case .containers: ["CONTAINER", "DOCKER_HOST"]
        case .pods: ["POD", "NAMESPACE", "CONTEXT", "NODE"]
        case .logs, .incident, .host: []
        }
    }

    /// The commands that use at least one of `pane`'s variables, in runbook order, each once.
    static func applying(_ commands: [RunbookCommand], to pane: PaneID) -> [RunbookCommand] {
        let own = Set(variables(of: pane))
        var seen = Set<String>()
        return commands.filter { command in
            !RunbookVariables.referenced(in: command.code).filter(own.contains).isEmpty && seen.insert(command.code).inserted
        }
    }

    /// `code` with each bound `$NAME` / `${NAME}` replaced by its value quoted as the shell receives
    /// it: a whole `"$NAME"` word becomes the value as one shell word (bare when it needs no quotes),
    /// one inside a longer double-quoted string the value escaped for double quotes, and one outside
    /// quotes the value as one shell word. Text in single quotes is left alone (the shell does too).
    /// For display only: the command runs with the values in its environment, never spliced.
    static func substituted(_ code: String, bound: [String: String]) -> String {
        let chars = Array(code)
        var out = ""
        var index = 0
        var inSingle = false, inDouble = false
        func variable(at start: Int) -> (name: String, end: Int)? {
            guard start < chars.count, chars[start] == "$" else { return nil }
            var position = start + 1
            let braced = position < chars.count && chars[position] == "{"
            if braced { position += 1 }
            let nameStart = position
            while position < chars.count, chars[position].isLetter || chars[position].isNumber || chars[position] == "_" { position += 1 }
            let name = String(chars[nameStart..<position])
            if braced {
                guard position < chars.count, chars[position] == "}" else { return nil }
                position += 1
            }
            guard !name.isEmpty, bound[name] != nil else { return nil }
            return (name, position)
        }
        while index < chars.count {
            let c = chars[index]
            if c == "\\", !inSingle, index + 1 < chars.count {
                out.append(c); out.append(chars[index + 1]); index += 2; continue
            }
            if c == "'", !inDouble { inSingle.toggle(); out.append(c); index += 1; continue }
            if c == "\"", !inSingle {
                // `"$NAME"` as a whole word: the value as one shell word.
                if !inDouble, let (name, end) = variable(at: index + 1), end < chars.count, chars[end] == "\"" {
                    out += CheckDefinition.shellWord(bound[name] ?? "")
                    index = end + 1
                    continue
                }
                inDouble.toggle(); out.append(c); index += 1; continue
            }
            if c == "$", !inSingle, let (name, end) = variable(at: index) {
                let value = bound[name] ?? ""
                if inDouble {
                    for v in value { if "\"$`\\".contains(v) { out.append("\\") }; out.append(v) }
                } else {
                    out += CheckDefinition.shellWord(value)
                }
                index = end
                continue
            }
            out.append(c)
            index += 1
        }
        return out
    }
}
