/// Which shell variables a command sets and uses, read lexically (no expansion, nothing run).
///
/// Single-quoted text is literal to the shell (`awk '{print $1}'`), so it is skipped; `${NAME:-x}`
/// and `${NAME-x}` give their own default, so they do not count as uses.
enum ShellVariables {
    static func used(in code: String) -> [String] {
        // Most commands expand nothing: one byte scan instead of an array of characters.
        guard code.containsByte(UInt8(ascii: "$")) else { return [] }
        var names: [String] = []
        var seen = Set<String>()
        let characters = Array(code)
        var index = 0
        var inSingle = false
        while index < characters.count {
            let character = characters[index]
            if character == "'" { inSingle.toggle(); index += 1; continue }
            if inSingle { index += 1; continue }
            if character == "\\" { index += 2; continue }
            guard character == "$", index + 1 < characters.count else { index += 1; continue }
            var start = index + 1
            let braced = characters[start] == "{"
            if braced { start += 1 }
            var end = start
            while end < characters.count, characters[end].isASCII,
                characters[end].isLetter || characters[end] == "_" || (end > start && characters[end].isNumber)
            {
                end += 1
            }
            if end > start {
                let name = String(characters[start..<end])
                let hasDefault = braced && end < characters.count && ":-=+?".contains(characters[end])
                    && characters[end] != "}"
                if !hasDefault, seen.insert(name).inserted { names.append(name) }
            }
            index = max(end, index + 1)
        }
        return names
    }

    /// Names assigned (`NAME=`, `export NAME=`, `read NAME`, `for NAME in`, `local NAME`).
    static func assigned(in code: String) -> Set<String> {
        var names = Set<String>()
        for line in code.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" || $0 == "(" || $0 == "&" || $0 == "|" })
            for (position, word) in words.enumerated() {
                if let equals = word.firstIndex(of: "="), equals != word.startIndex {
                    let name = word[..<equals]
                    if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), name.first?.isNumber == false {
                        names.insert(String(name))
                    }
                }
                let previous = position > 0 ? String(words[position - 1]) : ""
                if ["read", "for", "local", "export", "declare", "readonly"].contains(previous)
                    || (previous.hasPrefix("-") && position > 1 && words[position - 2] == "read")
                {
                    let name = word.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
                    if !name.isEmpty { names.insert(String(name)) }
                }
            }
        }
        return names
    }
}
