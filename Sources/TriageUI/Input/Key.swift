/// A key press, decoded from whatever the terminal delivered.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)
    case enter, tab, backTab, escape, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    case resize

    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        }
    }
}

/// Turns what `wget_wch` returns into a ``Key``: pure, so it can be tested and fuzzed without a terminal.
///
/// ncurses' key codes are part of its ABI (curses.h: `KEY_DOWN 0402` …), so they are spelled here as
/// numbers rather than imported, keeping this layer free of ncurses.
public enum KeyDecoder {
    public static let keyDown: Int32 = 0o402, keyUp: Int32 = 0o403, keyLeft: Int32 = 0o404, keyRight: Int32 = 0o405
    public static let keyHome: Int32 = 0o406, keyBackspace: Int32 = 0o407, keyF0: Int32 = 0o410
    public static let keyDC: Int32 = 0o512, keyNPage: Int32 = 0o522, keyPPage: Int32 = 0o523
    public static let keyEnter: Int32 = 0o527, keyBTab: Int32 = 0o541, keyEnd: Int32 = 0o550, keyResize: Int32 = 0o632

    /// Decodes one input. `isFunctionKey` is true when ncurses reported `KEY_CODE_YES`.
    public static func decode(_ code: UInt32, isFunctionKey: Bool) -> Key? {
        if isFunctionKey {
            switch Int32(bitPattern: code) {
            case keyDown: return .down
            case keyUp: return .up
            case keyLeft: return .left
            case keyRight: return .right
            case keyHome: return .home
            case keyEnd: return .end
            case keyBackspace: return .backspace
            case keyDC: return .delete
            case keyNPage: return .pageDown
            case keyPPage: return .pageUp
            case keyEnter: return .enter
            case keyBTab: return .backTab
            case keyResize: return .resize
            case let n where n > keyF0 && n <= keyF0 + 24: return .function(Int(n - keyF0))
            default: return nil
            }
        }
        switch code {
        case 0x0A, 0x0D: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x00: return nil
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(code + 0x60)!))
        case 0x1C...0x1F: return nil
        default:
            guard let scalar = Unicode.Scalar(code), !(0x80...0x9F).contains(code) else { return nil }
            return .char(Character(scalar))
        }
    }
}
