/// One level of a runbook's severity scheme (`P1`, `SEV2`, `Critical`) and its response target.
public struct SeverityLevel: Sendable, Equatable, Hashable, Codable {
    /// Normalized: `P0`…`P5`, `SEV0`…`SEV5`, or a capitalized word such as `Critical`.
    public var name: String
    public var description: String
    /// Minutes within which someone must respond; `nil` when the runbook gives none.
    public var responseMinutes: Int?
    /// 1-based line where the level is defined.
    public var line: Int

    public init(name: String, description: String, responseMinutes: Int?, line: Int) {
        self.name = name
        self.description = description
        self.responseMinutes = responseMinutes
        self.line = line
    }

    enum CodingKeys: String, CodingKey { case name, description, responseMinutes, line }

    /// Writes `responseMinutes: null` rather than leaving the key out, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(responseMinutes, forKey: .responseMinutes)
        try container.encode(line, forKey: .line)
    }

    /// Whether two spellings name the same level: "SEV-1", "sev 1" and "SEV1" do; case, spaces and
    /// punctuation do not count.
    public static func sameName(_ a: String, _ b: String) -> Bool { key(a) == key(b) }

    static func key(_ name: String) -> String {
        String(name.uppercased().filter { $0.isLetter || $0.isNumber })
    }
}
