import Foundation

/// Recorded real tool output under Tests/TriageProbesTests/Fixtures.
enum Fixture {
    static func text(_ name: String) throws -> String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name).path
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
