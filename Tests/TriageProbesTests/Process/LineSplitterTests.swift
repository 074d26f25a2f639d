import Testing
@testable import TriageProbes

@Suite("LineSplitter")
struct LineSplitterTests {
    @Test func joinsLinesAcrossChunks() {
        var splitter = LineSplitter()
        #expect(splitter.feed(Array("ab".utf8)) == [])
        #expect(splitter.feed(Array("c\nde\r\nf".utf8)) == ["abc", "de"])
        #expect(splitter.finish() == "f")
        #expect(splitter.finish() == nil)
    }

    @Test func emptyLinesAreKept() {
        var splitter = LineSplitter()
        #expect(splitter.feed(Array("\n\nx\n".utf8)) == ["", "", "x"])
    }

    @Test func oversizedLineComesInPieces() {
        var splitter = LineSplitter(maxLineBytes: 4)
        #expect(splitter.feed(Array("abcdefghij\nk".utf8)) == ["abcd", "efgh", "ij"])
        #expect(splitter.finish() == "k")
    }

    @Test func invalidUTF8BecomesReplacement() {
        var splitter = LineSplitter()
        #expect(splitter.feed([0x61, 0xFF, 0x0A]) == ["a\u{FFFD}"])
    }
}
