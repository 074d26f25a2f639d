import Foundation

extension String {
    /// Whether the text's UTF-8 holds `byte`: `memchr` over a native string's storage, where
    /// `utf8.contains` steps an iterator a byte at a time. Asked of every item and command of a
    /// runbook (is there a `:`, a `$`, a `<`?), so it shows in the parse of a large one.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? utf8.contains(byte)
    }
}
