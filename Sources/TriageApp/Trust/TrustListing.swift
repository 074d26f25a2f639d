import Foundation
import TriageCore
import TriageStore

/// `triage trust --list`: each trusted file and whether it is still exactly what was trusted.
public enum TrustListing {
    public static func render(_ list: TrustList, read: (String) -> Data? = { FileManager.default.contents(atPath: $0) }) -> String {
        guard !list.entries.isEmpty else { return "no trusted files\n" }
        return list.entries.map { entry in
            let state: String =
                if let data = read(entry.path) {
                    ContentHash.sha256Hex(Array(data)) == entry.sha256 ? "trusted" : "changed (not trusted until `triage trust` again)"
                } else {
                    "missing"
                }
            return "\(TerminalSanitizer.clean(entry.path))  \(entry.sha256.prefix(12))…  \(state)\n"
        }.joined()
    }
}
