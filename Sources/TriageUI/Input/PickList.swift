/// A choice among fixed values (severity, status): arrows move, typed letters jump, Enter picks.
///
/// Nothing outside the list can be entered, so a severity can never be stored as `P1P3`. Typed
/// characters build a prefix (`P` then `3` picks `P3`); a character no value starts with, on its
/// own or after the prefix, is reported so the caller can show the list.
public struct PickList: Sendable, Equatable {
    public var options: [String]
    public var index: Int
    /// What was typed since the last move, matched against the start of each option.
    public var typed: String

    public init(options: [String], current: String? = nil) {
        self.options = options
        index = current.flatMap { value in options.firstIndex { $0.lowercased() == value.lowercased() } } ?? 0
        typed = ""
    }

    public var chosen: String? { options.indices.contains(index) ? options[index] : nil }

    public enum Outcome: Sendable, Equatable {
        case handled
        /// A typed character that leads to no option.
        case refused(Character)
        case notHandled
    }

    public mutating func handle(_ key: Key) -> Outcome {
        guard !options.isEmpty else { return .notHandled }
        switch key {
        case .up, .left: move(to: index - 1)
        case .down, .right, .tab: move(to: index + 1)
        case .home: move(to: 0)
        case .end: move(to: options.count - 1)
        case .backspace: typed = String(typed.dropLast())
        case .char(let c):
            if let match = firstOption(startingWith: typed + String(c)) {
                typed += String(c)
                index = match
            } else if let match = firstOption(startingWith: String(c)) {
                typed = String(c)
                index = match
            } else if let match = options.firstIndex(where: { $0.lowercased().contains(String(c).lowercased()) }) {
                // `3` picks `P3`: for levels that share their first letter.
                typed = ""
                index = match
            } else {
                return .refused(c)
            }
        default: return .notHandled
        }
        return .handled
    }

    private mutating func move(to target: Int) {
        index = (target % options.count + options.count) % options.count
        typed = ""
    }

    private func firstOption(startingWith prefix: String) -> Int? {
        let wanted = prefix.lowercased()
        return options.firstIndex { $0.lowercased().hasPrefix(wanted) }
    }
}
