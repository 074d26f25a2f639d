import Foundation
import Testing
import TriageCore
@testable import TriageRunbook

/// Issue 15 §6: the parser reads ASCII text on its bytes, where it used to read `Character`s and
/// ask Foundation. Each fast path must give exactly what the `Character` reading gave; these
/// compare them on random text (deterministic), with the non-ASCII cases that differ between a
/// byte and a character: a space joined to a combining mark, a prepended mark, a no-break space.
@Suite struct RunbookSizeFastPathTests {
    static let pieces = [
        " ", " ", "\t", "a", "E", "z", "0", "5", "9", ".", "!", "?", "-", "+", ":", "(", ")", "~", "_", "/",
        "min", "minutes", "Hours", "first", "FIRST", "every", "Escalate", "to", "L2", "if", "within",
        "\u{301}", "é", "\u{600}", "\u{A0}", "–", "İ",
    ]

    static func samples(count: Int, asciiOnly: Bool) -> [String] {
        var random = SplitMix64(seed: asciiOnly ? 15 : 16)
        let pieces = asciiOnly ? Self.pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : Self.pieces
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...14, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
    }

    @Test func trimmingSpacesOnBytesIsTheCharacterReading() {
        for text in Self.samples(count: 3_000, asciiOnly: false) {
            #expect(text.trimmingSpaces == text.trimmingSpacesByCharacter, "\(text.unicodeScalars.map(\.value))")
            #expect(text.trimmingWhitespaces == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func sentencesOnBytesAreTheCharacterReading() {
        for text in Self.samples(count: 3_000, asciiOnly: true) {
            #expect(RunbookPhrases.sentences(text) == RunbookPhrases.sentencesByCharacter(text), "\(text)")
        }
    }

    @Test func durationTokensOnBytesAreTheCharacterReading() {
        // A trailing " é" sends the same text down the `Character` path, and adds one word at its end.
        for text in Self.samples(count: 3_000, asciiOnly: true) {
            #expect(DurationPhrase.tokens(text) == Array(DurationPhrase.tokens(text + " é").dropLast()), "\(text)")
        }
    }

    @Test func aTextWithoutADigitOrFirstHoldsNoSpan() {
        // A span starts at a number token or the word "first": a text the byte scan rules out has neither.
        for text in Self.samples(count: 3_000, asciiOnly: false) where !DurationPhrase.mayHoldSpan(text) {
            let startsASpan = DurationPhrase.tokens(text).contains { token in
                if case .number = token { return true }
                return token == .word("first")
            }
            #expect(!startsASpan, "\(text)")
        }
        #expect(DurationPhrase.firstMinutes(in: "the FIRST hour") == 60)
        #expect(DurationPhrase.firstMinutes(in: "within 15 min") == 15)
    }

    @Test func shellLinesOnBytesAreTheCharacterReading() {
        let shell = ["if", "fi", "for", "done", "case", "esac", "{", "}", "select", "until", "'", "\"", "\\", "#", ";", "&", "|",
                     "(", ")", " ", "\t", "echo", "x", "while"]
        var random = SplitMix64(seed: 17)
        for _ in 0..<3_000 {
            let line = (0..<Int.random(in: 0...12, using: &random)).map { _ in shell.randomElement(using: &random)! }.joined()
            var bytes = ShellBlockSplitter.OpenState()
            var characters = ShellBlockSplitter.OpenState()
            // Twice, so a quote or a depth left open by the first line carries into the second.
            bytes.scanASCII(line)
            bytes.scanASCII(line)
            characters.scanCharacters(line)
            characters.scanCharacters(line)
            #expect(bytes.depth == characters.depth && bytes.quote == characters.quote, "\(line)")
        }
    }

    @Test func containsByteIsTheUTF8Search() {
        for text in Self.samples(count: 3_000, asciiOnly: false) {
            for byte: UInt8 in [0x20, 0x3A, 0x24, 0x2E, 0xCC, 0x80] {
                #expect(text.containsByte(byte) == text.utf8.contains(byte), "\(text.unicodeScalars.map(\.value))")
            }
        }
    }

    @Test func mentionsAnyIsASearchOfTheLowerCasedText() {
        let words = ["escalat", "every", "first", "min"]
        for text in Self.samples(count: 3_000, asciiOnly: true) {
            for word in words {
                #expect(RunbookPhrases.mentionsAny(text, [word]) == text.lowercased().contains(word), "\(text) \(word)")
            }
        }
    }

    /// Runbooks repeat commands: the destructive check judges each distinct text once per parse,
    /// and the commands and warnings are those of judging every block.
    @Test func destructiveCheckRunsOncePerDistinctCommandText() {
        let repeated = (1...40).map { index in
            "## Section \(index)\n\n```bash\nkubectl get pods -n prod\n```\n\n```bash\nkubectl delete pod web-0\n```\n"
        }.joined(separator: "\n")
        let text = "# Outage\n\n" + repeated + "\n```bash\nrm -rf /var/lib/app\n```\n"
        var assembler = RunbookAssembler(text: text)
        assembler.visit(document: MarkdownNode.parse(text).root)
        #expect(assembler.destructiveFindings.classified == 3)

        let runbook = RunbookParser.parse(text: text)
        #expect(runbook.allCommands.count == 81)
        for command in runbook.allCommands {
            let finding = RunbookCommand.destructiveFinding(command.code)
            #expect(command.destructive == (finding != nil) && command.destructiveReason == finding?.reason, "\(command.code)")
        }
        #expect(runbook.warnings.filter { $0.kind == .destructiveCommand }.count == 41)
    }
}
