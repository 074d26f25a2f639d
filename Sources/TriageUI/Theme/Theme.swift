/// How one role looks: foreground, background and emphasis.
public struct RoleAppearance: Sendable, Hashable {
    public var foreground: ColorSpec
    public var background: ColorSpec
    public var emphasis: Emphasis

    public init(foreground: ColorSpec = .terminalDefault, background: ColorSpec = .terminalDefault, emphasis: Emphasis = []) {
        self.foreground = foreground
        self.background = background
        self.emphasis = emphasis
    }
}

/// A complete mapping from semantic roles to appearances: the one place colours live.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var appearances: [StyleRole: RoleAppearance]
    /// A monochrome theme uses no colour at all: states are carried by symbols and emphasis.
    public var monochrome: Bool

    public init(name: String, appearances: [StyleRole: RoleAppearance], monochrome: Bool = false) {
        self.name = name
        self.appearances = appearances
        self.monochrome = monochrome
    }

    public func appearance(of role: StyleRole) -> RoleAppearance {
        appearances[role] ?? appearances[.normal] ?? RoleAppearance()
    }

    /// The same theme with every colour removed and emphasis kept (for `NO_COLOR` and mono terminals).
    public var withoutColor: Theme {
        var copy = self
        copy.monochrome = true
        for (role, look) in appearances {
            copy.appearances[role] = RoleAppearance(emphasis: look.emphasis.union(Theme.monochromeEmphasis[role] ?? []))
        }
        return copy
    }

    /// Emphasis that stands in for colour when there is none.
    static let monochromeEmphasis: [StyleRole: Emphasis] = [
        .crit: [.bold, .reverse], .warn: [.bold], .unknown: [.underline], .stale: [.dim], .muted: [.dim],
        .borderFocused: [.bold], .titleFocused: [.bold, .reverse], .header: [.bold, .reverse], .footer: [.reverse],
        .footerKey: [.reverse, .bold], .highlight: [.reverse, .underline], .logError: [.bold], .badge: [.reverse, .bold],
        .selection: [.reverse],
    ]
}
