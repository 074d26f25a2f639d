/// A "Role: how to reach" line: "Engineering Lead: [Contact Info]", "Team Lead: @lead (if > 15 min)".
///
/// The role must name a person or team (or the value must look like a way to reach one: `@handle`,
/// an e-mail, a phone number, a `[placeholder]`, a link or a `#channel`), and it must not start with
/// an action: "Check logs: …" is an instruction, not a contact. A parenthetical "(if > 15 min)" or
/// "(after 30 minutes)" is the condition under which to reach them.
struct ContactLine: Equatable {
    var role: String
    var detail: String
    /// The parenthetical condition, without its parentheses ("if > 15 min"); nil when none.
    var condition: String?

    static let roleWords = [
        "lead", "manager", "engineer", "on-call", "oncall", "on call", "cto", "ceo", "cio", "ciso", "vp", "director",
        "owner", "team", "sre", "dba", "support", "contact", "admin", "architect", "commander", "head", "chief",
        "officer", "primary", "secondary", "backup", "escalation", "phone", "email", "e-mail", "pager", "slack",
        "channel", "developer", "devops", "security", "legal", "pr ", "communications", "executive", "founder",
        "product", "vendor", "provider", "customer success",
    ]

    static func parse(_ text: String) -> ContactLine? {
        // A byte scan first: most lines have no colon, and finding one by `Character` is slow.
        guard text.containsByte(UInt8(ascii: ":")), let colon = text.firstIndex(of: ":") else { return nil }
        let role = text[..<colon].trimmingCharacters(in: .whitespaces)
        var value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !role.isEmpty, role.count <= 40, role.split(separator: " ").count <= 5, !value.isEmpty, value.count <= 120
        else { return nil }
        if StepClassifier.startsWithAction(role) { return nil }
        var condition: String?
        if value.hasSuffix(")"), let open = value.lastIndex(of: "(") {
            let inner = value[value.index(after: open)..<value.index(before: value.endIndex)]
                .trimmingCharacters(in: .whitespaces)
            let lowered = inner.lowercased()
            if ["if", "after", "when", "unless", ">", "≥", "once", "beyond", "over"].contains(where: lowered.hasPrefix) {
                condition = inner
                value = value[..<open].trimmingCharacters(in: .whitespaces)
            }
        }
        let loweredRole = role.lowercased()
        let namesRole = roleWords.contains(where: loweredRole.contains)
        guard namesRole || looksLikeReach(value) else { return nil }
        // "Lead: Restart the service" is an instruction to the lead, not how to reach them.
        if !looksLikeReach(value), StepClassifier.startsWithAction(value) { return nil }
        return ContactLine(role: role, detail: value, condition: condition)
    }

    /// `@handle`, e-mail, phone number, `[Contact Info]`, a URL or a `#channel`.
    static func looksLikeReach(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("@") || trimmed.hasPrefix("#") || trimmed.hasPrefix("[") { return true }
        if trimmed.contains("@"), trimmed.contains(".") { return true }
        if trimmed.lowercased().hasPrefix("http") || trimmed.lowercased().hasPrefix("mailto:") { return true }
        let digits = trimmed.count(where: \.isNumber)
        return digits >= 7 && trimmed.allSatisfy { $0.isNumber || " +-().".contains($0) }
    }
}
