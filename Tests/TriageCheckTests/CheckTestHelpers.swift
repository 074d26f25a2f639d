import Foundation
import Testing

/// Reading `triage check --json` documents in tests.
enum CheckJSON {
    static func entries(_ document: [String: Any], _ key: String) -> [[String: Any]] {
        document[key] as? [[String: Any]] ?? []
    }

    static func entry(_ document: [String: Any], _ key: String, named name: String) -> [String: Any]? {
        entries(document, key).first { $0["name"] as? String == name }
    }

    static let order = ["ok", "unknown", "warn", "crit"]

    /// The exit status the report must give when the probes' worst state is `worst`, given the host's
    /// own state (a busy test machine may well be over its load threshold).
    static func expectedExit(worst: String, document: [String: Any]) -> Int32 {
        let host = (document["host"] as? [String: Any])?["state"] as? String ?? "unknown"
        let combined = max(order.firstIndex(of: worst) ?? 0, order.firstIndex(of: host) ?? 1)
        return [0, 1, 1, 2][combined]
    }

    /// Every entry of every list carries name and state, and a reason exactly when not ok.
    static func expectWellFormed(_ document: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(document["schemaVersion"] as? Int == 2, sourceLocation: sourceLocation)
        for key in ["services", "checks", "prometheus", "containers", "pods", "nodes"] {
            guard let list = document[key] as? [[String: Any]] else {
                Issue.record("\(key) is not an array", sourceLocation: sourceLocation)
                continue
            }
            for item in list {
                let state = item["state"] as? String ?? "?"
                #expect(item["name"] is String, "\(key) entry without a name: \(item)", sourceLocation: sourceLocation)
                #expect(order.contains(state), "\(key) entry with state \(state)", sourceLocation: sourceLocation)
                #expect((item["reason"] != nil) == (state != "ok"), "\(key) entry reason vs state: \(item)", sourceLocation: sourceLocation)
            }
        }
        let host = document["host"] as? [String: Any]
        #expect(host?["name"] is String && host?["state"] is String, "host: \(String(describing: host))", sourceLocation: sourceLocation)
        let summary = document["summary"] as? [String: Any]
        #expect(summary?["state"] is String && summary?["exitStatus"] is Int, sourceLocation: sourceLocation)
    }
}
