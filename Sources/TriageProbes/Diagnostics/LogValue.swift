import Foundation
import TriageCore

/// One value of a `LogFile` line, written so the line stays one line and parses back: a plain word
/// as it is, anything else as a JSON string. Text passes `SecretRedactor`.
public struct LogValue: Sendable, Equatable {
    public let text: String

    public static func int(_ value: Int) -> LogValue { LogValue(text: String(value)) }

    public static func string(_ value: String) -> LogValue {
        let redacted = SecretRedactor.redact(value)
        let plain = !redacted.isEmpty && redacted.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && scalar.value > 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" && scalar != "="
        }
        return LogValue(text: plain ? redacted : JSONWriter.quoted(redacted))
    }

    /// A command line as one string, arguments with spaces or quotes in single quotes, redacted as a
    /// whole: `SecretRedactor`'s command-line rules need a flag and its value together
    /// (`-u admin:secret`, `redis-cli -a secret`, `Authorization: Bearer …`).
    public static func argv(_ arguments: [String]) -> LogValue {
        let line = arguments.map { argument in
            argument.isEmpty || argument.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" || $0 == "\t" })
                ? "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'" : argument
        }.joined(separator: " ")
        return LogValue(text: JSONWriter.quoted(SecretRedactor.redact(line)))
    }
}
