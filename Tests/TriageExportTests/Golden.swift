import Foundation
import Testing

/// Compares an export with a golden file under `Golden/`; `TRIAGE_RECORD_GOLDEN=1` rewrites them.
///
/// A missing golden fails (unless recording), so a renamed test cannot pass by writing nothing.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["TRIAGE_RECORD_GOLDEN"] == "1" }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do {
                try Data(actual.utf8).write(to: url)
            } catch {
                Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "golden \(name) is missing: run with TRIAGE_RECORD_GOLDEN=1 and review the file",
                sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(expectedLines.count, actualLines.count)
            let want = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
            let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
            Issue.record(
                "\(name) differs at line \(first + 1):\n  golden: \(want)\n  actual: \(got)\n(TRIAGE_RECORD_GOLDEN=1 re-records)",
                sourceLocation: sourceLocation)
        }
    }
}
