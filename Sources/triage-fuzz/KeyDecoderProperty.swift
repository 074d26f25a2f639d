import TriageUI

/// Decodes every 5-byte record of the input as one `wget_wch` result: a 32-bit code and the
/// function-key flag. Beyond not trapping, a decoded character key is never a control character.
enum KeyDecoderProperty {
    static func check(_ bytes: [UInt8]) {
        var index = 0
        while index + 5 <= bytes.count {
            let code = UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
            let isFunctionKey = bytes[index + 4] & 1 == 1
            let key = KeyDecoder.decode(code, isFunctionKey: isFunctionKey)
            if let key { _ = "\(key)" }
            if case .char(let character)? = key {
                for scalar in character.unicodeScalars {
                    precondition(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value),
                                 "control U+\(String(scalar.value, radix: 16)) decoded as a character key")
                }
            }
            index += 5
        }
    }
}
