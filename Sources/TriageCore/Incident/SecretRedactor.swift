import Foundation

/// Masks credentials in text before it is stored in the timeline or exported.
///
/// Command output and notes pasted during an outage routinely carry passwords and tokens, and the
/// timeline is later shared widely (post-mortems). Each rule replaces only the secret value with
/// `****` and keeps the name, scheme and quoting, so the text still reads right; everything else is
/// left byte for byte. Redacting already redacted text changes nothing. Over-redaction is preferred
/// to a leak where a rule cannot tell (`ssh -p2222` loses its port; `find -print` is kept), but
/// prose stays: "password reset emails are failing", "token bucket refill slow".
///
/// The rules are patterns for shapes (headers, URLs with credentials, PEM blocks, well-known token
/// formats; `SecretRedactor+Rules.swift`) and one scanner for `name = value` pairs
/// (`KeyValueSecretScanner`). It is on a hot path (`triage check --json` redacts every URL of
/// 10,000 services), so a rule runs only when the text holds one of its trigger words, and every
/// rule is linear in the text: no unbounded pattern is tried from every position.
public enum SecretRedactor {
    /// The mask that replaces every secret value.
    public static let mask = "****"

    /// Returns `text` with every recognised secret value replaced by `****`.
    public static func redact(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        // Triggers are looked up in the original text: a rule only ever replaces a value with the
        // mask, so it never brings in another rule's trigger.
        let lowered = LoweredBytes(text)
        var result = text
        for rule in rules where lowered.containsAny(rule.triggers) {
            result = rule.apply(to: result)
        }
        if lowered.containsAny(scannerTriggers) {
            result = KeyValueSecretScanner.redact(result)
        }
        return result
    }

    /// Words one of which every sensitive name holds (see `SecretKeyName`).
    static let scannerTriggers = LoweredBytes.triggers([
        "pass", "pwd", "secret", "token", "key", "session", "sessid", "cookie", "auth", "credential", "sig",
    ])

    /// One pattern, the words without which it cannot match, and how to rebuild a match with the
    /// secret masked (nil keeps the match as it was).
    struct Rule: Sendable {
        let pattern: String
        let triggers: [[UInt8]]
        let rebuild: @Sendable ([Substring?]) -> String?

        /// - Parameter triggers: lower-case; the rule runs when the lower-cased text holds any.
        init(_ pattern: String, triggers: [String], rebuild: @escaping @Sendable ([Substring?]) -> String?) {
            self.pattern = pattern
            self.triggers = LoweredBytes.triggers(triggers)
            self.rebuild = rebuild
        }

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
        /// (perf, debug build). A thread's own copy is only ever used by that thread. Unicode scalars
        /// and simple word boundaries (`\w` next to `\W`): what the patterns mean, and cheaper than
        /// grapheme clusters and UAX #29 words.
        private func compiled() -> Regex<AnyRegexOutput>? {
            let key = "triage.SecretRedactor." + pattern
            let cache = Thread.current.threadDictionary
            if let regex = cache[key] as? Regex<AnyRegexOutput> { return regex }
            guard let regex = try? Regex(pattern) else {
                assertionFailure("SecretRedactor pattern does not compile: \(pattern)")
                return nil
            }
            let tuned = regex.matchingSemantics(.unicodeScalar).wordBoundaryKind(.simple)
            cache[key] = tuned
            return tuned
        }
    }

    /// A secret value, possibly quoted: the quotes stay, the content becomes the mask.
    static func masked(_ value: Substring) -> String {
        if let first = value.first, first == "\"" || first == "'", value.count >= 2, value.last == first {
            return "\(first)\(mask)\(first)"
        }
        return mask
    }

    /// The text's UTF-8 bytes with ASCII letters lower-cased, for the trigger look-up.
    struct LoweredBytes {
        let bytes: [UInt8]

        init(_ text: String) {
            bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        }

        static func triggers(_ words: [String]) -> [[UInt8]] { words.map { Array($0.lowercased().utf8) } }

        func containsAny(_ words: [[UInt8]]) -> Bool {
            bytes.withUnsafeBufferPointer { text in
                words.contains { word in Self.find(word, in: text) }
            }
        }

        private static func find(_ word: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let first = word.first, word.count <= text.count else { return word.isEmpty }
            var index = 0
            let last = text.count - word.count
            while index <= last {
                if text[index] == first {
                    var matched = 1
                    while matched < word.count, text[index + matched] == word[matched] { matched += 1 }
                    if matched == word.count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
