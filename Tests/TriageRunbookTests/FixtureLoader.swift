import Foundation

/// Reads a runbook from Fixtures/ as raw bytes, exactly as a user's file would be read.
enum FixtureLoader {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        try Array(Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
