import TriageCore

/// The last step of every text export (status update, resolution notice, post-mortem, timeline):
/// secrets masked, and no character left that a terminal would act on.
///
/// Exports are printed to terminals (`triage export` without `--output`), copied through OSC 52 and
/// pasted into chats, and they quote outside text: incident titles, check names from the config,
/// probe reasons from curl, Prometheus and commands. An escape sequence in any of them must arrive
/// as visible text, as on screen: C0 controls other than newline and tab become their control
/// pictures (`␛`), DEL becomes `␡`, C1 controls and bidi controls become `�`. Everything else is
/// kept byte for byte, so exports without such characters are unchanged.
enum ExportText {
    static func safe(_ text: String) -> String {
        SecretRedactor.redact(neutralized(text))
    }

    static func neutralized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isActive) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isActive(scalar) else {
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

    /// Scalars a terminal obeys rather than prints (newline and tab are text in an export).
    static func isActive(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x0A || v == 0x09 { return false }
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
