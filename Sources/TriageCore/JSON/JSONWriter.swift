/// Writes a `JSONValue` as text: the only JSON serializer of triage's outputs.
///
/// RFC 8259 with two-space indentation. Strings are UTF-8 as they are, except what a terminal
/// would act on if the document were printed to one: `"` and `\` and every `TerminalControl`
/// scalar (C0, DEL, C1, bidi controls and marks, U+2028/U+2029) are escaped, `\n`, `\r`, `\t` by
/// their short forms and the rest as `\u00XX` (lowercase hex). A JSON parser reads the exact
/// original text back. `/` is never escaped, and non-BMP scalars (emoji) are written as UTF-8,
/// never as surrogate pairs.
public enum JSONWriter {
    /// The document with a trailing newline, as printed by `--json`.
    public static func document(_ value: JSONValue) -> String {
        serialized(value) + "\n"
    }

    /// The document without a trailing newline.
    public static func serialized(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: 0)
        return out
    }

    /// One string as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var out = ""
        writeString(text, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .double(let number):
            if !number.isFinite {
                out += "null"
            } else if number == number.rounded(), abs(number) < 1e15 {
                out += String(Int(number))
            } else {
                out += String(number)
            }
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                write(item, into: &out, indent: indent + 2)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let fields):
            if fields.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, field) in fields.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                writeString(field.key, into: &out)
                out += ": "
                write(field.value, into: &out, indent: indent + 2)
                out += index == fields.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where TerminalControl.isControl(scalar):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
