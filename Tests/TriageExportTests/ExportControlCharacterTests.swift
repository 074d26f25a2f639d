import Foundation
import Testing
import TriageCore
@testable import TriageExport

/// Exports quote outside text (titles, check names, probe reasons) and are printed to terminals
/// and copied through OSC 52: no character in them may act on a terminal.
@Suite struct ExportControlCharacterTests {
    static let payload = "a\u{1B}]0;PWNED\u{07}b\u{1B}]52;c;eA==\u{07}\u{1B}[2J\u{9B}31m\u{1B}P1$q\u{1B}\\\u{202E}rev\u{202C}\rcr\u{08}\u{00}\u{7F}\u{2067}z"

    @Test func textExportsShowControlsAsPicturesAndKeepEverythingElse() {
        let safe = ExportText.safe("Title: " + Self.payload + "\n\tindented — ünïcode 日本\n")
        #expect(!safe.unicodeScalars.contains(where: ExportText.isActive), "\(safe.debugDescription)")
        #expect(safe.contains("␛]0;PWNED␇"))
        #expect(safe.hasSuffix("\n\tindented — ünïcode 日本\n"))
        // Plain text is returned as it was.
        let plain = "**Status update #1: checkout 502** · P1\n- 20:30 UTC alice: note\n"
        #expect(ExportText.safe(plain) == plain)
    }

    @Test func secretsAreStillMasked() {
        #expect(ExportText.safe("token=abc\u{1B}[2J") == "token=****")
    }

    @Test func jsonEscapesC1AndBidiControlsToo() throws {
        let json = JSONValue.object([JSONField("text", .string(Self.payload))]).rendered()
        #expect(!json.unicodeScalars.contains(where: ExportText.isActive), "\(json.debugDescription)")
        #expect(json.contains("\\u009b") && json.contains("\\u202e") && json.contains("\\u001b"))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])
        #expect(decoded["text"] == Self.payload, "the JSON no longer carries the exact text")
    }
}
