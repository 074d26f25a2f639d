import Foundation
import Testing
import TriageCore
@testable import TriageUI

/// Compares a rendered grid (text plus style layer) with a golden file in `Snapshots/`.
///
/// Set `TRIAGE_RECORD_SNAPSHOTS=1` to (re)write the golden files; a missing file fails the test so
/// a snapshot can never be silently created in CI.
func assertSnapshot(_ grid: CellGrid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent(name + ".txt")
    let rendered = grid.lines.map { $0 + "|" }.joined(separator: "\n") + "\n--- style ---\n" + grid.styleLayer + "\n"
    if ProcessInfo.processInfo.environment["TRIAGE_RECORD_SNAPSHOTS"] == "1" {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try rendered.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("missing snapshot \(name).txt; run with TRIAGE_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    if expected != rendered {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDiff = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        let detail = firstDiff.map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" } ?? "line counts differ"
        Issue.record("snapshot \(name) differs at \(detail)\n\nactual:\n\(rendered)", sourceLocation: sourceLocation)
    }
}

/// Widths depend on LC_CTYPE; every UI test suite calls this first.
let localeReady: Bool = DisplayWidth.prepareLocale()
