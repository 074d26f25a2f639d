import Foundation

extension SecretRedactor {
    /// The pattern rules, in order; `KeyValueSecretScanner` runs after them.
    ///
    /// PEM blocks first, so no other rule reads key material as text; header values before the
    /// standalone `Bearer` rule, so they are not masked twice. Every pattern starts with a literal or
    /// a bounded run, and no unbounded repetition can span the text from each start, so each pass is
    /// linear (see `SecretRedactorTests.staysLinearOnAdversarialText`).
    static let rules: [Rule] = pemRules + headerRules + locatorRules + tokenShapeRules + commandLineRules

    /// A line break as the text may hold it: a newline, `<br>` in a Markdown table cell, or `\n`
    /// inside a JSON string.
    static let lineBreak = #"(?:\r?\n|<br>|\\n)"#
    static let pemLabel = #"PRIVATE KEY(?: BLOCK)?-----"#

    // MARK: PEM private keys

    static let pemRules: [Rule] = [
        // -----BEGIN RSA PRIVATE KEY-----⏎MIIE…⏎-----END RSA PRIVATE KEY-----  →  the body is ****
        // (the body cannot hold "-----", so a BEGIN without an END costs one scan to the next dashes;
        // the line breaks around the body are told apart in Swift, not by backtracking).
        Rule(
            #"(-----BEGIN [A-Z0-9 ]{0,40}"# + pemLabel + #")((?:(?!-----)[\s\S])*)(-----END [A-Z0-9 ]{0,40}"#
                + pemLabel + ")",
            triggers: ["-----begin"]
        ) { groups in
            guard let begin = groups[1], let body = groups[2], let end = groups[3] else { return nil }
            let (lead, key, trail) = splitLineBreaks(body)
            guard !key.isEmpty, key != mask else { return nil }
            return "\(begin)\(lead)\(mask)\(trail)\(end)"
        },
        // A block cut off before its END line (output kept to its first lines): the base64 lines after
        // BEGIN are masked.
        Rule(
            #"(-----BEGIN [A-Z0-9 ]{0,40}"# + pemLabel + #")((?:\s|<br>|\\n)+)([A-Za-z0-9+/=]{16,}(?:[ \t]*"#
                + lineBreak + #"[ \t]*[A-Za-z0-9+/=]+(?=[ \t]*(?:\r|\n|<br>|\\n|\z)))*)"#,
            triggers: ["-----begin"]
        ) { groups in
            guard let begin = groups[1], let gap = groups[2] else { return nil }
            return "\(begin)\(gap)\(mask)"
        },
    ]

    /// A PEM body split into the line breaks before it, the key, and the line breaks after it.
    static func splitLineBreaks(_ body: Substring) -> (Substring, Substring, Substring) {
        func breakLength(_ text: Substring, atEnd: Bool) -> Int {
            for token in ["<br>", "\\n"] where atEnd ? text.hasSuffix(token) : text.hasPrefix(token) { return token.count }
            let edge = atEnd ? text.last : text.first
            return edge.map { $0.isWhitespace ? 1 : 0 } ?? 0
        }
        var key = body
        while case let count = breakLength(key, atEnd: false), count > 0 { key = key.dropFirst(count) }
        while case let count = breakLength(key, atEnd: true), count > 0 { key = key.dropLast(count) }
        return (body[..<key.startIndex], key, body[key.endIndex...])
    }

    // MARK: Authorization and cookie headers

    /// Between a header's name and its value: `: `, `=`, or JSON's `": "` (also escaped, `\": \"`).
    static let headerSeparator = #"(\\?["']?[ \t]*[:=][ \t]*\\?["']?)"#
    /// A header value: to the end of the line, a quote, a backslash, a table pipe or `<br>`.
    static let headerValue = #"([^\r\n'"\\|<]*[^\s'"\\|<])"#

    static let headerRules: [Rule] = [
        // Authorization: Basic dXNlcjpwYXNz  →  Authorization: Basic ****   (also Proxy-Authorization,
        // "Authorization": "Bearer x", authorization=x)
        Rule(
            #"(?i)\b((?:proxy-)?authorization)"# + headerSeparator
                + #"(?:(basic|bearer|token|digest|negotiate|ntlm|aws4-hmac-sha256|apikey|sso-key|key|dpop)([ \t]+))?"#
                + headerValue,
            triggers: ["authorization"]
        ) { groups in
            guard let name = groups[1], let separator = groups[2], let value = groups[5], value != mask else {
                return nil
            }
            return "\(name)\(separator)\(groups[3] ?? "")\(groups[4] ?? "")\(mask)"
        },
        // Cookie: session=x; theme=y  →  Cookie: session=****; theme=****
        // Set-Cookie: a=b; Path=/; HttpOnly  →  Set-Cookie: a=****; Path=/; HttpOnly
        Rule(
            #"(?i)\b(set-cookie|cookie)(\\?["']?[ \t]*:[ \t]*\\?["']?)"# + headerValue,
            triggers: ["cookie"]
        ) { groups in
            guard let name = groups[1], let separator = groups[2], let value = groups[3],
                let masked = maskedCookies(value, setCookie: name.lowercased() == "set-cookie")
            else { return nil }
            return "\(name)\(separator)\(masked)"
        },
    ]

    /// A cookie header's value with each cookie's value masked (a Set-Cookie's attributes stay), or
    /// nil when it is not cookies ("cookie: see the banner").
    static func maskedCookies(_ value: Substring, setCookie: Bool) -> String? {
        guard value.contains("=") else {
            return value.contains(where: \.isWhitespace) || value == mask ? nil : mask
        }
        var parts = value.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices where !setCookie || index == 0 {
            guard let equals = parts[index].firstIndex(of: "=") else { continue }
            let cookie = parts[index][parts[index].index(after: equals)...]
            guard !cookie.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            parts[index] = String(parts[index][...equals]) + mask
        }
        let masked = parts.joined(separator: ";")
        return masked == value ? nil : masked
    }

    // MARK: Credentials in URLs and DSNs, webhook URLs

    static let locatorRules: [Rule] = [
        // scheme://user:secret@host  →  scheme://user:****@host   (also redis://:secret@host, p@ss)
        Rule(#"(?i)\b([a-z][a-z0-9+.\-]{0,30}://)([^\s:/@?#"'<>|]*):([^\s/?#"'<>|]+)@"#, triggers: ["@"]) {
            groups in
            guard let scheme = groups[1], let password = groups[3], password != mask else { return nil }
            return "\(scheme)\(groups[2] ?? ""):\(mask)@"
        },
        // Go's MySQL DSN: app:secret@tcp(db:3306)/shop  →  app:****@tcp(db:3306)/shop
        Rule(#"([A-Za-z0-9_.\-]{1,64}):([^\s@/"'(]{1,256})@(tcp|unix|udp)\("#, triggers: ["@tcp(", "@unix(", "@udp("]) {
            groups in
            guard let user = groups[1], let password = groups[2], password != mask, let net = groups[3] else {
                return nil
            }
            return "\(user):\(mask)@\(net)("
        },
        // https://hooks.slack.com/services/T0/B0/XXXX  →  https://hooks.slack.com/services/****
        Rule(#"(?i)(hooks\.slack\.com/(?:services|workflows|triggers)/)([A-Za-z0-9/_\-]+)"#, triggers: ["hooks.slack.com"]) {
            groups in
            groups[1].map { "\($0)\(mask)" }
        },
        // https://discord.com/api/webhooks/123/XXXX  →  https://discord.com/api/webhooks/123/****
        Rule(#"(?i)(discord(?:app)?\.com/api/webhooks/[0-9]+/)([A-Za-z0-9_\-]+)"#, triggers: ["/api/webhooks/"]) {
            groups in
            groups[1].map { "\($0)\(mask)" }
        },
    ]

    // MARK: Well-known token formats, wherever they stand

    /// A rule that masks a whole token of a known shape.
    static func shape(
        _ pattern: String, _ triggers: [String], accept: @escaping @Sendable (Substring) -> Bool = { _ in true }
    ) -> Rule {
        Rule(pattern, triggers: triggers) { groups in
            guard let token = groups[0], accept(token) else { return nil }
            return mask
        }
    }

    static let tokenShapeRules: [Rule] = [
        // GitHub: ghp_ (classic), gho_, ghu_, ghs_, ghr_, github_pat_ (fine-grained)
        shape(#"\b(?:gh[pousr]_[A-Za-z0-9]{10,}|github_pat_[A-Za-z0-9_]{20,})"#,
              ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
        // GitLab personal, deploy, runner, trigger, CI job, feed, OAuth, incoming-mail, agent tokens
        shape(#"\bgl(?:pat|dt|rt|ptt|cbt|ft|soat|oas|imt|agent)-[A-Za-z0-9_\-]{10,}"#,
              ["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glsoat-", "gloas-", "glimt-", "glagent-"]),
        // Slack: xoxb-, xoxp-, xoxa-, xoxs-, xoxr-, xoxe-, app-level xapp-
        shape(#"\b(?:xox[a-z]-[A-Za-z0-9\-]{6,}|xapp-[0-9]-[A-Za-z0-9\-]{8,})"#, ["xox", "xapp-"]),
        // AWS access key ids (long-term AKIA, temporary ASIA, and the other IAM prefixes)
        shape(#"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z0-9]{16}(?![A-Za-z0-9])"#,
              ["akia", "asia", "abia", "acca", "agpa", "aida", "aipa", "anpa", "anva", "apka", "aroa"]),
        // JSON Web Tokens: base64url header ({"…) . payload . signature (empty for alg none)
        shape(#"\beyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]*"#, ["eyj"]),
        // Stripe secret and restricted keys, webhook secrets (pk_ publishable keys are public)
        shape(#"\b(?:[sr]k_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{16,})"#,
              ["sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"]),
        // sk-… API keys (OpenAI, Anthropic and alike): long, letters and digits ("sk-learn" is not one)
        shape(#"\bsk-[A-Za-z0-9_\-]{20,}"#, ["sk-"]) { token in
            token.contains(where: \.isNumber) && token.dropFirst(3).contains(where: \.isLetter)
        },
        // Google API keys
        shape(#"\bAIza[0-9A-Za-z_\-]{30,}"#, ["aiza"]),
        // npm and PyPI tokens
        shape(#"\b(?:npm_[A-Za-z0-9]{30,}|pypi-AgE[A-Za-z0-9_\-]{20,})"#, ["npm_", "pypi-age"]),
        // HashiCorp Vault, DigitalOcean, Shopify, SendGrid, Grafana
        shape(#"\bhv[sbr]\.[A-Za-z0-9_\-]{20,}"#, ["hvs.", "hvb.", "hvr."]),
        shape(#"\bdo[por]_v1_[a-f0-9]{32,}"#, ["dop_v1_", "doo_v1_", "dor_v1_"]),
        shape(#"\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}"#, ["shpat_", "shpss_", "shpca_", "shppa_"]),
        shape(#"\bSG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}"#, ["sg."]),
        shape(#"\b(?:glsa_[A-Za-z0-9_]{20,}|glc_[A-Za-z0-9+/=]{20,})"#, ["glsa_", "glc_"]),
    ]

    // MARK: Command lines and loose words

    static let commandLineRules: [Rule] = [
        // Bearer eyJhbGciOi…  →  Bearer ****   (but "bearer token" in prose stays)
        Rule(#"(?i)\b(bearer[ \t]+)([A-Za-z0-9._~+/=\-]+)"#, triggers: ["bearer"]) { groups in
            guard let prefix = groups[1], let token = groups[2] else { return nil }
            let words: Set<String> = ["token", "tokens", "auth", "authentication", "header", "scheme"]
            if words.contains(token.lowercased()) { return nil }
            return "\(prefix)\(mask)"
        },
        // "token ab12cd34ef", "password hunter2": a word and a value that looks like a credential
        // (letters and digits, or long and mixed case); "token bucket", "secret santa" stay.
        Rule(#"(?i)\b(token|password|passwd|secret|api[ _\-]?key)([ \t]+)([A-Za-z0-9._~+/=\-]{6,})"#,
             triggers: ["token", "passw", "secret", "api"]) { groups in
            guard let word = groups[1], let gap = groups[2], let value = groups[3], looksLikeCredential(value) else {
                return nil
            }
            return "\(word)\(gap)\(mask)"
        },
        // mysql -psecret  →  -p****   (find's -print/-prune/-perm/-path are not passwords)
        Rule(#"(^|[\s'"])-p("[^"\r\n]*"|'[^'\r\n]*'|[^\s'"]+)"#, triggers: ["-p"]) { groups in
            guard let lead = groups[1], let value = groups[2] else { return nil }
            let findPredicates: Set<String> = ["rint", "rint0", "rintf", "rune", "erm", "ath"]
            if findPredicates.contains(String(value)) || value == mask { return nil }
            return "\(lead)-p\(masked(value))"
        },
        // curl -u admin:secret  →  -u admin:****   (docker's -u 1000:1000 is a uid and gid)
        Rule(#"(^|[\s'"])(-u|--user)([ \t]+|=)([^\s:'"]+):([^\s'"]+)"#, triggers: ["-u", "--user"]) { groups in
            guard let lead = groups[1], let flag = groups[2], let gap = groups[3], let user = groups[4],
                let password = groups[5], password != mask, !(user.allSatisfy(\.isNumber) && password.allSatisfy(\.isNumber))
            else { return nil }
            return "\(lead)\(flag)\(gap)\(user):\(mask)"
        },
        // redis-cli -h db -a secret  →  -a ****
        Rule(#"(?i)(\bredis-cli\b[^\r\n|;&]{0,256}?[ \t]-a)([ \t]+)("[^"\r\n]*"|'[^'\r\n]*'|[^\s'"]+)"#, triggers: ["redis-cli"]) {
            groups in
            guard let lead = groups[1], let gap = groups[2], let value = groups[3], value != mask else { return nil }
            return "\(lead)\(gap)\(masked(value))"
        },
        // sshpass -p secret, docker login -u bob -p secret  →  -p ****
        Rule(
            #"(?i)(\b(?:sshpass|(?:docker|podman|nerdctl|buildah|skopeo)[ \t]+login)\b[^\r\n|;&]{0,256}?[ \t]-p)([ \t]+)("[^"\r\n]*"|'[^'\r\n]*'|[^\s'"]+)"#,
            triggers: ["sshpass", "login"]
        ) { groups in
            guard let lead = groups[1], let gap = groups[2], let value = groups[3], value != mask, !value.hasPrefix("-")
            else { return nil }
            return "\(lead)\(gap)\(masked(value))"
        },
        // <password>secret</password>  →  <password>****</password>
        Rule(#"<([A-Za-z][A-Za-z0-9_.:\-]{0,63})>([^<\r\n]+)</([A-Za-z][A-Za-z0-9_.:\-]{0,63})>"#, triggers: ["</"]) {
            groups in
            guard let open = groups[1], let value = groups[2], let close = groups[3], open == close, value != mask,
                SecretKeyName.isSensitive(open.split(separator: ":").last ?? open)
            else { return nil }
            return "<\(open)>\(mask)</\(close)>"
        },
    ]

    /// Whether a word after "token" or "password" is a credential rather than English: letters and
    /// digits together, or at least 20 characters of mixed case.
    static func looksLikeCredential(_ value: Substring) -> Bool {
        let letters = value.contains(where: \.isLetter)
        let digits = value.contains(where: \.isNumber)
        if letters && digits { return true }
        return value.count >= 20 && value.contains(where: \.isUppercase) && value.contains(where: \.isLowercase)
    }
}
