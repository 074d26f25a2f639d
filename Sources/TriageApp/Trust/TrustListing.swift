import Foundation
import TriageConfig
import TriageCore
import TriageStore

/// `triage trust --list`: each trusted file and whether it is still exactly what was trusted.
public enum TrustListing {
    public static func render(_ list: TrustList, read: (String) -> Data? = { FileManager.default.contents(atPath: $0) }) -> String {
        guard !list.entries.isEmpty else { return "no trusted files\n" }
        return list.entries.map { entry in
            let state: String =
                if let data = read(entry.path) {
                    contentHash(path: entry.path, contents: data) == entry.sha256 ? "trusted" : "changed (not trusted until `triage trust` again)"
                } else {
                    "missing"
                }
            return "\(TerminalSanitizer.clean(entry.path))  \(entry.sha256.prefix(12))…  \(state)\n"
        }.joined()
    }

    /// The hash `triage trust` records: of the file and everything it includes; of the bytes alone
    /// when it no longer parses (it then reads as changed).
    public static func contentHash(path: String, contents: Data) -> String {
        (try? ConfigAssembler.load(path: path, contents: contents))?.contentHash ?? ContentHash.sha256Hex(Array(contents))
    }
}
