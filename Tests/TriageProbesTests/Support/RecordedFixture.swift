import Foundation
import Testing

/// Loads a file from Tests/TriageProbesTests/Fixtures (recorded from the real tools, or hand-made odd cases).
enum RecordedFixture {
    static func data(_ name: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            "fixture \(name) is missing from Tests/TriageProbesTests/Fixtures")
        return try Data(contentsOf: url)
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    /// The modification-free "now" of a recorded fixture: the newest timestamp is near it.
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }
}
