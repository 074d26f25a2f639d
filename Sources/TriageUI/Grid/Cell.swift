/// One terminal cell: a grapheme, its style, and how many columns it takes.
///
/// The grapheme is held as up to ``maxScalars`` Unicode scalars in the cell itself, not as a
/// `String`: a cell is then plain bits, so the 10,000 cells of a 200x50 frame are filled, copied,
/// compared and freed as memory, with no reference count touched per cell (a `String` field made
/// every copy and every comparison a call; drawing and diffing cells was a third of a frame's cost,
/// docs/PERFORMANCE.md (n)). Five scalars are what a curses cell holds (`CCHARW_MAX`), so what a
/// cell keeps is what the terminal is given: a longer grapheme (a family emoji of seven scalars,
/// a letter under a pile of combining marks) keeps its first five, as the screen always drew it.
public struct Cell: Sendable, Hashable {
    /// The scalars a cell keeps, the most a curses cell holds.
    public static let maxScalars = 5

    private var scalars: (UInt32, UInt32, UInt32, UInt32, UInt32)
    /// How many of ``scalars`` are the grapheme's; the rest are zero.
    private var scalarCount: UInt8
    public var style: CellStyle
    /// Columns the grapheme takes (1 or 2); 0 marks a continuation cell.
    public var width: UInt8

    public init(_ grapheme: String, style: CellStyle = .normal, width: UInt8 = 1) {
        scalars = (0, 0, 0, 0, 0)
        scalarCount = 0
        self.style = style
        self.width = width
        for scalar in grapheme.unicodeScalars.prefix(Self.maxScalars) { append(scalar.value) }
    }

    /// A cell of one scalar (printable ASCII, a block, a box-drawing line): no `String` made.
    public init(scalar: Unicode.Scalar, style: CellStyle = .normal, width: UInt8 = 1) {
        scalars = (scalar.value, 0, 0, 0, 0)
        scalarCount = 1
        self.style = style
        self.width = width
    }

    private mutating func append(_ value: UInt32) {
        switch scalarCount {
        case 0: scalars.0 = value
        case 1: scalars.1 = value
        case 2: scalars.2 = value
        case 3: scalars.3 = value
        default: scalars.4 = value
        }
        scalarCount += 1
    }

    /// The grapheme drawn here; empty for the right half of a wide character.
    public var grapheme: String {
        var text = String.UnicodeScalarView()
        forEachScalar { text.append($0) }
        return String(text)
    }

    /// Calls `body` with each scalar of the grapheme, in order.
    @inline(__always)
    public func forEachScalar(_ body: (Unicode.Scalar) -> Void) {
        let count = Int(scalarCount)
        withUnsafeBytes(of: scalars) { raw in
            for index in 0..<count {
                if let scalar = Unicode.Scalar(raw.load(fromByteOffset: index * 4, as: UInt32.self)) { body(scalar) }
            }
        }
    }

    public static let blank = Cell(scalar: " ")
    public var isContinuation: Bool { width == 0 }

    public static func == (lhs: Cell, rhs: Cell) -> Bool {
        lhs.scalarCount == rhs.scalarCount && lhs.width == rhs.width && lhs.style == rhs.style
            && lhs.scalars.0 == rhs.scalars.0 && lhs.scalars.1 == rhs.scalars.1 && lhs.scalars.2 == rhs.scalars.2
            && lhs.scalars.3 == rhs.scalars.3 && lhs.scalars.4 == rhs.scalars.4
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(scalarCount)
        hasher.combine(width)
        hasher.combine(style)
        hasher.combine(scalars.0)
        hasher.combine(scalars.1)
        hasher.combine(scalars.2)
        hasher.combine(scalars.3)
        hasher.combine(scalars.4)
    }
}
