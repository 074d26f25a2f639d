/// Human-readable text that quotes outside text (a config value, a path, a runbook's severity
/// names, a note) on a terminal or in a log: controls are shown, never sent, and a line break
/// inside a quoted value cannot start a line of its own.
///
/// Build each line with the outside values passed through ``inline(_:)``; the stream writer
/// (`StandardStreams`) then neutralises whatever control is left in the lines it is given.
public enum OutsideText {
    /// Outside text to be quoted inside one line: escape sequences and controls as visible pictures
    /// (`␛]52;c;…`, see `TerminalSanitizer`), line breaks as `␤`.
    public static func inline(_ text: String) -> String {
        TerminalSanitizer.clean(text, newline: "␤")
    }
}
