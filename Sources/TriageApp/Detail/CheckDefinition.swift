import TriageConfig
import TriageCore

/// What each configured check asks, as `label: value` rows for its detail view: the URL or argv,
/// method and expectations. Secrets are redacted (a token in a URL), header values never shown.
public enum CheckDefinition {
    public static func rows(_ configuration: TriageConfiguration?) -> [String: [(String, String)]] {
        guard let configuration else { return [:] }
        var out: [String: [(String, String)]] = [:]
        for spec in configuration.services {
            var rows = [("URL", SecretRedactor.redact(spec.url)), ("method", spec.method),
                        ("expects", "status \(spec.expectStatus.description)" + (spec.expectBody.map { ", body containing \"\(SecretRedactor.redact($0))\"" } ?? "")),
                        ("timeout", DurationText.format(spec.timeout)), ("warn above", DurationText.format(spec.warnLatency))]
            if !spec.headers.isEmpty { rows.append(("headers", spec.headers.map { $0.name + ": (hidden)" }.joined(separator: ", "))) }
            if !spec.verifyTLS { rows.append(("TLS", "not verified")) }
            out[spec.name] = rows
        }
        for spec in configuration.network {
            var rows = [("target", spec.targetText), ("timeout", DurationText.format(spec.timeout)), ("warn above", DurationText.format(spec.warnLatency))]
            if case .dns(let question) = spec.target, !question.expect.isEmpty { rows.append(("expects", question.expect.joined(separator: ", "))) }
            if case .tls = spec.target {
                rows.append(("certificate", "warn under \(DurationText.format(spec.certWarn)), crit under \(DurationText.format(spec.certCrit))"))
                if !spec.verifyTLS { rows.append(("TLS", "not verified")) }
            }
            out[spec.name] = rows
        }
        for spec in configuration.checks {
            out[spec.name] = [("argv", SecretRedactor.redact(spec.argv.map(shellWord).joined(separator: " "))),
                              ("expects", "exit \(spec.expectExit)" + (spec.expectOutput.map { ", output containing \"\(SecretRedactor.redact($0))\"" } ?? "")),
                              ("timeout", DurationText.format(spec.timeout))]
        }
        for spec in configuration.prometheus {
            out[spec.name] = [("server", SecretRedactor.redact(spec.serverURL)), ("query", spec.query),
                              ("timeout", DurationText.format(spec.timeout))]
        }
        return out
    }

    /// An argument as a shell would need it typed: bare when safe, else single-quoted.
    static func shellWord(_ word: String) -> String {
        let safe = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0) }
        return safe ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
