/// What a cell means, not what colour it is: the theme turns roles into colours in one place.
///
/// Widgets only ever name roles, so a monochrome theme, `NO_COLOR` or a light terminal changes the
/// look without touching a widget, and snapshot tests assert meaning rather than palette indices.
public enum StyleRole: String, Sendable, CaseIterable, Codable {
    case normal
    case muted
    case accent
    case ok
    case warn
    case crit
    case unknown
    case stale
    case border
    case borderFocused = "border-focused"
    case title
    case titleFocused = "title-focused"
    case selection
    case header
    case footer
    case footerKey = "footer-key"
    case highlight
    case logTime = "log-time"
    case logError = "log-error"
    case logWarn = "log-warn"
    case badge
    case source1 = "source-1"
    case source2 = "source-2"
    case source3 = "source-3"
    case source4 = "source-4"
    case source5 = "source-5"
    case source6 = "source-6"

    /// One letter per role for the style layer of grid snapshots (`.` is normal).
    public var snapshotCode: Character {
        switch self {
        case .normal: "."
        case .muted: "m"
        case .accent: "a"
        case .ok: "g"
        case .warn: "y"
        case .crit: "r"
        case .unknown: "u"
        case .stale: "s"
        case .border: "b"
        case .borderFocused: "B"
        case .title: "t"
        case .titleFocused: "T"
        case .selection: "S"
        case .header: "h"
        case .footer: "f"
        case .footerKey: "k"
        case .highlight: "H"
        case .logTime: "l"
        case .logError: "E"
        case .logWarn: "W"
        case .badge: "!"
        case .source1: "1"
        case .source2: "2"
        case .source3: "3"
        case .source4: "4"
        case .source5: "5"
        case .source6: "6"
        }
    }

    /// Log source colours, cycled by source index.
    public static let sources: [StyleRole] = [.source1, .source2, .source3, .source4, .source5, .source6]
}

import TriageCore

extension HealthState {
    /// The role for a health state, so every pane colours states alike.
    public var styleRole: StyleRole {
        switch self {
        case .ok: .ok
        case .warn: .warn
        case .crit: .crit
        case .unknown: .unknown
        }
    }
}

/// Emphasis that survives every theme, including monochrome: how states stay legible without colour.
public struct Emphasis: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Emphasis(rawValue: 1)
    public static let reverse = Emphasis(rawValue: 2)
    public static let underline = Emphasis(rawValue: 4)
    public static let dim = Emphasis(rawValue: 8)
}

/// A cell's style: its role plus emphasis a widget adds (selection, focus).
public struct CellStyle: Sendable, Hashable {
    public var role: StyleRole
    public var emphasis: Emphasis
    public init(_ role: StyleRole = .normal, _ emphasis: Emphasis = []) {
        self.role = role
        self.emphasis = emphasis
    }
    public static let normal = CellStyle()
}
