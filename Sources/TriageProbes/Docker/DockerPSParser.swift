import Foundation

/// Parses `docker ps -a --format '{{json .}}'` output: one JSON object per line.
///
/// Lines that are not JSON objects (warnings some engines print on stdout, blank lines) are skipped
/// and counted, so a noisy engine costs a row, not the pane; output with nothing but such lines is
/// unreadable (``Result/unreadableReason``), not an empty engine.
public enum DockerPSParser {
    public struct Result: Sendable, Equatable {
        public var entries: [DockerPSEntry]
        public var skippedLines: Int
        /// The first line that was not a container, as printed (for the reason below).
        public var firstSkippedLine: String?

        public init(entries: [DockerPSEntry], skippedLines: Int, firstSkippedLine: String? = nil) {
            self.entries = entries
            self.skippedLines = skippedLines
            self.firstSkippedLine = firstSkippedLine
        }

        /// Why the output cannot be read as a container list, or nil when it can: output with no
        /// container line at all but something else in it is not "0 containers" (a docker shim,
        /// a proxy's error page, a CLI that ignored `--format`), and must not look like an empty, healthy engine.
        public var unreadableReason: String? {
            guard entries.isEmpty, skippedLines > 0 else { return nil }
            let sample = (firstSkippedLine ?? "").prefix(80)
            return "docker ps output is not JSON: \"\(sample)\"" + (skippedLines > 1 ? " (+\(skippedLines - 1) more lines)" : "")
        }
    }

    public static func parse(_ text: String) -> Result {
        var entries: [DockerPSEntry] = []
        var skipped = 0
        var firstSkipped: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let entry = parseLine(line) else {
                skipped += 1
                if firstSkipped == nil { firstSkipped = line }
                continue
            }
            entries.append(entry)
        }
        return Result(entries: entries, skippedLines: skipped, firstSkippedLine: firstSkipped)
    }

    /// One line, or nil when it is not a JSON object with at least an ID.
    public static func parseLine(_ line: String) -> DockerPSEntry? {
        guard line.hasPrefix("{"), let data = line.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return nil }
        guard let id = LenientJSON.string(object["ID"]), !id.isEmpty else { return nil }
        // "Names" can hold several comma-separated names (links); the first is the container's own.
        let names = LenientJSON.string(object["Names"]) ?? ""
        let name = names.split(separator: ",").first.map(String.init) ?? ""
        return DockerPSEntry(
            containerID: String(id.prefix(12)), name: name.hasPrefix("/") ? String(name.dropFirst()) : name,
            image: LenientJSON.string(object["Image"]) ?? "",
            state: (LenientJSON.string(object["State"]) ?? "").lowercased(),
            status: LenientJSON.string(object["Status"]) ?? "",
            createdAt: LenientJSON.string(object["CreatedAt"]) ?? "",
            labels: LenientJSON.string(object["Labels"]) ?? "")
    }
}

/// Lenient readers for JSONSerialization values: engines disagree on types (numbers as strings).
enum LenientJSON {
    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    static func int(_ value: Any?) -> Int? {
        switch value {
        case let number as NSNumber: number.intValue
        case let text as String: Int(text)
        default: nil
        }
    }

    static func bool(_ value: Any?) -> Bool? {
        switch value {
        case let number as NSNumber: number.boolValue
        case let text as String: text == "true" ? true : (text == "false" ? false : nil)
        default: nil
        }
    }
}
