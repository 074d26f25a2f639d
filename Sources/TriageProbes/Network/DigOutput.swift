/// What dig printed for one query: the response code, the answer section and the query time.
///
/// A pure reading of dig's default output (BIND 9.18, Debian's dnsutils); the recorded fixtures
/// under Tests/TriageProbesTests/Fixtures/dig-* are what it is tested against.
public struct DigOutput: Sendable, Equatable {
    /// One answer record: owner name, type and data as dig printed them.
    public struct Record: Sendable, Equatable {
        public var name: String
        public var type: String
        public var data: String
    }

    /// `NOERROR`, `NXDOMAIN`, `SERVFAIL`, `REFUSED`; nil when no answer arrived.
    public var status: String?
    public var answers: [Record]
    /// dig's `Query time`, in milliseconds.
    public var queryMilliseconds: Int?
    /// dig's own error line when no answer came (`communications error to …: timed out`,
    /// `no servers could be reached`).
    public var error: String?

    public static func parse(_ text: String) -> DigOutput {
        var output = DigOutput(status: nil, answers: [], queryMilliseconds: nil, error: nil)
        var inAnswer = false
        var errors: [String] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                inAnswer = false
                continue
            }
            if line.hasPrefix(";; ->>HEADER<<-"), let range = line.range(of: "status: ") {
                output.status = line[range.upperBound...].prefix { $0 != "," }.trimmingCharacters(in: .whitespaces)
            } else if line == ";; ANSWER SECTION:" {
                inAnswer = true
            } else if line.hasPrefix(";; Query time:") {
                output.queryMilliseconds = Int(line.dropFirst(";; Query time:".count).split(separator: " ").first ?? "")
            } else if line.hasPrefix(";; communications error") || line.hasPrefix(";; no servers could be reached")
                || line.hasPrefix(";; connection timed out") || line.hasPrefix("dig: ")
            {
                errors.append(String(line.drop { $0 == ";" || $0 == " " }))
            } else if inAnswer, !line.hasPrefix(";") {
                // name TTL class type data…: data may hold spaces (MX priority, TXT strings).
                let fields = line.split(maxSplits: 4, whereSeparator: { $0 == " " || $0 == "\t" })
                guard fields.count == 5 else { continue }
                output.answers.append(Record(name: String(fields[0]), type: String(fields[3]), data: String(fields[4])))
            }
        }
        if output.status == nil { output.error = errors.last ?? errors.first }
        return output
    }
}
