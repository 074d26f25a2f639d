import Testing
import TriageCore
@testable import TriageRunbook

/// Bytes as they arrive from real files: BOMs, Windows-1252, double-encoded emoji, garbage.
@Suite struct RunbookDecodingTests {
    @Test func utf8ByteOrderMarkIsStripped() {
        let runbook = RunbookParser.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("# Title\n\n- [ ] one\n".utf8), path: nil)
        #expect(runbook.title == "Title")
        #expect(runbook.allItems.map(\.line) == [3])
        #expect(!runbook.warnings.contains { $0.kind == .encoding })
    }

    @Test func doubleEncodedTextIsRepaired() {
        // "ðŸš¨ Alerts" and "Donâ€™t", as a Windows tool saves UTF-8 it read as Windows-1252.
        let text = "# ðŸš¨ Alerts\n\n- [ ] Donâ€™t panic\n- [ ] CafÃ© is open â€” ok\n- [ ] café stays café\n"
        let runbook = RunbookParser.parse(bytes: Array(text.utf8), path: nil)
        #expect(runbook.title == "🚨 Alerts")
        #expect(runbook.allItems.map(\.text) == ["Don’t panic", "Café is open — ok", "café stays café"])
        #expect(runbook.warnings.contains { $0.kind == .encoding && $0.line == 1 })
    }

    @Test func invalidUTF8IsReadAsWindows1252() {
        // 0x92 is ’ and 0xE9 is é in Windows-1252; neither is valid UTF-8 on its own.
        let bytes: [UInt8] = Array("# Ops\n\n- [ ] Don".utf8) + [0x92] + Array("t restart the caf".utf8) + [0xE9]
            + Array("\n".utf8)
        let runbook = RunbookParser.parse(bytes: bytes, path: nil)
        #expect(runbook.allItems.map(\.text) == ["Don’t restart the café"])
        let warning = runbook.warnings.first { $0.kind == .encoding }
        #expect(warning?.line == 3)
        #expect(warning?.message.hasPrefix("2 byte(s)") == true)
    }

    @Test func utf16WithByteOrderMark() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "# Wide\n\n- [ ] task\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let runbook = RunbookParser.parse(bytes: bytes, path: nil)
        #expect(runbook.title == "Wide")
        #expect(runbook.allItems.map(\.text) == ["task"])
    }

    @Test func emptyInputGivesAnEmptyRunbook() {
        for bytes in [[], Array("\n\n\n".utf8), [0xEF, 0xBB, 0xBF]] as [[UInt8]] {
            let runbook = RunbookParser.parse(bytes: bytes, path: nil)
            #expect(runbook.sections.isEmpty)
            #expect(runbook.allItems.isEmpty)
            #expect(runbook.warnings.map(\.kind) == [.noChecklist])
        }
    }

    @Test func binaryGarbageNeverCrashes() {
        var generator = SplitMix64(seed: 0x7269_6167_6561)
        var inputs: [[UInt8]] = [Array(0...255), Array(repeating: 0, count: 1000)]
        for length in [1, 7, 64, 4096, 65536] {
            inputs.append((0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        // Markdown-shaped garbage: markers, fences and brackets in random order.
        let pieces = ["- [ ] ", "```", "~~~", "> ", "# ", "|", "\n", "\r\n", "1. ", "**", "<!--", "\t", "ðŸ", "\u{0}"]
        for _ in 0..<20 {
            inputs.append(Array((0..<500).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined().utf8))
        }
        for bytes in inputs {
            let runbook = RunbookParser.parse(bytes: bytes, path: "garbage.bin")
            #expect(!runbook.title.isEmpty)
            #expect(runbook.allItems.allSatisfy { $0.line >= 1 })
            _ = RunbookLint.text(runbook)
            _ = RunbookLint.json(runbook)
        }
    }

    @Test func deepNestingIsCutWithAWarning() {
        let quotes = String(repeating: ">", count: 5000) + " - [ ] deep\n"
        let lists = (0..<300).map { String(repeating: "  ", count: $0) + "- [ ] level \($0)" }.joined(separator: "\n")
        for text in [quotes, lists] {
            let runbook = RunbookParser.parse(text: "# Deep\n\n" + text)
            #expect(runbook.title == "Deep")
            #expect(runbook.warnings.contains { $0.kind == .nestingTooDeep })
        }
    }
}
