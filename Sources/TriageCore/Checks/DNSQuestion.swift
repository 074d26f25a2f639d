/// What a DNS check asks (`dns: {name, type, server, expect}`) and what it wants to hear.
public struct DNSQuestion: Sendable, Equatable {
    public enum RecordType: String, Sendable, Equatable, CaseIterable {
        case A, AAAA, CNAME, MX, TXT
    }

    /// The name looked up, e.g. `api.example.com`.
    public var name: String
    public var type: RecordType
    /// The server asked (`10.0.0.53`, `127.0.0.1:5353`); nil: the system resolver's (dig's default).
    public var server: HostPort?
    /// Values the answer must contain, each compared without case and trailing dot (`10.0.0.7`,
    /// `10 mail.example.com`, `v=spf1 -all`); empty: any answer record will do.
    public var expect: [String]

    public init(name: String, type: RecordType = .A, server: HostPort? = nil, expect: [String] = []) {
        self.name = name
        self.type = type
        self.server = server
        self.expect = expect
    }
}
