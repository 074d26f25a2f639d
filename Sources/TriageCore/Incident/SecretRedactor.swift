import Foundation

/// Masks credentials in text before it is stored in the timeline or exported.
///
/// Command output and notes pasted during an outage routinely carry passwords and tokens, and the
/// timeline is later shared widely (post-mortems). Each rule replaces only the secret value with
/// `****` and keeps the name, scheme and quoting, so the text still reads right; everything else is
/// left byte for byte. Redacting already redacted text changes nothing. Over-redaction is preferred
/// to a leak where a rule cannot tell (`ssh -p2222` loses its port; `find -print` is kept).
public enum SecretRedactor {
    /// The mask that replaces every secret value.
    public static let mask = "****"

    /// Returns `text` with every recognised secret value replaced by `****`.
    public static func redact(_ text: String) -> String {
        var result = text
        for rule in rules {
            result = rule.apply(to: result)
        }
        return result
    }

    /// One pattern and how to rebuild a match with the secret masked.
    struct Rule: Sendable {
        let pattern: String
        let rebuild: @Sendable ([Substring?]) -> String?

        func apply(to text: String) -> String {
            guard let regex = compiled() else { return text }
            return text.replacing(regex) { match in
                let groups = (0..<match.output.count).map { match.output[$0].substring }
                return rebuild(groups) ?? String(match.output[0].substring ?? "")
            }
        }

        /// The compiled pattern, kept per thread.
        ///
        /// Regex is not Sendable, so one compiled value cannot be shared between threads; compiling on
        /// every call was the hot path after all: `triage check --json` redacts every URL, and on
        /// 10,000 services it spent two of its two and a half minutes compiling the same five patterns
        /// (perf, debug build). A thread's own copy is only ever used by that thread.
        private func compiled() -> Regex<AnyRegexOutput>? {
            let key = "triage.SecretRedactor." + pattern
            let cache = Thread.current.threadDictionary
            if let regex = cache[key] as? Regex<AnyRegexOutput> { return regex }
            guard let regex = try? Regex(pattern) else { return nil }
            cache[key] = regex
            return regex
        }
    }

    /// A secret value, possibly quoted: the quotes stay, the content becomes the mask.
    static func masked(_ value: Substring) -> String {
        if let first = value.first, first == "\"" || first == "'", value.count >= 2, value.last == first {
            return "\(first)\(mask)\(first)"
        }
        return mask
    }

    static let quotedOrBare = #"("[^"\r\n]*"|'[^'\r\n]*'|[^\s&;,'"]+)"#

    /// The rules, in order: header values first so `Bearer` inside them is not masked twice.
    static let rules: [Rule] = [
        // Authorization: Basic dXNlcjpwYXNz  →  Authorization: Basic ****
        Rule(pattern: #"(?i)(authorization\s*:[ \t]*)(?:(basic|bearer|token|digest|negotiate|ntlm|aws4-hmac-sha256)[ \t]+)?([^\r\n'"]*[^\s'"])"#) {
            groups in
            guard let prefix = groups[1] else { return nil }
            if let scheme = groups[2] { return "\(prefix)\(scheme) \(mask)" }
            return "\(prefix)\(mask)"
        },
        // Bearer eyJhbGciOi…  →  Bearer ****   (but "bearer token" in prose stays)
        Rule(pattern: #"(?i)\b(bearer[ \t]+)([A-Za-z0-9._~+/=\-]+)"#) { groups in
            guard let prefix = groups[1], let token = groups[2] else { return nil }
            let words: Set<String> = ["token", "tokens", "auth", "authentication", "header", "scheme"]
            if words.contains(token.lowercased()) { return nil }
            return "\(prefix)\(mask)"
        },
        // scheme://user:secret@host  →  scheme://user:****@host
        Rule(pattern: #"(?i)\b([a-z][a-z0-9+.\-]*://)([^\s:/@]+):([^\s@/]+)@"#) { groups in
            guard let scheme = groups[1], let user = groups[2] else { return nil }
            return "\(scheme)\(user):\(mask)@"
        },
        // --password X, --password=X (also --passwd, --pass)
        Rule(pattern: #"(?i)(--(?:password|passwd|pass))(=|[ \t]+)"# + quotedOrBare) { groups in
            guard let flag = groups[1], let separator = groups[2], let value = groups[3] else { return nil }
            if value.hasPrefix("-") && separator != "=" { return nil }  // the next flag, not a value
            return "\(flag)\(separator)\(masked(value))"
        },
        // mysql -psecret  →  -p****   (find's -print/-prune/-perm/-path are not passwords)
        Rule(pattern: #"(^|[\s'"])-p("[^"\r\n]*"|'[^'\r\n]*'|[^\s'"]+)"#) { groups in
            guard let lead = groups[1], let value = groups[2] else { return nil }
            let findPredicates: Set<String> = ["rint", "rint0", "rintf", "rune", "erm", "ath"]
            if findPredicates.contains(String(value)) { return nil }
            return "\(lead)-p\(masked(value))"
        },
        // PASSWORD=x, DB_PASSWORD="x", GITHUB_TOKEN=x, AWS_SECRET=x, api_key=x (names in any case)
        Rule(
            pattern: #"(?i)\b([A-Za-z0-9_]*(?:password|passwd|_token|_secret|_key)|token|secret)="#
                + quotedOrBare
        ) { groups in
            guard let name = groups[1], let value = groups[2] else { return nil }
            return "\(name)=\(masked(value))"
        },
    ]
}
