import Foundation
import Testing
import TriageCore
@testable import TriageRunbook

/// `triage runbook lint` prints a runbook's text to a terminal; a shared runbook may be hostile.
@Suite struct RunbookLintControlCharacterTests {
    static let hostile = "# T \u{1B}]0;PWNED\u{07} x\n\n## S \u{9B}31m y\n\n- [ ] item \u{202E} z\n\n```sh\necho \u{1B}[2J\n```\n"

    static func isActive(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A) || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    @Test func theTextReportShowsEscapesInsteadOfPrintingThem() {
        let text = RunbookLint.text(RunbookParser.parse(bytes: Array(Self.hostile.utf8), path: "hostile.md"))
        #expect(!text.unicodeScalars.contains(where: Self.isActive), "\(text.debugDescription)")
        #expect(text.contains("␛]0;PWNED"), "\(text)")
    }

    @Test func theJSONReportEscapesC1AndBidiAndStillDecodesToTheText() throws {
        let json = RunbookLint.json(RunbookParser.parse(bytes: Array(Self.hostile.utf8), path: "hostile.md"))
        #expect(!json.unicodeScalars.contains { Self.isActive($0) && $0 != "\n" }, "\(json.debugDescription)")
        #expect(json.contains("\\u009b") && json.contains("\\u202e"))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        #expect(String(describing: object).contains("PWNED"))
    }
}
