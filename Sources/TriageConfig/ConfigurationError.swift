import TriageCore

/// One problem in a config file, located to the character: `triage.yaml:7:14: services[0].timeout: …`.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The key path, e.g. `services[0].timeout`; empty for file-level problems.
    public var key: String
    public var message: String

    public init(file: String, line: Int, column: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// One line for stderr. The file name, key and message quote the config's own text (a value
    /// may hold `ESC ] 52 ; …` or a newline), so each is shown through `OutsideText.inline`: no
    /// control reaches the terminal and no value starts a line of its own.
    public var description: String {
        "\(OutsideText.inline(file)):\(line):\(column): " + (key.isEmpty ? "" : "\(OutsideText.inline(key)): ")
            + OutsideText.inline(message)
    }
}

/// Why a configuration was rejected: every problem found, in file order. Nothing starts on this error.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ConfigIssue]

    public init(issues: [ConfigIssue]) {
        self.issues = issues
    }

    public init(file: String, message: String) {
        self.issues = [ConfigIssue(file: file, line: 1, column: 1, key: "", message: message)]
    }

    /// One issue per line, ready for stderr.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
