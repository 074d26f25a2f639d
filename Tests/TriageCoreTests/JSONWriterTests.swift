import Foundation
import Testing
import TriageCore

/// The one JSON writer of every `--json` output: what it escapes, what it leaves alone, and that a
/// parser reads back the exact text.
@Suite struct JSONWriterTests {
    static func parsedString(_ text: String) throws -> String {
        let json = JSONWriter.document(.array([.string(text)]))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String])
        return try #require(array.first)
    }

    @Test func everyC0ControlIsEscapedAndReadsBack() throws {
        for value in UInt32(0)..<0x20 {
            let text = "a" + String(Unicode.Scalar(value)!) + "b"
            let quoted = JSONWriter.quoted(text)
            let expected: String = switch value {
            case 0x0A: #""a\nb""#
            case 0x0D: #""a\rb""#
            case 0x09: #""a\tb""#
            default: "\"a\\u00" + (value < 0x10 ? "0" : "") + String(value, radix: 16) + "b\""
            }
            #expect(quoted == expected, "U+\(String(value, radix: 16))")
            #expect(try Self.parsedString(text) == text)
        }
    }

    @Test func delAndEveryC1ControlAreEscaped() throws {
        for value in [UInt32(0x7F)] + Array(UInt32(0x80)...0x9F) {
            let text = "x" + String(Unicode.Scalar(value)!) + "y"
            #expect(JSONWriter.quoted(text) == "\"x\\u00" + String(value, radix: 16) + "y\"", "U+\(String(value, radix: 16))")
            #expect(try Self.parsedString(text) == text)
        }
    }

    @Test func bidiControlsMarksAndLineSeparatorsAreEscaped() throws {
        let values: [UInt32] = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029]
        for value in values {
            let text = "p" + String(Unicode.Scalar(value)!) + "q"
            let hex = String(value, radix: 16)
            #expect(JSONWriter.quoted(text) == "\"p\\u" + String(repeating: "0", count: 4 - hex.count) + hex + "q\"", "U+\(hex)")
            #expect(try Self.parsedString(text) == text)
        }
    }

    @Test func quotesAndBackslashesAreEscapedAndSlashNever() throws {
        #expect(JSONWriter.quoted(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(JSONWriter.quoted("https://h/a/b</script>") == #""https://h/a/b</script>""#)
        #expect(try Self.parsedString("a/b\\c\"d") == "a/b\\c\"d")
    }

    @Test func emojiAndOtherTextAreWrittenAsTheyAreNotAsSurrogatePairs() throws {
        let text = "😀 👩‍👩‍👧 日本語 ünïcode — 𝄞 \u{FEFF}\u{200B}"
        #expect(JSONWriter.quoted(text) == "\"" + text + "\"")
        #expect(!JSONWriter.quoted(text).contains("\\u"))
        #expect(try Self.parsedString(text) == text)
    }

    @Test func documentsKeepKeyOrderAndWriteNumbersNullsAndEmptyContainers() throws {
        let value = JSONValue.object([
            JSONField("z", .int(-3)), JSONField("a", .double(0.25)), JSONField("whole", .double(3)),
            JSONField("nan", .number(.nan)), JSONField("none", .string(nil)), JSONField("flag", .bool(false)),
            JSONField("list", .array([])), JSONField("map", .object([])),
        ])
        #expect(JSONWriter.document(value) == """
            {
              "z": -3,
              "a": 0.25,
              "whole": 3,
              "nan": null,
              "none": null,
              "flag": false,
              "list": [],
              "map": {}
            }

            """)
        #expect(JSONWriter.serialized(.array([.int(1), .array([.null])])) == "[\n  1,\n  [\n    null\n  ]\n]")
    }

    @Test func keysAreEscapedLikeValues() throws {
        let text = JSONWriter.document(.object([JSONField("k\u{1B}\u{9B}", .string("v"))]))
        #expect(text.contains(#""k\u001b\u009b": "v""#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(parsed["k\u{1B}\u{9B}"] == "v")
    }

    @Test func mappingStringsChangesValuesNotKeys() {
        let value = JSONValue.object([JSONField("token", .array([.string("a"), .int(1)]))])
        #expect(value.mappingStrings { $0.uppercased() } == .object([JSONField("token", .array([.string("A"), .int(1)]))]))
    }

    /// A line of a message may quote outside text: its controls are pictures and its line breaks
    /// cannot start a line.
    @Test func outsideTextInlineIsOneVisibleLine() {
        let shown = OutsideText.inline("a\u{1B}]52;c;aGk=\u{07}\nb\r\nc\u{9B}2J\u{202E}")
        #expect(!shown.contains("\n") && !shown.contains("\r"))
        #expect(!shown.unicodeScalars.contains(where: TerminalControl.isControl), "\(shown.debugDescription)")
        #expect(shown == "a␛]52;c;aGk=␤b␤c␛[2J<RLO>", "\(shown)")
        #expect(OutsideText.inline("plain / text") == "plain / text")
    }

    @Test func neutralizedKeepsNewlinesAndTabsAndCleanTextByteForByte() {
        #expect(TerminalControl.neutralized("a\tb\nc — 日本") == "a\tb\nc — 日本")
        #expect(TerminalControl.neutralized("\u{1B}[2J\u{7F}\u{9B}\u{200F}") == "␛[2J␡��")
    }
}
