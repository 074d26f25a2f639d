import Testing
@testable import TriageUI

/// The input decoder's bracketed-paste handling: what comes between the markers is text, never keys.
@Suite struct InputDecoderTests {
    let start = ContinuousClock.now

    /// Feeds text as ncurses reports it: one code a character, no function keys.
    static func feed(_ text: String, to decoder: inout InputDecoder, at now: ContinuousClock.Instant) -> [InputDecoder.Event] {
        text.unicodeScalars.compactMap { decoder.feed($0.value, isFunctionKey: false, at: now) }
    }

    static func marker(_ code: UInt32, _ decoder: inout InputDecoder, at now: ContinuousClock.Instant) -> InputDecoder.Event? {
        decoder.feed(code, isFunctionKey: true, at: now)
    }

    @Test func aPasteIsOneEventAndNothingInItIsAKey() {
        var decoder = InputDecoder()
        #expect(Self.marker(InputDecoder.pasteStartCode, &decoder, at: start) == nil)
        #expect(decoder.isInPaste)
        // Enter, x, y, an Escape and an arrow key (as ncurses decodes one inside the pasted bytes).
        var events = Self.feed("root cause: disk\rxyes\r\u{1B}q", to: &decoder, at: start)
        if let up = decoder.feed(UInt32(KeyDecoder.keyUp), isFunctionKey: true, at: start) { events.append(up) }
        #expect(events.isEmpty, "keys came out of a paste: \(events)")
        let end = Self.marker(InputDecoder.pasteEndCode, &decoder, at: start)
        #expect(end == .paste("root cause: disk\nxyes\nq", ended: true, dropped: 0))
        #expect(!decoder.isInPaste)
        // After the end marker, keys are keys again.
        #expect(Self.feed("x", to: &decoder, at: start) == [.key(.char("x"))])
    }

    @Test func lineBreaksBecomeNewlinesAndControlsAreDropped() {
        var decoder = InputDecoder()
        _ = Self.marker(InputDecoder.pasteStartCode, &decoder, at: start)
        _ = Self.feed("a\r\nb\nc\rd\te\u{07}\u{08}\u{7F}\u{9B}31m\u{85}\u{00}f é", to: &decoder, at: start)
        let end = Self.marker(InputDecoder.pasteEndCode, &decoder, at: start)
        #expect(end == .paste("a\nb\nc\nd\te31mf é", ended: true, dropped: 0))
    }

    @Test func outsideAPasteCodesAreKeysAndAStrayEndMarkerIsNothing() {
        var decoder = InputDecoder()
        #expect(Self.feed("x\r\u{1B}", to: &decoder, at: start) == [.key(.char("x")), .key(.enter), .key(.escape)])
        #expect(Self.marker(InputDecoder.pasteEndCode, &decoder, at: start) == nil)
        #expect(decoder.expire(at: start + .seconds(5)) == nil)
    }

    @Test func aPasteWhoseEndNeverComesIsDeliveredAfterTheQuietLimit() {
        var decoder = InputDecoder()
        _ = Self.marker(InputDecoder.pasteStartCode, &decoder, at: start)
        _ = Self.feed("cut", to: &decoder, at: start)
        // Bytes keep it open: the quiet time counts from the last one.
        _ = Self.feed(" off", to: &decoder, at: start + .milliseconds(900))
        #expect(decoder.expire(at: start + .milliseconds(1500)) == nil)
        #expect(decoder.isInPaste)
        let cut = decoder.expire(at: start + .milliseconds(900) + InputDecoder.pasteQuietLimit)
        #expect(cut == .paste("cut off", ended: false, dropped: 0))
        #expect(!decoder.isInPaste)
        // Keys work again; the end marker arriving late is not a key.
        #expect(Self.feed("n", to: &decoder, at: start + .seconds(3)) == [.key(.char("n"))])
        #expect(Self.marker(InputDecoder.pasteEndCode, &decoder, at: start + .seconds(3)) == nil)
    }

    @Test func aResizeDuringAPasteStillComesThrough() {
        var decoder = InputDecoder()
        _ = Self.marker(InputDecoder.pasteStartCode, &decoder, at: start)
        #expect(decoder.feed(UInt32(KeyDecoder.keyResize), isFunctionKey: true, at: start) == .key(.resize))
        #expect(decoder.isInPaste)
    }

    @Test func aHugePasteIsCutAndCounted() {
        var decoder = InputDecoder()
        _ = Self.marker(InputDecoder.pasteStartCode, &decoder, at: start)
        let extra = 100
        for _ in 0..<(InputDecoder.maxPasteScalars + extra) { _ = decoder.feed(0x61, isFunctionKey: false, at: start) }
        guard case .paste(let text, let ended, let dropped)? = Self.marker(InputDecoder.pasteEndCode, &decoder, at: start) else {
            Issue.record("no paste")
            return
        }
        #expect(text.unicodeScalars.count == InputDecoder.maxPasteScalars)
        #expect(ended)
        #expect(dropped == extra)
    }

    @Test func aStartMarkerInsideAPasteDoesNotRestartIt() {
        var decoder = InputDecoder()
        _ = Self.marker(InputDecoder.pasteStartCode, &decoder, at: start)
        _ = Self.feed("one ", to: &decoder, at: start)
        _ = Self.marker(InputDecoder.pasteStartCode, &decoder, at: start)
        _ = Self.feed("two", to: &decoder, at: start)
        #expect(Self.marker(InputDecoder.pasteEndCode, &decoder, at: start) == .paste("one two", ended: true, dropped: 0))
    }
}
