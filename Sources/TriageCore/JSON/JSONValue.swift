/// A JSON document with its object keys in the order they were added.
///
/// Every `--json` output of triage (`check`, `runbook lint`, `incident list/show`, `export`) is
/// built as one of these and written by `JSONWriter`, so they all escape the same way. Key order
/// is chosen by the code that builds the document: `check` puts `name`, `state` and `reason`
/// first, exports follow their documented order, `incident` and `runbook lint` sort their keys.
/// Foundation's encoder only offers sorted or unspecified order and drops nil keys.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([JSONField])

    /// A number, or null when it is missing or not finite (JSON has no NaN).
    public static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .double(value)
    }

    public static func int(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// The value of `key` in an object; nil for other values and absent keys.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// Two-space indented text, one key per line, ending without a newline.
    public func serialized() -> String { JSONWriter.serialized(self) }

    /// The same with every string value (not key) passed through `transform`, e.g. a redactor.
    public func mappingStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .string(let text): .string(transform(text))
        case .array(let items): .array(items.map { $0.mappingStrings(transform) })
        case .object(let fields): .object(fields.map { JSONField($0.key, $0.value.mappingStrings(transform)) })
        case .null, .bool, .int, .double: self
        }
    }
}

/// One key and value of a JSON object.
public struct JSONField: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
