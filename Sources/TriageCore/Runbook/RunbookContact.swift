/// Someone to reach during an incident ("Engineering Lead: [Contact Info]", "DBA on-call: @dba").
///
/// A contact is not a step to tick nor a timed trigger: it is shown beside the escalations.
public struct RunbookContact: Sendable, Equatable, Hashable, Codable {
    /// The role or name ("Engineering Lead").
    public var role: String
    /// How to reach them ("@lead", "[Contact Info]"); `""` when the runbook gives only the role.
    public var detail: String
    public var line: Int

    public init(role: String, detail: String, line: Int) {
        self.role = role
        self.detail = detail
        self.line = line
    }
}
