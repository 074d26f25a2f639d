import TriageCore

/// The last step of every text export (status update, resolution notice, post-mortem, timeline):
/// secrets masked, and no character left that a terminal would act on.
///
/// Exports are printed to terminals (`triage export` without `--output`), copied through OSC 52 and
/// pasted into chats, and they quote outside text: incident titles, check names from the config,
/// probe reasons from curl, Prometheus and commands. An escape sequence in any of them must arrive
/// as visible text, as on screen: C0 controls other than newline and tab become their control
/// pictures (`␛`), DEL becomes `␡`, C1 controls, bidi controls and marks become `�` (the list is
/// `TerminalControl`'s). Everything else is kept byte for byte, so exports without such
/// characters are unchanged.
enum ExportText {
    static func safe(_ text: String) -> String {
        SecretRedactor.redact(neutralized(text))
    }

    static func neutralized(_ text: String) -> String {
        TerminalControl.neutralized(text)
    }

    /// Scalars a terminal obeys rather than prints (newline and tab are text in an export).
    static func isActive(_ scalar: Unicode.Scalar) -> Bool {
        TerminalControl.isActiveInText(scalar)
    }
}
