import TriageCore

extension JSONValue {
    /// The export's JSON document: every string value passes the secret redactor, then
    /// `JSONWriter` writes it. Redacting each string before it is escaped keeps the document
    /// valid; redacting the finished text could cut through an escaped quote.
    func rendered() -> String {
        JSONWriter.document(mappingStrings(SecretRedactor.redact))
    }
}
