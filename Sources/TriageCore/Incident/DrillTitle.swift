/// How a drill (a practice incident run from a recording by `triage drill`) is titled wherever it
/// is shown or exported, so no reader takes it for a real outage.
public enum DrillTitle {
    /// What a drill's stored title starts with: "Drill: <recorded incident's title>".
    public static let storedPrefix = "Drill: "

    /// The stored title of a drill run from the incident titled `recorded`.
    public static func stored(from recorded: String) -> String { storedPrefix + recorded }

    /// The title to show or export for a drill: "DRILL: <recorded incident's title>" (a title that
    /// does not carry the stored prefix, e.g. edited by hand, gets "DRILL: " in front of it whole).
    public static func shown(_ title: String) -> String {
        "DRILL: " + (title.hasPrefix(storedPrefix) ? String(title.dropFirst(storedPrefix.count)) : title)
    }
}

extension DrillTitle {
    /// The first line given to a drill's text export whose own first line does not say DRILL (a
    /// runbook's status template may not start with the title).
    public static let exportBanner = "DRILL (a practice incident, not a real outage)"

    /// `text` with ``exportBanner`` above it unless its first line already says DRILL.
    public static func marking(_ text: String) -> String {
        text.prefix { $0 != "\n" }.contains("DRILL") ? text : exportBanner + "\n\n" + text
    }
}
