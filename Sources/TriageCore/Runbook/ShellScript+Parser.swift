extension ShellScript {
    /// The one-pass reader behind `ShellScript`: a cursor over the text's scalars that builds
    /// simple commands, reading here-document bodies at the newline after their command and
    /// parsing substitutions as scripts of their own (one level deeper).
    struct Parser {
        let chars: [Unicode.Scalar]
        let depth: Int
        var index = 0
        var commands: [Command] = []
        var references: [String] = []
        var exceedsNesting = false
        private var referenced: Set<String> = []
        private var current = Command()
        /// Here-documents whose bodies start after the next newline: (command index or nil for the
        /// current command, index among that command's here-documents).
        private var pendingHeredocs: [(command: Int?, heredoc: Int)] = []

        init(chars: [Unicode.Scalar], depth: Int) {
            self.chars = chars
            self.depth = depth
        }

        private func at(_ offset: Int) -> Unicode.Scalar? {
            let position = index + offset
            return position >= 0 && position < chars.count ? chars[position] : nil
        }

        // MARK: Commands

        mutating func parseScript() {
            while index < chars.count {
                let c = chars[index]
                switch c {
                case " ", "\t", "\r":
                    index += 1
                case "\n":
                    index += 1
                    endCommand()
                    readHeredocBodies()
                case "#":
                    while index < chars.count, chars[index] != "\n" { index += 1 }
                case ";", "(", ")":
                    index += 1
                    endCommand()
                case "&":
                    if at(1) == ">" {
                        index += 1
                        readRedirection(descriptor: nil, ampersand: true)
                    } else {
                        index += at(1) == "&" ? 2 : 1
                        endCommand()
                    }
                case "|":
                    if at(1) == "|" {
                        index += 2
                        endCommand()
                    } else {
                        index += at(1) == "&" ? 2 : 1
                        let upstream = endCommand()
                        current.pipedFrom = upstream
                    }
                case "<", ">":
                    if at(1) == "(" {
                        var text = String(c)
                        index += 1
                        readSubstitution(into: &text)
                        current.words.append(Word(text: text, quoted: false))
                    } else {
                        readRedirection(descriptor: nil, ampersand: false)
                    }
                default:
                    let word = readWord()
                    if !word.quoted, !word.text.isEmpty, word.text.count <= 4, word.text.allSatisfy({ $0.isASCII && $0.isNumber }),
                       let next = at(0), next == "<" || next == ">", at(1) != "(" {
                        readRedirection(descriptor: Int(word.text), ampersand: false)
                    } else if word.quoted || !word.text.isEmpty {
                        current.words.append(word)
                    }
                }
            }
            endCommand()
        }

        /// Ends the current simple command; returns its index if it had anything in it.
        @discardableResult
        private mutating func endCommand() -> Int? {
            defer { current = Command() }
            guard !current.words.isEmpty || !current.redirections.isEmpty || !current.heredocs.isEmpty
                || !current.hereStrings.isEmpty
            else { return nil }
            let slot = commands.count
            commands.append(current)
            for position in pendingHeredocs.indices where pendingHeredocs[position].command == nil {
                pendingHeredocs[position].command = slot
            }
            return slot
        }

        // MARK: Redirections and here-documents

        /// At `<` or `>` (after `&` for `&>`): reads the operator and its target word.
        private mutating func readRedirection(descriptor: Int?, ampersand: Bool) {
            var op = ampersand ? "&" : ""
            let first = chars[index]
            op.unicodeScalars.append(first)
            index += 1
            if first == "<", !ampersand {
                if at(0) == "<" {
                    index += 1
                    if at(0) == "<" {
                        index += 1
                        skipBlanks()
                        if startsWord() { current.hereStrings.append(readWord().text) }
                        return
                    }
                    var stripsTabs = false
                    if at(0) == "-" { stripsTabs = true; index += 1 }
                    skipBlanks()
                    guard startsWord() else { return }
                    let delimiter = readWord()
                    current.heredocs.append(Heredoc(delimiter: delimiter.text, quotedDelimiter: delimiter.quoted,
                                                    stripsTabs: stripsTabs, body: ""))
                    pendingHeredocs.append((nil, current.heredocs.count - 1))
                    return
                }
                if let next = at(0), next == ">" || next == "&" { op.unicodeScalars.append(next); index += 1 }
            } else if let next = at(0), next == ">" || (!ampersand && (next == "|" || next == "&")) {
                op.unicodeScalars.append(next)
                index += 1
            }
            skipBlanks()
            let target = startsWord() ? readWord().text : ""
            current.redirections.append(Redirection(op: op, descriptor: descriptor, target: target))
        }

        private mutating func skipBlanks() {
            while let c = at(0), c == " " || c == "\t" { index += 1 }
        }

        /// Whether a word starts here (not an operator, blank or the end).
        private func startsWord() -> Bool {
            guard let c = at(0) else { return false }
            return !Self.isMeta(c)
        }

        static func isMeta(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case " ", "\t", "\n", "\r", ";", "&", "|", "<", ">", "(", ")": true
            default: false
            }
        }

        /// Just after a newline: each pending here-document takes the lines up to its delimiter.
        private mutating func readHeredocBodies() {
            guard !pendingHeredocs.isEmpty else { return }
            let pending = pendingHeredocs
            pendingHeredocs = []
            for (command, heredocIndex) in pending {
                guard let command, command < commands.count, heredocIndex < commands[command].heredocs.count else { continue }
                let heredoc = commands[command].heredocs[heredocIndex]
                var body: [Unicode.Scalar] = []
                while index < chars.count {
                    var end = index
                    while end < chars.count, chars[end] != "\n" { end += 1 }
                    var line = chars[index..<end]
                    if heredoc.stripsTabs { line = line.drop(while: { $0 == "\t" }) }
                    index = min(end + 1, chars.count)
                    var compared = line
                    if compared.last == "\r" { compared = compared.dropLast() }
                    if String(String.UnicodeScalarView(compared)) == heredoc.delimiter { break }
                    body.append(contentsOf: line)
                    body.append("\n")
                }
                commands[command].heredocs[heredocIndex].body = String(String.UnicodeScalarView(body))
                if !heredoc.quotedDelimiter { scanExpansions(body) }
            }
        }

        /// The expansions in an unquoted here-document body run like those in double quotes.
        private mutating func scanExpansions(_ body: [Unicode.Scalar]) {
            var scanner = Parser(chars: body, depth: depth)
            var ignored = ""
            while scanner.index < body.count {
                switch body[scanner.index] {
                case "\\": scanner.index += 2
                case "$": _ = scanner.readDollar(into: &ignored, inDoubleQuotes: true)
                case "`": scanner.readBackticks(into: &ignored)
                default: scanner.index += 1
                }
            }
            merge(commands: scanner.commands, references: scanner.references)
            exceedsNesting = exceedsNesting || scanner.exceedsNesting
        }

        private mutating func merge(commands inner: [Command], references innerReferences: [String]) {
            let offset = commands.count
            for var command in inner {
                command.pipedFrom = command.pipedFrom.map { $0 + offset }
                commands.append(command)
            }
            for name in innerReferences { addReference(name) }
        }

        private mutating func addReference(_ name: String) {
            if referenced.insert(name).inserted { references.append(name) }
        }

        // MARK: Words

        /// Reads one word from a non-operator character up to the next unquoted operator or blank.
        mutating func readWord() -> Word {
            var text = ""
            var quoted = false
            var assignment: String?
            var unquotedSoFar = true
            while index < chars.count {
                let c = chars[index]
                if Self.isMeta(c) { break }
                switch c {
                case "\\":
                    if at(1) == "\n" {
                        index += 2
                        continue
                    }
                    if let next = at(1) { text.unicodeScalars.append(next) }
                    quoted = true
                    unquotedSoFar = false
                    index += 2
                case "'":
                    quoted = true
                    unquotedSoFar = false
                    index += 1
                    while index < chars.count, chars[index] != "'" {
                        text.unicodeScalars.append(chars[index])
                        index += 1
                    }
                    index += 1
                case "\"":
                    quoted = true
                    unquotedSoFar = false
                    index += 1
                    readDoubleQuoted(into: &text)
                case "$":
                    if readDollar(into: &text, inDoubleQuotes: false) {
                        quoted = true
                        unquotedSoFar = false
                    }
                case "`":
                    readBackticks(into: &text)
                case "=" where unquotedSoFar && assignment == nil:
                    var name = text
                    if name.hasSuffix("+") { name.removeLast() }
                    if ShellScript.isName(name) { assignment = name }
                    unquotedSoFar = false
                    text.unicodeScalars.append(c)
                    index += 1
                default:
                    text.unicodeScalars.append(c)
                    index += 1
                }
            }
            return Word(text: text, quoted: quoted, assignment: assignment)
        }

        /// After an opening `"`: up to the closing one, with `\` escapes and expansions.
        private mutating func readDoubleQuoted(into text: inout String) {
            while index < chars.count {
                let c = chars[index]
                switch c {
                case "\"":
                    index += 1
                    return
                case "\\":
                    if let next = at(1), next == "$" || next == "`" || next == "\"" || next == "\\" || next == "\n" {
                        if next != "\n" { text.unicodeScalars.append(next) }
                        index += 2
                    } else {
                        text.unicodeScalars.append(c)
                        index += 1
                    }
                case "$":
                    _ = readDollar(into: &text, inDoubleQuotes: true)
                case "`":
                    readBackticks(into: &text)
                default:
                    text.unicodeScalars.append(c)
                    index += 1
                }
            }
        }

        /// At `$`: a parameter, `${…}`, `$(…)`, `$((…))` or (outside double quotes) `$'…'`. Appends the
        /// text as written; returns true when it was an ANSI-C quoted string (data).
        mutating func readDollar(into text: inout String, inDoubleQuotes: Bool) -> Bool {
            guard let next = at(1) else {
                text += "$"
                index += 1
                return false
            }
            if next == "(", at(2) == "(" {
                let start = index
                index += 1
                skipBalanced(open: "(", close: ")")
                text += String(String.UnicodeScalarView(chars[start..<min(index, chars.count)]))
                return false
            }
            if next == "(" {
                text += "$"
                index += 1
                readSubstitution(into: &text)
                return false
            }
            if next == "{" {
                let start = index
                index += 1
                skipBalanced(open: "{", close: "}")
                let inner = chars[min(start + 2, chars.count)..<max(min(start + 2, chars.count), min(index, chars.count) - 1)]
                if let name = Self.expandedName(inBraces: Array(inner)) { addReference(name) }
                text += String(String.UnicodeScalarView(chars[start..<min(index, chars.count)]))
                return false
            }
            if next == "'", !inDoubleQuotes {
                index += 2
                while index < chars.count, chars[index] != "'" {
                    if chars[index] == "\\", let escaped = at(1) {
                        text.unicodeScalars.append(chars[index])
                        text.unicodeScalars.append(escaped)
                        index += 2
                        continue
                    }
                    text.unicodeScalars.append(chars[index])
                    index += 1
                }
                index += 1
                return true
            }
            if ShellScript.isNameStart(next) {
                var end = index + 1
                while end < chars.count, ShellScript.isNameCharacter(chars[end]) { end += 1 }
                let name = String(String.UnicodeScalarView(chars[(index + 1)..<end]))
                addReference(name)
                text += "$" + name
                index = end
                return false
            }
            if ("0"..."9").contains(next) || "?$!#@*-".unicodeScalars.contains(next) {
                text += "$"
                text.unicodeScalars.append(next)
                index += 2
                return false
            }
            text += "$"
            index += 1
            return false
        }

        /// The name a `${…}` expands where an unset value matters: `${X}`, `${X%.*}`, `${X[0]}`; nil
        /// for special parameters, `${#X}`, `${!X}` and the forms with a default or error
        /// (`${X:-d}`, `${X-d}`, `${X:=d}`, `${X:?msg}`, `${X:+alt}`).
        static func expandedName(inBraces inner: [Unicode.Scalar]) -> String? {
            guard let first = inner.first, ShellScript.isNameStart(first) else { return nil }
            var end = 0
            while end < inner.count, ShellScript.isNameCharacter(inner[end]) { end += 1 }
            let name = String(String.UnicodeScalarView(inner[0..<end]))
            guard end < inner.count else { return name }
            var op = inner[end]
            if op == ":", end + 1 < inner.count { op = inner[end + 1] }
            return "-=?+".unicodeScalars.contains(op) ? nil : name
        }

        /// At an opening bracket: moves past its matching close, minding quotes and nesting; to the
        /// end of the text when it is never closed.
        private mutating func skipBalanced(open: Unicode.Scalar, close: Unicode.Scalar) {
            var level = 0
            while index < chars.count {
                let c = chars[index]
                switch c {
                case "\\":
                    index += 2
                    continue
                case "'" where open == "(":
                    index += 1
                    while index < chars.count, chars[index] != "'" { index += 1 }
                case "\"":
                    index += 1
                    while index < chars.count, chars[index] != "\"" {
                        index += chars[index] == "\\" ? 2 : 1
                    }
                case open:
                    level += 1
                case close:
                    level -= 1
                    if level == 0 {
                        index += 1
                        return
                    }
                default:
                    break
                }
                index += 1
            }
            index = chars.count
        }

        /// At the `(` of `$(…)`, `<(…)` or `>(…)`: parses the inside as a script of its own and
        /// appends the text as written.
        private mutating func readSubstitution(into text: inout String) {
            let open = index
            skipBalanced(open: "(", close: ")")
            let innerStart = min(open + 1, chars.count)
            let closed = index <= chars.count && index > open + 1 && chars[index - 1] == ")"
            let innerEnd = max(innerStart, min(closed ? index - 1 : index, chars.count))
            let inner = Array(chars[innerStart..<innerEnd])
            if depth < ShellScript.maximumDepth {
                let script = ShellScript(inner, depth: depth + 1)
                merge(commands: script.commands, references: script.references)
                exceedsNesting = exceedsNesting || script.exceedsNesting
            } else {
                exceedsNesting = true
            }
            text += "(" + String(String.UnicodeScalarView(inner)) + (closed ? ")" : "")
        }

        /// At an opening backtick: the command inside (with `\``, `\\` and `\$` unescaped) is parsed
        /// as a script of its own.
        mutating func readBackticks(into text: inout String) {
            index += 1
            var inner: [Unicode.Scalar] = []
            while index < chars.count, chars[index] != "`" {
                if chars[index] == "\\", let next = at(1), next == "`" || next == "\\" || next == "$" {
                    inner.append(next)
                    index += 2
                    continue
                }
                inner.append(chars[index])
                index += 1
            }
            index += 1
            if depth < ShellScript.maximumDepth {
                let script = ShellScript(inner, depth: depth + 1)
                merge(commands: script.commands, references: script.references)
                exceedsNesting = exceedsNesting || script.exceedsNesting
            } else {
                exceedsNesting = true
            }
            text += "`" + String(String.UnicodeScalarView(inner)) + "`"
        }
    }
}
