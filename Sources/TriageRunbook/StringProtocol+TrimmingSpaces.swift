import Foundation

extension StringProtocol {
    /// Without leading and trailing spaces and tabs: what `trimmingCharacters(in: .whitespaces)`
    /// gives for a line of a code block, without Foundation's cost on every line of a large runbook.
    ///
    /// Found on UTF-8 bytes (spaces and tabs are ASCII). A space that shares a character with a
    /// combining mark after it (or a prepended mark before it) is not trimmed when read by
    /// `Character`: where a non-ASCII byte borders a trimmed space, the text is read that way.
    var trimmingSpaces: String {
        let bytes = utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var start = bytes.startIndex
        while start != bytes.endIndex, isSpace(bytes[start]) { start = bytes.index(after: start) }
        // Forward only (`StringProtocol`'s UTF-8 view promises no more): `end` follows the last
        // byte that is not a space.
        var end = start
        var lastKept: UInt8 = 0
        var index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            index = bytes.index(after: index)
            if !isSpace(byte) {
                end = index
                lastKept = byte
            }
        }
        let startsAtMark = start != bytes.startIndex && start != end && bytes[start] >= 0x80
        let endsAtMark = end != bytes.endIndex && end != start && lastKept >= 0x80
        guard !startsAtMark, !endsAtMark else { return trimmingSpacesByCharacter }
        return String(self[start..<end])
    }

    /// `trimmingSpaces` read by `Character`, for a space next to a non-ASCII character.
    var trimmingSpacesByCharacter: String {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}

extension String {
    /// Exactly `trimmingCharacters(in: .whitespaces)`: on ASCII text (where the only such
    /// characters are the space and the tab) without Foundation, which costs a bridge per call.
    var trimmingWhitespaces: String {
        utf8.allSatisfy({ $0 < 0x80 }) ? trimmingSpaces : trimmingCharacters(in: .whitespaces)
    }
}
