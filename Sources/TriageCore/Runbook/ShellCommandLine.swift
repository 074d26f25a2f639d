/// A shell script split into simple commands and words, well enough to judge what it would run.
///
/// Not a shell: it knows quotes, backslash escapes, line continuations, comments, the separators
/// `; & | && || ( )` and here-documents (whose bodies are data and are skipped). Command
/// substitutions stay inside the word that holds them.
public struct ShellCommandLine: Sendable, Equatable {
    /// One word of a simple command.
    public struct Word: Sendable, Equatable {
        /// The word with quotes removed.
        public var text: String
        /// Some part of the word was quoted, so it is data rather than a command or option name.
        public var quoted: Bool
    }

    /// The words of each simple command, in order.
    public var commands: [[Word]]

    public init(_ script: String) {
        commands = Self.split(script)
    }

    private static func split(_ script: String) -> [[Word]] {
        var commands: [[Word]] = []
        var words: [Word] = []
        var current = ""
        var currentQuoted = false
        var inWord = false
        var pendingHeredocs: [(delimiter: String, stripTabs: Bool)] = []
        let chars = Array(script)
        var index = 0

        func endWord() {
            if inWord { words.append(Word(text: current, quoted: currentQuoted)) }
            current = ""
            currentQuoted = false
            inWord = false
        }
        func endCommand() {
            endWord()
            if !words.isEmpty { commands.append(words) }
            words = []
        }
        func skipHeredocBodies() {
            // `index` sits just after a newline: drop lines until each pending delimiter.
            for heredoc in pendingHeredocs {
                while index < chars.count {
                    var end = index
                    while end < chars.count, chars[end] != "\n" { end += 1 }
                    var line = String(chars[index..<end])
                    if heredoc.stripTabs { line = String(line.drop(while: { $0 == "\t" })) }
                    index = min(end + 1, chars.count)
                    if line == heredoc.delimiter { break }
                }
            }
            pendingHeredocs = []
        }

        while index < chars.count {
            let c = chars[index]
            switch c {
            case "\\":
                if index + 1 < chars.count {
                    if chars[index + 1] == "\n" { index += 2; continue }  // line continuation
                    current.append(chars[index + 1])
                    inWord = true
                    index += 2
                } else {
                    index += 1
                }
            case "'":
                inWord = true
                currentQuoted = true
                index += 1
                while index < chars.count, chars[index] != "'" {
                    current.append(chars[index])
                    index += 1
                }
                index += 1
            case "\"":
                inWord = true
                currentQuoted = true
                index += 1
                while index < chars.count, chars[index] != "\"" {
                    if chars[index] == "\\", index + 1 < chars.count, "\"\\$`".contains(chars[index + 1]) {
                        current.append(chars[index + 1])
                        index += 2
                        continue
                    }
                    current.append(chars[index])
                    index += 1
                }
                index += 1
            case "#" where !inWord:
                while index < chars.count, chars[index] != "\n" { index += 1 }
            case "\n":
                endCommand()
                index += 1
                if !pendingHeredocs.isEmpty { skipHeredocBodies() }
            case ";", "&", "|", "(", ")":
                endCommand()
                index += 1
            case " ", "\t", "\r":
                endWord()
                index += 1
            case "<" where index + 1 < chars.count && chars[index + 1] == "<":
                endWord()
                index += 2
                if index < chars.count, chars[index] == "<" {  // here-string: the next word is data
                    index += 1
                    continue
                }
                var stripTabs = false
                if index < chars.count, chars[index] == "-" { stripTabs = true; index += 1 }
                while index < chars.count, chars[index] == " " || chars[index] == "\t" { index += 1 }
                var delimiter = ""
                while index < chars.count, !" \t\n;&|<>()".contains(chars[index]) {
                    if chars[index] != "'", chars[index] != "\"", chars[index] != "\\" { delimiter.append(chars[index]) }
                    index += 1
                }
                if !delimiter.isEmpty { pendingHeredocs.append((delimiter, stripTabs)) }
            default:
                current.append(c)
                inWord = true
                index += 1
            }
        }
        endCommand()
        return commands
    }
}
