import TriageUI

/// Decodes every 5-byte record of the input as one `wget_wch` result: a 32-bit code and a flag byte.
/// Bit 0 of the flag is ncurses' function-key flag; bits 1–2 turn the record into the paste start
/// (01) or end (10) marker code; bit 3 lets 2 s pass before it (past the paste quiet limit), so
/// cut-off pastes are reached too. Each record goes through `KeyDecoder.decode` and through an
/// `InputDecoder` that lives across the whole input.
///
/// Beyond not trapping: a decoded character key is never a control character; nothing read inside
/// a paste comes out as a key (a resize excepted, which is no byte of it); a paste comes out only
/// at its end marker or after the quiet limit, and its text holds no control character but `\n`
/// and `\t` and no more than `InputDecoder.maxPasteScalars` characters.
enum KeyDecoderProperty {
    static func check(_ bytes: [UInt8]) {
        var decoder = InputDecoder()
        var now = ContinuousClock.now
        var index = 0
        while index + 5 <= bytes.count {
            var code = UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
            let flags = bytes[index + 4]
            var isFunctionKey = flags & 1 == 1
            let key = KeyDecoder.decode(code, isFunctionKey: isFunctionKey)
            if let key { _ = "\(key)" }
            checkCharacterKey(key)

            switch (flags >> 1) & 3 {
            case 1: code = InputDecoder.pasteStartCode; isFunctionKey = true
            case 2: code = InputDecoder.pasteEndCode; isFunctionKey = true
            default: break
            }
            if flags & 8 != 0 {
                now += .seconds(2)
                let wasInPaste = decoder.isInPaste
                let expired = decoder.expire(at: now)
                precondition(expired == nil || wasInPaste, "a paste came out of expire with none open")
                if case .paste(let text, let ended, let dropped)? = expired {
                    precondition(!ended, "a paste that expired was marked ended")
                    checkPaste(text, dropped: dropped)
                }
                precondition(!decoder.isInPaste, "a paste quiet past the limit stayed open")
            }
            let wasInPaste = decoder.isInPaste
            let isEndMarker = isFunctionKey && code == InputDecoder.pasteEndCode
            switch decoder.feed(code, isFunctionKey: isFunctionKey, at: now) {
            case .key(let decoded)?:
                precondition(!wasInPaste || decoded == .resize, "\(decoded) came out as a key in the middle of a paste")
                checkCharacterKey(decoded)
            case .paste(let text, let ended, let dropped)?:
                precondition(wasInPaste && isEndMarker && ended, "a paste came out without its end marker")
                checkPaste(text, dropped: dropped)
            case nil:
                break
            }
            index += 5
        }
    }

    static func checkCharacterKey(_ key: Key?) {
        if case .char(let character)? = key {
            for scalar in character.unicodeScalars {
                precondition(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value),
                             "control U+\(String(scalar.value, radix: 16)) decoded as a character key")
            }
        }
    }

    static func checkPaste(_ text: String, dropped: Int) {
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            precondition(scalar == "\n" || scalar == "\t" || (scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value)),
                         "control U+\(String(scalar.value, radix: 16)) in pasted text")
        }
        precondition(count <= InputDecoder.maxPasteScalars, "a paste of \(count) characters passed the cap")
        precondition(dropped >= 0)
    }
}
