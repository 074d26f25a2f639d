import TriageCore

/// Cuts a shell block into the commands a responder runs one at a time.
///
/// A runbook block often holds several commands ("check status", "restart", "check again"), each
/// under its own comment. Offering the block as one row labelled by its first comment hides what
/// runs: a row read "Check database status" and restarted postgres. Each command here is one
/// row, labelled by itself, with its comment as a note. Lines that only set the shell up
/// (`NS=prod`, `export …`, `cd …`) are kept in front of every command after them, so each runs on
/// its own. Continuations (`\`, a trailing `|`/`&&`/`||`), here-documents, open quotes and
/// `if`/`for`/`while`/`case`/`{` bodies stay with their command; when the block's structure cannot
/// be followed to the end, it stays one command.
enum ShellBlockSplitter {
    struct Piece: Equatable {
        var code: String
        var note: String
        /// 0-based index of the command's first line in the block.
        var offset: Int
    }

    static func split(_ code: String) -> [Piece] {
        // Cut at line-feed bytes (as the assembler cuts the file), unless a CR could pair with a
        // line feed into one character; splitting by `Character` was most of this function.
        let lines = code.containsByte(0x0D)
            ? code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            : RunbookAssembler.lines(of: code).map(String.init)
        let usesPrompts = lines.contains { $0.trimmingSpaces.hasPrefix("$ ") }
        var pieces: [Piece] = []
        var setup: [String] = []
        var current: [String] = []
        var currentOffset = 0
        var note: [String] = []
        var currentNote = ""
        var open = OpenState()

        func finishCurrent() {
            guard !current.isEmpty else { return }
            let body = usesPrompts ? ShellBlock.strippingPrompts(current.joined(separator: "\n")) : current.joined(separator: "\n")
            pieces.append(Piece(code: (setup + [body]).joined(separator: "\n"), note: currentNote, offset: currentOffset))
            current = []
        }

        for (index, raw) in lines.enumerated() {
            let trimmed = raw.trimmingSpaces
            if !open.isClosed {
                current.append(raw)
                open.consume(usesPrompts && trimmed.hasPrefix("$ ") ? String(trimmed.dropFirst(2)) : trimmed)
                continue
            }
            if trimmed.isEmpty { finishCurrent(); continue }
            if trimmed.hasPrefix("#") {
                finishCurrent()
                if !trimmed.hasPrefix("#!") {
                    let comment = trimmed.drop(while: { $0 == "#" }).trimmingSpaces
                    if !comment.isEmpty { note.append(comment) }
                }
                continue
            }
            var command = trimmed
            if usesPrompts {
                // Without a prompt the line is output shown in the runbook, not something to run.
                guard trimmed.hasPrefix("$ ") else { continue }
                command = String(trimmed.dropFirst(2))
            }
            finishCurrent()
            var probe = OpenState()
            probe.consume(command)
            if probe.isClosed, RunbookCommand.isSetupLine(command), !command.contains("&&"), !command.contains(";"),
                !command.contains("|")
            {
                setup.append(raw)
                note = []
                continue
            }
            current = [raw]
            currentOffset = index
            currentNote = note.joined(separator: " ")
            note = []
            open = probe
        }
        guard open.isClosed else { return [whole(code)] }
        finishCurrent()
        if pieces.count <= 1 { return [whole(code)] }
        return pieces
    }

    /// The block as one command, noted by its first comment.
    private static func whole(_ code: String) -> Piece {
        let note = code.split(separator: "\n").lazy.map { $0.trimmingSpaces }
            .first { $0.hasPrefix("#") && !$0.hasPrefix("#!") }
            .map { $0.drop(while: { $0 == "#" }).trimmingSpaces } ?? ""
        return Piece(code: ShellBlock.strippingPrompts(code), note: note, offset: 0)
    }

    /// What a command left open at the end of a line: a continuation, a quote, a here-document or
    /// a compound command, any of which carries the next line into the same command.
    struct OpenState {
        var depth = 0
        var continued = false
        var quote: Character?
        var heredocEnd: String?
        var broken = false

        var isClosed: Bool { depth == 0 && !continued && quote == nil && heredocEnd == nil }

        mutating func consume(_ line: String) {
            let trimmed = line.trimmingSpaces
            if let end = heredocEnd {
                if trimmed == end { heredocEnd = nil }
                return
            }
            // An ASCII line is read on its bytes (a byte is a character there), others by `Character`.
            if line.utf8.allSatisfy({ $0 < 0x80 }) { scanASCII(line) } else { scanCharacters(line) }
            continued = quote == nil && (trimmed.hasSuffix("\\") || trimmed.hasSuffix("|") || trimmed.hasSuffix("&&")
                || trimmed.hasSuffix("||"))
            if line.containsByte(UInt8(ascii: "<")), line.contains("<<"), let delimiter = RunbookPhraseScanner(line).heredocDelimiter() {
                heredocEnd = String(delimiter)
            }
        }

        /// Quotes, escapes, comments and compound-command keywords of one line, character by character.
        mutating func scanCharacters(_ line: String) {
            var word = ""
            var escaped = false
            func endWord() {
                guard quote == nil else { return }
                countKeyword(word)
                word = ""
            }
            for character in line {
                if escaped { escaped = false; continue }
                if let open = quote {
                    if character == open { quote = nil } else if character == "\\", open == "\"" { escaped = true }
                    continue
                }
                // A word starting with `#` starts a comment: the rest of the line is not code.
                if character == "#", word.isEmpty { break }
                switch character {
                case "\\": escaped = true
                case "'", "\"": quote = character
                case " ", "\t", ";", "&", "|", "(", ")":
                    endWord()
                default: word.append(character)
                }
            }
            endWord()
        }

        /// `scanCharacters` of an ASCII line, on its bytes: the same steps, without a grapheme
        /// break check and a `String` append for every character of every command.
        mutating func scanASCII(_ line: String) {
            var word: [UInt8] = []
            var escaped = false
            func endWord() {
                guard quote == nil else { return }
                // No keyword is longer than six bytes: most words are not compared at all.
                if !word.isEmpty, word.count <= 6 { countKeyword(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
            }
            for byte in line.utf8 {
                if escaped { escaped = false; continue }
                if let open = quote {
                    if byte == open.asciiValue { quote = nil } else if byte == UInt8(ascii: "\\"), open == "\"" { escaped = true }
                    continue
                }
                if byte == UInt8(ascii: "#"), word.isEmpty { break }
                switch byte {
                case UInt8(ascii: "\\"): escaped = true
                case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = Character(Unicode.Scalar(byte))
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("),
                    UInt8(ascii: ")"):
                    endWord()
                default: word.append(byte)
                }
            }
            endWord()
        }

        /// Opens or closes a compound command (`if` … `fi`, `{` … `}`) for a whole word.
        private mutating func countKeyword(_ word: String) {
            switch word {
            case "if", "for", "while", "until", "case", "select", "{": depth += 1
            case "fi", "done", "esac", "}": depth = max(0, depth - 1)
            default: break
            }
        }
    }
}
