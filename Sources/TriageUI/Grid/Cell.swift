/// One terminal column: a grapheme cluster, or the continuation of a wide one to its left.
public struct Cell: Sendable, Hashable {
    /// The grapheme drawn here; empty for the right half of a wide character.
    public var grapheme: String
    public var style: CellStyle
    /// Columns the grapheme takes (1 or 2); 0 marks a continuation cell.
    public var width: UInt8

    public init(_ grapheme: String, style: CellStyle = .normal, width: UInt8 = 1) {
        self.grapheme = grapheme
        self.style = style
        self.width = width
    }

    public static let blank = Cell(" ")
    public var isContinuation: Bool { width == 0 }
}
