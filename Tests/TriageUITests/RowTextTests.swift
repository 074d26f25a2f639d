import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// The text a table row is made of, spelt without copies or `String(format:)` (docs/PERFORMANCE.md
/// (m)): the same characters as before, differentially against the formatter and the old loops.
@Suite struct RowTextTests {
    init() { #expect(localeReady) }

    /// Line breaks and tabs in outside text become spaces; everything else is kept as it is,
    /// wide and combining characters included. A CRLF (one `Character`) is two spaces, not let through.
    @Test func cleanTextIsOneLineWithEverythingElseKept() {
        #expect(TerminalText.clean("plain") == "plain")
        #expect(TerminalText.clean("a\nb\tc\rd") == "a b c d")
        #expect(TerminalText.clean("line\r\nnext") == "line  next")
        #expect(TerminalText.clean("数据库\t失败 é\u{301} 🔥\n") == "数据库 失败 é\u{301} 🔥 ")
        #expect(TerminalText.clean("") == "")
        for text in ["no breaks at all", "數據 ✓ ok", "\u{1b}[31mred\u{1b}[0m"] {
            #expect(TerminalText.clean(text) == text, "text without breaks is returned as it is")
        }
    }

    /// A sparkline's text is the eight block characters, right-aligned, scaled to the tallest
    /// finite value; a gap, an infinite or a NaN value is a blank.
    @Test func sparklineTextIsTheBlocksRightAligned() {
        let values: [Double?] = [0, 1, 2, 3, 4, 5, 6, 7, nil, .infinity, 3.5, -1, .nan]
        let text = Sparkline(values: values).text(width: 16)
        #expect(text == "   ▁▂▃▄▅▆▇█  ▅▁ ")
        #expect(Sparkline(values: [2, 4]).text(width: 1) == "█")
        #expect(Sparkline(values: []).text(width: 3) == "   ")
        #expect(Sparkline(values: [5, 5]).text(width: 0) == "")
    }

    /// A container's CPU and memory figures read as C's `%.1f` and `%3.0f%%` spelt them.
    @Test(arguments: [0, 0.04, 0.05, 0.15, 0.25, 12.345, 99.95, 100, 250.75, 1_234_567.89] as [Double])
    func containerFiguresReadAsCFormatted(value: Double) {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let limit: Int64 = 1 << 30
        let usage = Int64(Double(limit) * min(value, 150) / 100)
        let stats = ContainerStats(cpuPercent: value, memoryUsageBytes: usage, memoryLimitBytes: limit, memoryPercent: nil, sampledAt: now)
        let container = ContainerInfo(host: "h", containerID: "0123456789ab", name: "web", state: .running, stats: stats)
        let (cpu, memory) = ContainersPaneBuilder.figures(container, statsFailure: false, now: now)
        #expect(cpu.plainText == String(format: "%.1f", value))
        let percent = stats.memoryPercentOfLimit ?? -1
        #expect(memory.plainText == HostPaneBuilder.bytes(UInt64(usage)) + String(format: " %3.0f%%", percent))
    }
}
