/// A Markdown table read by its header names, in whatever order the columns come.
///
/// Each header is given one role ("Level" → severity, "Escalate After" → when to escalate,
/// "Escalate To" → whom), so a severity table's "Escalation" column is never read as a time and
/// an escalation matrix's "15 minutes" is never read as a level. A column whose header is
/// ambiguous ("Level") is settled by its cells: `P0`/`SEV-1`/`Critical` make it a severity column,
/// `L2`/`Tier 2` a tier.
struct RunbookTable {
    enum Role: Equatable {
        case severity
        case tier
        case response
        case resolution
        case description
        case escalateAfter
        case escalateTo
        case condition
        case contact
    }

    struct Row {
        var cells: [String]
        var line: Int

        func cell(_ index: Int?) -> String? {
            guard let index, index < cells.count else { return nil }
            let text = cells[index].trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
    }

    let header: [String]
    let rows: [Row]
    private(set) var columns: [Role: Int] = [:]

    init(header: [String], rows: [Row]) {
        self.header = header
        self.rows = rows
        for (index, title) in header.enumerated() {
            guard let role = role(ofColumn: index, title: title.lowercased()), columns[role] == nil else { continue }
            columns[role] = index
        }
        // An escalation table without an "Escalate To" column names whom in its contact column.
        if columns[.escalateTo] == nil, columns[.escalateAfter] != nil, let contact = columns[.contact] {
            columns[.escalateTo] = contact
            columns[.contact] = nil
        }
    }

    func column(_ role: Role) -> Int? { columns[role] }

    /// Whether the table defines severities: a column of severity names.
    var isSeverityTable: Bool { columns[.severity] != nil }

    /// Whether the table says whom to escalate to or when.
    var isEscalationTable: Bool { columns[.escalateTo] != nil || columns[.escalateAfter] != nil }

    private func role(ofColumn index: Int, title: String) -> Role? {
        func has(_ words: [String]) -> Bool { words.contains(where: title.contains) }
        if has(["escalat"]) {
            if has(["after", "time", "when", "window", "within", "delay"]) { return .escalateAfter }
            return .escalateTo
        }
        if has(["resol", "restor", "fix time", "mttr"]) { return .resolution }
        if has(["respon", "ack", "sla", "target", "time to", "reaction"]) { return .response }
        if has(["severity", "priority", "sev", "level", "tier", "class"]) {
            return cellsNameSeverities(index) ? .severity : .tier
        }
        if has(["condition", "trigger", "when", "situation", "if "]) || title == "if" { return .condition }
        if has(["after", "wait", "delay", "minute", "within", "time"]) { return .escalateAfter }
        if has(["contact", "who", "owner", "team", "person", "name", "role", "on-call", "oncall", "phone", "email",
                "slack", "pager", "notify"])
        {
            return .contact
        }
        if has(["descr", "impact", "defin", "criteria", "meaning", "example", "summary", "symptom"]) { return .description }
        return nil
    }

    /// Whether most non-empty cells of a column name a severity (`P1`, `SEV-2`, `Critical`).
    private func cellsNameSeverities(_ index: Int) -> Bool {
        let cells = rows.compactMap { $0.cell(index) }
        guard !cells.isEmpty else { return false }
        let named = cells.count { Self.severityName(in: $0) != nil }
        return named * 2 >= cells.count
    }

    /// The severity a cell names, and what else it says: "SEV-1 (Critical)" → ("SEV1", "Critical").
    static func severityName(in cell: String) -> (name: String, description: String)? {
        if let token = RunbookPhrases.severityTokens(in: cell).first {
            return (token.name, RunbookPhrases.severityDescription(cell, removing: token.range))
        }
        if let level = RunbookPhrases.leadingLevelWord(in: cell) {
            return (level.name, RunbookPhrases.severityDescription(String(level.rest), removing: nil))
        }
        return nil
    }
}
