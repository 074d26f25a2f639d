import Foundation
import Testing
@testable import TriageExport

@Suite struct OSC52Tests {
    @Test func plainSequenceOutsideTmux() {
        #expect(OSC52.sequence(for: "hello", insideTmux: false) == "\u{1B}]52;c;aGVsbG8=\u{07}")
    }

    @Test func payloadIsUTF8Base64() throws {
        let text = "Status update #2 — P1 🔥 héllo\nline two"
        let sequence = OSC52.sequence(for: text, insideTmux: false)
        let payload = try #require(sequence.firstMatch(of: /\x1B\]52;c;([A-Za-z0-9+\/=]+)\x07/)?.1)
        let decoded = try #require(Data(base64Encoded: String(payload)))
        #expect(String(decoding: decoded, as: UTF8.self) == text)
    }

    @Test func insideTmuxSendsPlainThenPassthrough() {
        let sequence = OSC52.sequence(for: "hello", insideTmux: true)
        let plain = "\u{1B}]52;c;aGVsbG8=\u{07}"
        #expect(sequence == plain + "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGVsbG8=\u{07}\u{1B}\\")
    }

    @Test func sizeLimitAndTmuxDetection() {
        #expect(OSC52.fits(String(repeating: "a", count: 70_000)))
        #expect(!OSC52.fits(String(repeating: "a", count: 80_000)))
        #expect(OSC52.isInsideTmux(environment: ["TMUX": "/tmp/tmux-0/default,123,0"]))
        #expect(!OSC52.isInsideTmux(environment: ["TMUX": ""]))
        #expect(!OSC52.isInsideTmux(environment: [:]))
    }
}
