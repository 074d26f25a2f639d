/// A colour as a theme names it, before it meets a terminal.
///
/// Themes may say a name (`red`, `bright-blue`), a 256-colour index or `#rrggbb`; the terminal
/// layer maps each down to what the terminal supports (256, 8, or none).
public enum ColorSpec: Sendable, Hashable, CustomStringConvertible {
    /// The terminal's own colour (keeps a user's background and foreground).
    case terminalDefault
    case index(Int)
    case rgb(UInt8, UInt8, UInt8)

    public static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses a theme value; nil when it is not a colour.
    public init?(parsing text: String) {
        let t = text.lowercased()
        if t == "default" || t == "none" { self = .terminalDefault; return }
        if let index = ColorSpec.names[t] { self = .index(index); return }
        if let n = Int(t), (0...255).contains(n) { self = .index(n); return }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
            return
        }
        return nil
    }

    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .index(let i): "\(i)"
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// The colour in a palette of `colors` entries (256, 16 or 8); nil means the terminal default.
    public func resolved(forPalette colors: Int) -> Int? {
        switch self {
        case .terminalDefault:
            return nil
        case .index(let i):
            if i < colors { return i }
            return ColorSpec.nearestBasic(toIndex: i, colors: colors)
        case .rgb(let r, let g, let b):
            let i256 = ColorSpec.xterm256(r: r, g: g, b: b)
            return colors >= 256 ? i256 : ColorSpec.nearestBasic(toIndex: i256, colors: colors)
        }
    }

    /// Nearest entry of the xterm 6x6x6 cube or grey ramp.
    static func xterm256(r: UInt8, g: UInt8, b: UInt8) -> Int {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let (lr, lg, lb) = (level(r), level(g), level(b))
        let cube = 16 + 36 * lr + 6 * lg + lb
        let steps = [0, 95, 135, 175, 215, 255]
        let cubeError = sq(Int(r) - steps[lr]) + sq(Int(g) - steps[lg]) + sq(Int(b) - steps[lb])
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = min(23, max(0, (average - 8) / 10))
        let grey = 8 + greyIndex * 10
        let greyError = sq(Int(r) - grey) + sq(Int(g) - grey) + sq(Int(b) - grey)
        return greyError < cubeError ? 232 + greyIndex : cube
    }

    /// Maps a 256-colour index to the nearest of the first `colors` (8 or 16) ANSI colours.
    static func nearestBasic(toIndex index: Int, colors: Int) -> Int {
        let rgb = rgbOf256(index)
        let basics: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        let count = min(colors, 16)
        var best = 0, bestError = Int.max
        for (i, c) in basics.prefix(count).enumerated() {
            let error = sq(rgb.0 - c.0) + sq(rgb.1 - c.1) + sq(rgb.2 - c.2)
            if error < bestError { best = i; bestError = error }
        }
        return best
    }

    static func rgbOf256(_ index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            let table: [(Int, Int, Int)] = [
                (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
            ]
            return table[index]
        case 16..<232:
            let steps = [0, 95, 135, 175, 215, 255]
            let i = index - 16
            return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
        default:
            let v = 8 + (min(255, index) - 232) * 10
            return (v, v, v)
        }
    }
}

private func sq(_ v: Int) -> Int { v * v }
