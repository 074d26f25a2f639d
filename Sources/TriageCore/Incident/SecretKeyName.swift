/// Whether the name in front of a value (`DB_PASSWORD=`, `"apiKey":`, `X-Auth-Token:`, `--secret`)
/// says the value is a credential.
///
/// Names are compared with case, `-`, `_` and `.` ignored, so `PGPASSWORD`, `db.password`,
/// `clientSecret`, `X-Api-Key` and `aws_secret_access_key` are all recognised by one rule. The name
/// decides, not the value: `token_bucket_size` and `session_timeout` end in a word that is no
/// secret and stay readable, while `password_file` or `secret_name` are masked (over-masking a
/// path is preferred to guessing wrong about a value).
public enum SecretKeyName {
    /// Words that make any name holding them sensitive (`PGPASSWORD`, `MYSQL_ROOT_PASSWORD`,
    /// `client_secret`, `aws_access_key_id`, `x-api-key`).
    static let anywhere = [
        "password", "passwd", "passphrase", "secret", "credential", "privatekey", "apikey", "accesskey",
    ]

    /// Words that make a name sensitive when it ends in them (`GITHUB_TOKEN`, `MYSQL_PWD`, `--pass`,
    /// `JSESSIONID`, `REDISCLI_AUTH`, `X-Amz-Signature`), but not when they only start it
    /// (`token_bucket_size`, `session_timeout`).
    static let endings = [
        "token", "pwd", "pass", "session", "sessionid", "sessid", "sessionkey", "cookie", "auth", "signature",
    ]

    /// Names that end in one of those words and are still not secrets.
    static let harmlessEndings = ["bypass", "compass", "oauth"]

    /// What comes before `_key`/`Key` in names that are identifiers rather than keys
    /// (`partition_key`, `sortKey`, `public_key`).
    static let harmlessKeyKinds: Set<String> = [
        "public", "partition", "sort", "primary", "foreign", "cache", "routing", "idempotency", "row", "hash",
        "range", "lookup", "group", "shard", "dedup", "deduplication", "message", "object", "index", "map",
    ]

    /// Whether a value named `name` is a credential. `name` is the bare name: no leading dashes,
    /// no quotes.
    public static func isSensitive(_ name: Substring) -> Bool {
        let folded = String(name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != "." })
        guard !folded.isEmpty else { return false }
        if folded == "sig" { return true }
        if anywhere.contains(where: folded.contains) { return true }
        if endings.contains(where: folded.hasSuffix), !harmlessEndings.contains(where: folded.hasSuffix) {
            return true
        }
        return isNamedKey(name)
    }

    /// `STRIPE_KEY`, `signing-key`, `encryptionKey`: a name whose last word is "key" after another
    /// word (so `MONKEY` and a bare `key` are not), unless that word names an identifier.
    static func isNamedKey(_ name: Substring) -> Bool {
        guard name.count > 3 else { return false }
        let head = name.dropLast(3)
        let last = name.suffix(3)
        let separated = head.last.map { "_-.".contains($0) } ?? false
        let camel = last == "Key" && (head.last?.isLowercase ?? false || head.last?.isNumber ?? false)
        guard last.lowercased() == "key", separated || camel else { return false }
        // The word before "key": up to a separator, or back to its capital in camel case.
        var word: [Character] = []
        for character in head.reversed().drop(while: { "_-.".contains($0) }) {
            guard character.isLetter || character.isNumber else { break }
            word.append(character)
            if camel && character.isUppercase { break }
        }
        let kind = String(word.reversed()).lowercased()
        return !kind.isEmpty && !harmlessKeyKinds.contains(kind)
    }
}
