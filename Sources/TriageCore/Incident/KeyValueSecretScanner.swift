/// Masks the value of every `name = value` pair whose name says it is a credential: environment
/// and ini assignments (`PGPASSWORD=x`, `aws_secret_access_key = x`), flags (`--password x`,
/// `--token=x`), query strings (`?api_key=x&`), YAML and header lines (`secret: x`,
/// `X-Api-Key: x`), JSON and escaped JSON (`"password": "x"`, `{\"token\":\"x\"}`), Ruby and Go
/// (`:password => "x"`, `pwd := "x"`).
///
/// One pass over the UTF-8 bytes, so it stays linear however the text is shaped: a value is only
/// measured once its name is known to be sensitive, and then it is masked and passed over (a value
/// after every `x:` of a long line, measured to the line's end, would make it quadratic). Which names
/// count is `SecretKeyName`'s call. Only the value changes: the name, the separator, the spacing and the
/// quotes stay, so `"password": "****"` is still valid JSON and masking twice changes nothing.
enum KeyValueSecretScanner {
    static func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index < bytes.count {
            guard isNameByte(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            guard let pair = Pair(bytes, nameStart: start, nameEnd: index) else { continue }
            guard let value = pair.secretValue(bytes) else {
                index = pair.separatorEnd
                continue
            }
            if out.isEmpty { out.reserveCapacity(bytes.count) }
            out.append(contentsOf: bytes[copied..<value.lowerBound])
            out.append(contentsOf: SecretRedactor.mask.utf8)
            copied = value.upperBound
            index = value.upperBound
        }
        guard copied > 0 else { return text }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Letters, digits, `_`, `-` and `.`: what names are made of.
    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    static func isSpace(_ byte: UInt8) -> Bool {
        isBlank(byte) || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Values that are settings, not secrets (`password_required: true`, `"token": null`).
    static let plainWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "null", "none", "nil", "~", "enabled", "disabled",
    ]

    /// One name, its separator, and where its value would start.
    struct Pair {
        enum Separator { case equals, colon, blank }

        let name: Substring
        let separator: Separator
        let separatorEnd: Int
        /// host:port or image:tag rather than name: value.
        let isAddress: Bool
        /// A flag given its value after a space (`--password x`): a value that starts with `-` is the
        /// next flag.
        let isFlag: Bool

        init?(_ bytes: [UInt8], nameStart: Int, nameEnd: Int) {
            // The bare name: no leading dashes (a flag's), no trailing `-` or `.` (end of a sentence).
            var low = nameStart
            while low < nameEnd, bytes[low] == UInt8(ascii: "-") { low += 1 }
            var high = nameEnd
            while high > low, bytes[high - 1] == UInt8(ascii: "-") || bytes[high - 1] == UInt8(ascii: ".") { high -= 1 }
            guard high > low, high - low <= 80 else { return nil }
            let dashes = low - nameStart

            // A quoted name: "password", 'password' or, inside a JSON string, \"password\".
            var cursor = nameEnd
            let before = nameStart > 0 ? bytes[nameStart - 1] : 0
            let escaped = nameStart > 1 && bytes[nameStart - 2] == UInt8(ascii: "\\")
            let nameQuoted = dashes == 0 && (before == UInt8(ascii: "\"") || before == UInt8(ascii: "'"))
            // (A quote before an unquoted name, as in "DB_PASSWORD=x", is just text before it.)
            if nameQuoted {
                if escaped, cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "\\"), bytes[cursor + 1] == before {
                    cursor += 2
                } else if !escaped, cursor < bytes.count, bytes[cursor] == before {
                    cursor += 1
                }
            }
            let afterName = cursor
            while cursor < bytes.count, KeyValueSecretScanner.isBlank(bytes[cursor]) { cursor += 1 }
            let next = cursor < bytes.count ? bytes[cursor] : 0
            let following = cursor + 1 < bytes.count ? bytes[cursor + 1] : 0
            switch next {
            case UInt8(ascii: "="):
                if following == UInt8(ascii: "=") { return nil }
                separator = .equals
                cursor += following == UInt8(ascii: ">") ? 2 : 1
            case UInt8(ascii: ":"):
                if following == UInt8(ascii: ":") || following == UInt8(ascii: "/") { return nil }
                separator = .colon
                cursor += following == UInt8(ascii: "=") ? 2 : 1
            default:
                let atFlagStart = nameStart == 0 || KeyValueSecretScanner.isSpace(before)
                    || before == UInt8(ascii: "\"") || before == UInt8(ascii: "'")
                guard dashes > 0, atFlagStart, cursor > afterName, next != 0,
                    !KeyValueSecretScanner.isSpace(next)
                else { return nil }
                separator = .blank
            }
            isFlag = separator == .blank
            // Made only now: most words are followed by no separator at all.
            name = Substring(String(decoding: bytes[low..<high], as: UTF8.self))
            let separatorStart = cursor
            while cursor < bytes.count, KeyValueSecretScanner.isBlank(bytes[cursor]) { cursor += 1 }
            separatorEnd = cursor
            // host:port and image:tag are not name: value (`secrets.internal:8443`, `reg/vault-secret:1.2`).
            isAddress = separator == .colon && cursor == separatorStart
                && (before == UInt8(ascii: "/") || before == UInt8(ascii: "@") || bytes[low..<high].contains(UInt8(ascii: ".")))
        }

        /// The value's content range, and whether it was quoted.
        static func value(_ bytes: [UInt8], from start: Int, separator: Separator) -> (Range<Int>?, Bool) {
            guard start < bytes.count else { return (nil, false) }
            let first = bytes[start]
            let backslash = UInt8(ascii: "\\")
            // "…" (with backslash escapes), '…', or \"…\" inside a JSON string; each ends at the line.
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")
                || (first == backslash && start + 1 < bytes.count && bytes[start + 1] == UInt8(ascii: "\""))
            {
                let escapedQuote = first == backslash
                let quote = escapedQuote ? UInt8(ascii: "\"") : first
                let contentStart = start + (escapedQuote ? 2 : 1)
                var cursor = contentStart
                while cursor < bytes.count {
                    let byte = bytes[cursor]
                    if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                    if escapedQuote {
                        if byte == backslash, cursor + 1 < bytes.count, bytes[cursor + 1] == quote { break }
                    } else if byte == quote {
                        break
                    } else if byte == backslash, quote == UInt8(ascii: "\"") {
                        cursor += 1
                    }
                    cursor += 1
                }
                cursor = min(cursor, bytes.count)
                return (contentStart < cursor ? contentStart..<cursor : nil, true)
            }
            var cursor = start
            while cursor < bytes.count, !endsBareValue(bytes, at: cursor, separator: separator) { cursor += 1 }
            // A colon's value runs to the end of the line (a passphrase may have spaces): drop the
            // blanks before that end.
            var end = cursor
            while end > start, KeyValueSecretScanner.isBlank(bytes[end - 1]) { end -= 1 }
            return (start < end ? start..<end : nil, false)
        }

        /// Where a bare value stops: at a blank after `=` or a flag (`a=1 b=2`, `?k=v&x=y`), at the end
        /// of the line after a colon; at a quote, `,` or `;` either way; at `<br>` and an unescaped
        /// `|`, which end a line or cell in a Markdown table.
        static func endsBareValue(_ bytes: [UInt8], at index: Int, separator: Separator) -> Bool {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ","),
                UInt8(ascii: ";"):
                return true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "&"):
                return separator != .colon
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                return separator == .colon
            case UInt8(ascii: "|"):
                return index == 0 || bytes[index - 1] != UInt8(ascii: "\\")
            case UInt8(ascii: "<"):
                return bytes[index...].starts(with: "<br>".utf8)
            case UInt8(ascii: "\\"):
                return index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"")
            default:
                return false
            }
        }

        /// The range of the value's content to mask, or nil when there is none: the name is not
        /// sensitive, or the value is already the mask, a setting word, a nested object, a YAML block
        /// marker, a path in `PWD`, or the next flag. Decided from the name and the value's first
        /// bytes before the value is measured, so only values that will be masked are scanned whole.
        func secretValue(_ bytes: [UInt8]) -> Range<Int>? {
            guard !isAddress, separatorEnd < bytes.count else { return nil }
            let folded = name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != "." }
            if folded == "authorization" || folded == "proxyauthorization" { return nil }  // their own rule
            if separator == .colon, folded == "cookie" || folded == "setcookie" { return nil }  // their own rule
            guard SecretKeyName.isSensitive(name) else { return nil }
            let first = bytes[separatorEnd]
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return nil }
            if isFlag, first == UInt8(ascii: "-") { return nil }
            if folded == "pwd" || folded == "oldpwd", first == UInt8(ascii: "/") || first == UInt8(ascii: "~") {
                return nil
            }
            let (range, quoted) = Self.value(bytes, from: separatorEnd, separator: separator)
            guard let range else { return nil }
            // Short words only from here on: the mask, true/false/…, `|` and `>`.
            if range.count <= 8 {
                let content = String(decoding: bytes[range], as: UTF8.self)
                if content == SecretRedactor.mask { return nil }
                if !quoted {
                    if KeyValueSecretScanner.plainWords.contains(content.lowercased()) { return nil }
                    if separator == .colon, ["|", "|-", "|+", ">", ">-", ">+"].contains(content) { return nil }
                }
            }
            return range
        }
    }
}
