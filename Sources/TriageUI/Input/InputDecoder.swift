/// Turns what the terminal delivers, one `wget_wch` result at a time, into keys and pasted text.
///
/// Pure and stateful: the terminal layer feeds every result with the time it was read, and calls
/// ``expire(at:)`` when a read brought nothing. Between the bracketed-paste markers (`ESC [ 200 ~`
/// and `ESC [ 201 ~`, which ncurses reports as ``pasteStartCode`` and ``pasteEndCode`` once the
/// terminal layer has bound them with `define_key`) nothing is a key: every byte is collected as
/// text and the whole paste is delivered as one ``Event/paste(_:ended:dropped:)`` when the end
/// marker comes. A newline, an Escape or an `x` inside a paste therefore never closes a prompt or
/// acts on the dashboard.
///
/// A paste whose end marker never comes (the connection dropped mid-paste) is delivered with
/// `ended == false` once nothing has arrived for ``pasteQuietLimit``, so input never stays wedged.
public struct InputDecoder: Sendable {
    public enum Event: Sendable, Equatable {
        case key(Key)
        /// Pasted text: printable characters, `\n` for every line break (CR, LF or CR LF) and `\t`.
        /// `ended` is false when the end marker never came; `dropped` counts characters beyond
        /// ``maxPasteScalars``.
        case paste(String, ended: Bool, dropped: Int)
    }

    /// The key codes the terminal layer binds the paste markers to. Far above ncurses' own codes
    /// (`KEY_MAX` is 0777, and the extended keys it numbers from there are a few hundred), and
    /// below 65536, since ncurses keeps key codes in 16 bits.
    public static let pasteStartCode: UInt32 = 0x7E00
    public static let pasteEndCode: UInt32 = 0x7E01
    /// How long an open paste may go without a byte before it is taken as cut off. Long enough that
    /// a stall mid-paste (a TCP retransmission on a poor link) does not split it, which would turn
    /// its second half into keys; short enough that a person whose keys seem lost gets them back in
    /// a second.
    public static let pasteQuietLimit: Duration = .seconds(1)
    /// The most characters one paste delivers; the rest is counted and dropped (still never keys).
    public static let maxPasteScalars = 16_384

    private var paste: String.UnicodeScalarView?
    /// Characters in `paste` (a scalar view counts in linear time).
    private var kept = 0
    private var dropped = 0
    private var lastPasteInput: ContinuousClock.Instant?
    /// The last byte of the paste was a CR: an LF right after it is the same line break.
    private var afterCarriageReturn = false

    public init() {}

    /// Whether a paste has started and not yet ended.
    public var isInPaste: Bool { paste != nil }

    /// When an open paste will count as cut off if nothing more arrives (nil with no paste open):
    /// a reader that blocks must wake by then and call ``expire(at:)``.
    public var quietDeadline: ContinuousClock.Instant? {
        guard paste != nil, let last = lastPasteInput else { return nil }
        return last + Self.pasteQuietLimit
    }

    /// Decodes one read result. Returns the key it is, the paste it ends, or nil (a byte of a paste,
    /// a marker that starts one, a stray end marker, or a code that is no key).
    public mutating func feed(_ code: UInt32, isFunctionKey: Bool, at now: ContinuousClock.Instant) -> Event? {
        if isFunctionKey && code == Self.pasteStartCode {
            // A start inside a paste is text the terminal failed to filter; the paste goes on.
            if paste == nil {
                paste = String.UnicodeScalarView()
                kept = 0
                dropped = 0
                afterCarriageReturn = false
            }
            lastPasteInput = now
            return nil
        }
        if isFunctionKey && code == Self.pasteEndCode {
            // An end without a start: the rest of a paste already taken as cut off. Not a key either.
            return paste == nil ? nil : finish(ended: true)
        }
        let key = KeyDecoder.decode(code, isFunctionKey: isFunctionKey)
        guard paste != nil else { return key.map(Event.key) }
        // A resize comes from SIGWINCH, not from the pasted bytes: the screen must still follow it.
        if key == .resize { return .key(.resize) }
        lastPasteInput = now
        append(code, isFunctionKey: isFunctionKey)
        return nil
    }

    /// Called when a read brought nothing: an open paste quiet for ``pasteQuietLimit`` ends here,
    /// with what came so far.
    public mutating func expire(at now: ContinuousClock.Instant) -> Event? {
        guard paste != nil, let last = lastPasteInput, now - last >= Self.pasteQuietLimit else { return nil }
        return finish(ended: false)
    }

    /// Forgets an open paste without delivering it (the terminal was handed back, as on suspend).
    public mutating func reset() {
        paste = nil
        kept = 0
        dropped = 0
        lastPasteInput = nil
        afterCarriageReturn = false
    }

    private mutating func finish(ended: Bool) -> Event {
        let text = String(paste ?? String.UnicodeScalarView())
        let count = dropped
        reset()
        return .paste(text, ended: ended, dropped: count)
    }

    private mutating func append(_ code: UInt32, isFunctionKey: Bool) {
        let wasAfterCarriageReturn = afterCarriageReturn
        afterCarriageReturn = false
        // ncurses decodes escape sequences inside the pasted bytes as function keys: not text.
        guard !isFunctionKey else { return }
        let scalar: Unicode.Scalar
        switch code {
        case 0x0D:
            scalar = "\n"
            afterCarriageReturn = true
        case 0x0A:
            if wasAfterCarriageReturn { return }
            scalar = "\n"
        case 0x09:
            scalar = "\t"
        default:
            // The same characters typing can produce: no C0, DEL, C1 or Escape.
            guard case .char? = KeyDecoder.decode(code, isFunctionKey: false), let printable = Unicode.Scalar(code) else { return }
            scalar = printable
        }
        if kept >= Self.maxPasteScalars {
            dropped += 1
        } else {
            paste?.append(scalar)
            kept += 1
        }
    }
}
