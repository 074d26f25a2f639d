/// How much history a log source starts with when it is first followed: the `since` choice (`L` on
/// a container or pod, `t` in the source picker). Resumed runs always continue from the last line
/// shown, whatever the choice.
public enum LogWindow: Sendable, Hashable {
    /// The newest lines only (the followers' `tail`, 200 by default): the choice when none is made.
    case recentLines
    /// Everything logged in the last `seconds` (`5m`, `1h`).
    case last(seconds: Int)
    /// The whole log the engine kept.
    case everything

    /// The choices offered, in order.
    public static let choices: [LogWindow] = [.recentLines, .last(seconds: 300), .last(seconds: 3600), .everything]

    /// `last 200 lines`, `5m`, `1h`, `all`.
    public func label(tail: Int = 200) -> String {
        switch self {
        case .recentLines: return "last \(tail) lines"
        case .last(let seconds): return seconds % 3600 == 0 ? "\(seconds / 3600)h" : seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds)s"
        case .everything: return "all"
        }
    }

    /// The choice a label names (`5m`, `1h`, `all`, `last 200 lines`), nil for anything else.
    public init?(label: String) {
        guard let match = Self.choices.first(where: { $0.label() == label }) else { return nil }
        self = match
    }

    /// The choice after this one, for a key that cycles them.
    public var next: LogWindow {
        let index = Self.choices.firstIndex(of: self) ?? 0
        return Self.choices[(index + 1) % Self.choices.count]
    }
}
