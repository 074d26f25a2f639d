import Foundation
import TriageCore
import TriageUI

/// The Services detail view: what the check asks (URL or argv, expectations), what it saw last
/// (status, reason, the latency broken into phases, certificate days, a query's series) and the
/// latencies of its recent rounds.
enum ServiceDetailLines {
    static func lines(_ track: ServiceCheckTrack, definition: [(String, String)], now: Date) -> [StyledLine] {
        var out = [DetailText.field("state", "\(track.state.symbol) \(track.state)" + (track.isFlapping ? " (flapping)" : ""), track.state.styleRole),
                   DetailText.field("kind", track.kind.rawValue)]
        if let reason = track.reason { out.append(DetailText.field("reason", reason, track.state.styleRole)) }
        if let since = track.lastChange { out.append(DetailText.field("since", DetailText.time(since, now: now))) }
        for (label, value) in definition { out.append(DetailText.field(label, value)) }
        out.append("")
        guard let latest = track.latest else {
            out.append(StyledLine("no result yet: the first round is running", CellStyle(.muted)))
            return out
        }
        out.append(DetailText.heading("Last result, " + DetailText.time(latest.checkedAt, now: now)))
        switch latest.detail {
        case .http(let http):
            out.append(DetailText.field("status", http.statusCode.map { "HTTP \($0)" } ?? "no answer", http.state.styleRole, indent: 2))
            if let error = http.transportError { out.append(DetailText.field("error", error + (http.curlExitCode.map { " (curl exit \($0))" } ?? ""), .crit, indent: 2)) }
            if let matched = http.bodyMatched { out.append(DetailText.field("body", matched ? "matched" : "did not match", matched ? .normal : .crit, indent: 2)) }
            if let days = http.certificateDaysLeft { out.append(DetailText.field("certificate", "expires in \(days) days", days < 14 ? .warn : .normal, indent: 2)) }
            let t = http.timings
            out.append(DetailText.field("latency", DetailText.latency(t.total), indent: 2))
            out.append(DetailText.field("dns", DetailText.latency(t.nameLookup), indent: 4))
            out.append(DetailText.field("connect", DetailText.latency(t.connect), indent: 4))
            if t.tlsHandshake != nil { out.append(DetailText.field("tls", DetailText.latency(t.tlsHandshake), indent: 4)) }
            out.append(DetailText.field("first byte", DetailText.latency(t.firstByte), indent: 4))
        case .command(let command):
            out.append(DetailText.field("exit", command.exitCode.map { "\($0)" } ?? command.statusText, command.state.styleRole, indent: 2))
            out.append(DetailText.field("took", DetailText.latency(command.duration), indent: 2))
            if !command.outputExcerpt.isEmpty {
                out.append(DetailText.field("output", "", .muted, indent: 2))
                for line in command.outputExcerpt.split(separator: "\n").prefix(12) {
                    out.append(StyledLine("    " + TerminalText.clean(SecretRedactor.redact(String(line))), CellStyle(.muted)))
                }
            }
        case .prometheus(let query):
            out.append(DetailText.field("result", "\(query.resultType), \(query.samples.count) series", query.state.styleRole, indent: 2))
            for sample in query.samples.prefix(40) {
                out.append(StyledLine([Span("  \(sample.state.symbol) ", CellStyle(sample.state.styleRole)),
                                       Span(TerminalText.clean(sample.labelText) + " "), Span(ServicesPaneBuilder.compact(sample.value), CellStyle(.normal, [.bold]))]))
            }
        }
        let recent = track.latencies.suffix(10)
        if !recent.isEmpty {
            out.append("")
            out.append(DetailText.heading("Latency of the last \(recent.count) rounds, oldest first"))
            out.append(StyledLine("  " + recent.map { $0.map { DetailText.latency($0) } ?? "✖" }.joined(separator: "  ")))
        }
        return out
    }
}
