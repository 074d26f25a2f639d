/// The scalars a terminal acts on, or that reorder the text around them, rather than print: the
/// one list every output of outside text is checked against.
///
/// C0 controls (ESC starts every escape sequence; BEL ends an OSC such as the clipboard write),
/// DEL, C1 controls (U+009B is an 8-bit CSI, U+009D an OSC, U+009C ends one), the bidi embedding,
/// override and isolate controls (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F,
/// U+061C), which make a line read differently from its bytes, and the line and paragraph
/// separators U+2028/U+2029, which some viewers treat as line ends.
public enum TerminalControl {
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x00..<0x20, 0x7F, 0x80...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `text` with every control except newline and tab replaced by something visible: C0 by its
    /// control picture (`␛`, `␇`), DEL by `␡`, the others by `�`. Text without controls is
    /// returned as it was, byte for byte.
    public static func neutralized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isActiveInText) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isActiveInText(scalar) else {
                out.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x7F: out.append("\u{2421}")
            case ..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            default: out.append("\u{FFFD}")
            }
        }
        return String(out)
    }

    /// A control other than newline and tab, which are text in a multi-line document.
    public static func isActiveInText(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n" && scalar != "\t" && isControl(scalar)
    }
}
