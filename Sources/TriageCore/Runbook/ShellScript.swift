/// A shell script parsed into simple commands, well enough to judge what running it would do.
///
/// Not a shell: it knows words and quotes (`'…'`, `"…"`, `$'…'`, backslash escapes), line
/// continuations, comments, the operators `; & && || | |& ( )`, redirections (`> >> < >| &> 2>&1 <>`),
/// here-documents (`<<EOF`, `<<'EOF'`, `<<-EOF`, whose bodies it keeps) and here-strings, and the
/// commands inside `$(…)`, backticks and `<(…)`, which it parses as commands of their own. It also
/// records which parameters the script expands (`$NAME`, `${NAME}`) and which it sets itself.
///
/// Pure and total: any text parses (unbalanced quotes end at the end of the text), in time linear
/// in the text for each level of nesting; nesting deeper than `maximumDepth` stays opaque text and
/// sets `exceedsNesting`.
public struct ShellScript: Sendable, Equatable {
    /// One word of a simple command.
    public struct Word: Sendable, Equatable {
        /// The word with quotes removed; expansions (`$X`, `$(…)`) stay as written.
        public var text: String
        /// Some part of the word was quoted or escaped, so it is data rather than a command or option name.
        public var quoted: Bool
        /// `NAME` when the word starts with an unquoted `NAME=` (or `NAME+=`): an assignment.
        public var assignment: String?

        public init(text: String, quoted: Bool, assignment: String? = nil) {
            self.text = text
            self.quoted = quoted
            self.assignment = assignment
        }
    }

    /// A redirection such as `> out`, `2>&1` or `< dump.sql`.
    public struct Redirection: Sendable, Equatable {
        /// The operator without its file descriptor: `>`, `>>`, `<`, `>|`, `<>`, `&>`, `&>>`, `>&`, `<&`.
        public var op: String
        /// The file descriptor written before the operator (`2` in `2>&1`), if any.
        public var descriptor: Int?
        /// The target word (a file name, or a descriptor after `>&`).
        public var target: String
    }

    /// A here-document and its body.
    public struct Heredoc: Sendable, Equatable {
        public var delimiter: String
        /// The delimiter was quoted (`<<'EOF'`), so the shell expands nothing in the body.
        public var quotedDelimiter: Bool
        /// `<<-`: leading tabs are removed from every line.
        public var stripsTabs: Bool
        /// The body lines up to (not including) the delimiter line.
        public var body: String
    }

    /// One simple command: its words, redirections, here-documents and here-strings.
    public struct Command: Sendable, Equatable {
        public var words: [Word] = []
        public var redirections: [Redirection] = []
        public var heredocs: [Heredoc] = []
        /// The words after `<<<`.
        public var hereStrings: [String] = []
        /// The index (in `commands`) of the command whose output is piped into this one (`a | b`).
        public var pipedFrom: Int?
    }

    /// Nesting of `$(…)` and backticks beyond which the inner text is not parsed.
    public static let maximumDepth = 24

    /// Every simple command, those inside substitutions included, in the order they end.
    public private(set) var commands: [Command] = []
    /// Parameter names the script expands where an empty value matters (`$X`, `${X}`, `${X%.*}`), in
    /// first-use order; not `${X:-default}` or the like, which handle an unset value themselves.
    public private(set) var references: [String] = []
    /// Some `$(…)` or backticks were nested deeper than `maximumDepth`, so their commands are not in `commands`.
    public private(set) var exceedsNesting = false

    public init(_ text: String) {
        self.init(Array(text.unicodeScalars), depth: 0)
    }

    init(_ scalars: [Unicode.Scalar], depth: Int) {
        var parser = Parser(chars: scalars, depth: depth)
        parser.parseScript()
        commands = parser.commands
        references = parser.references
        exceedsNesting = parser.exceedsNesting
    }

    /// Names the script sets itself: `X=1`, `export X=1`, `read X`, `for X in …`, `local X`, and so on.
    public var assignedNames: Set<String> {
        var names: Set<String> = []
        for command in commands {
            var index = 0
            while index < command.words.count {
                let word = command.words[index]
                if let name = word.assignment {
                    names.insert(name)
                } else if word.quoted || !Self.keywords.contains(word.text) {
                    break
                }
                index += 1
            }
            guard index < command.words.count else { continue }
            let name = command.words[index].text
            let rest = command.words[(index + 1)...]
            switch name {
            case "export", "local", "declare", "typeset", "readonly", "read", "unset", "mapfile", "readarray":
                for word in rest where !word.text.hasPrefix("-") {
                    let candidate = String(word.text.prefix(while: { $0 != "=" }))
                    if Self.isName(candidate) { names.insert(candidate) }
                }
                if name == "read" { names.insert("REPLY") }
            case "for", "select":
                if let first = rest.first, Self.isName(first.text) { names.insert(first.text) }
            case "getopts":
                if rest.count >= 2, Self.isName(rest[rest.startIndex + 1].text) { names.insert(rest[rest.startIndex + 1].text) }
            case "printf":
                if rest.first?.text == "-v", rest.count >= 2 { names.insert(rest[rest.startIndex + 1].text) }
            default:
                break
            }
        }
        return names
    }

    /// Reserved words that may come before a command (`while read line`).
    static let keywords: Set<String> = ["if", "then", "do", "else", "elif", "while", "until", "!", "{", "}", "time"]

    /// Parameters a shell sets by itself, which are never "unset" in a running script.
    public static let shellSetNames: Set<String> = [
        "PWD", "OLDPWD", "PPID", "IFS", "OPTIND", "OPTARG", "LINENO", "RANDOM", "SRANDOM", "SECONDS", "UID", "EUID",
        "BASHPID", "BASH", "BASH_VERSION", "BASH_SOURCE", "BASH_LINENO", "BASH_REMATCH", "FUNCNAME", "PIPESTATUS",
        "HOSTNAME", "HOSTTYPE", "OSTYPE", "MACHTYPE", "SHLVL", "PS1", "PS2", "PS4", "REPLY", "GROUPS",
        "EPOCHSECONDS", "EPOCHREALTIME", "SHELLOPTS", "BASHOPTS", "HISTCMD", "_",
    ]

    /// The environment references the script needs from outside: expanded, not set by the script
    /// itself and not set by the shell.
    public var environmentReferences: [String] {
        let assigned = assignedNames
        return references.filter { !assigned.contains($0) && !Self.shellSetNames.contains($0) }
    }

    /// A shell name: a letter or `_`, then letters, digits or `_` (ASCII).
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isNameStart(first) else { return false }
        return text.unicodeScalars.allSatisfy(isNameCharacter)
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }
}
