import Foundation
import TriageCore
import TriageUI

/// The Services detail view: what the check asks (URL, argv or DNS/TCP/TLS target, expectations),
/// what it saw last (status, reason, the latency broken into phases, certificate facts, a DNS
/// answer, a query's series) and the
/// latencies of its recent rounds.
enum ServiceDetailLines {
    static func lines(_ track: ServiceCheckTrack, definition: [(String, String)], now: Date, window: AvailabilityWindow? = nil) -> [StyledLine] {
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
            if let certificate = http.certificate {
                out += certificateLines(certificate, state: http.certificateState, now: now)
            } else if let days = http.certificateDaysLeft {
                out.append(DetailText.field("certificate", "expires in \(days) days", (http.certificateState ?? .ok) >= .warn ? .warn : .normal, indent: 2))
            }
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
        case .dns(let network), .tcp(let network), .tls(let network):
            out += networkLines(network, kind: track.kind, now: now)
        case .prometheus(let query):
            out.append(DetailText.field("result", "\(query.resultType), \(query.samples.count) series", query.state.styleRole, indent: 2))
            for sample in query.samples.prefix(40) {
                out.append(StyledLine([Span("  \(sample.state.symbol) ", CellStyle(sample.state.styleRole)),
                                       Span(TerminalText.clean(sample.labelText) + " "), Span(ServicesPaneBuilder.compact(sample.value), CellStyle(.normal, [.bold]))]))
            }
        }
        if let window {
            out.append("")
            out += availabilityLines(track.roundLog.availability(from: window.from, to: now), window: window, now: now)
        }
        let recent = track.latencies.suffix(10)
        if !recent.isEmpty {
            out.append("")
            out.append(DetailText.heading("Latency of the last \(recent.count) rounds, oldest first"))
            out.append(StyledLine("  " + recent.map { $0.map { DetailText.latency($0) } ?? "✖" }.joined(separator: "  ")))
        }
        return out
    }

    /// What a DNS, TCP or TLS check's tool reported: the answer, the connection, the certificate.
    static func networkLines(_ network: NetworkCheckResult, kind: ServiceCheckResult.Kind, now: Date) -> [StyledLine] {
        var out: [StyledLine] = []
        if kind == .dns {
            out.append(DetailText.field("status", network.dnsStatus ?? "no answer", network.state.styleRole, indent: 2))
            for answer in network.answers.prefix(20) { out.append(StyledLine("    " + TerminalText.clean(answer))) }
        }
        if kind == .tcp { out.append(DetailText.field("connection", network.state == .crit ? "failed" : "accepted", network.state.styleRole, indent: 2)) }
        if kind == .tls, let verification = network.verification {
            out.append(DetailText.field("verification", verification, verification == "ok" ? .normal : .warn, indent: 2))
        }
        if let certificate = network.certificate { out += certificateLines(certificate, state: network.certificateState, now: now) }
        out.append(DetailText.field("latency", DetailText.latency(network.duration), indent: 2))
        return out
    }

    /// % up, outages and first failure over the window, from the check's own rounds.
    static func availabilityLines(_ availability: CheckAvailability, window: AvailabilityWindow, now: Date) -> [StyledLine] {
        var out = [DetailText.heading("Availability " + window.label)]
        guard let percent = availability.upPercentText else {
            out.append(StyledLine("  no round in the window told up from down", CellStyle(.muted)))
            return out
        }
        let role: StyleRole = availability.outages.isEmpty ? .normal : .warn
        out.append(DetailText.field("up", percent, role, indent: 2))
        let longest = availability.longestOutage.map { DurationText.format(.seconds(max(1, Int($0.rounded())))) }
        out.append(DetailText.field("outages", availability.outages.isEmpty ? "none" : "\(availability.outages.count)" + (longest.map { ", longest \($0)" } ?? ""), role, indent: 2))
        if let first = availability.firstFailure { out.append(DetailText.field("first failure", DetailText.time(first, now: now), indent: 2)) }
        return out
    }

    /// Subject, issuer, not-after and days left, coloured by the check's own cert_warn/cert_crit.
    static func certificateLines(_ certificate: CertificateFacts, state: HealthState?, now: Date) -> [StyledLine] {
        let days = certificate.daysLeft(now: now)
        let role = (state ?? .ok) >= .warn ? (state ?? .ok).styleRole : .normal
        let formatter = ISO8601DateFormatter()
        return [
            DetailText.field("certificate", days < 0 ? "expired \(-days) days ago" : "expires in \(days) days", role, indent: 2),
            DetailText.field("subject", TerminalText.clean(certificate.subject), indent: 4),
            DetailText.field("issuer", TerminalText.clean(certificate.issuer), indent: 4),
            DetailText.field("not after", formatter.string(from: certificate.notAfter), indent: 4),
        ]
    }
}
