import ArgumentParser
import TriageCore

/// A duration on the command line (`--refresh`, `--timeout`): `DurationText`'s grammar (500ms, 2s,
/// 1m, 1h30m), the same parser as the config's durations, and the same error for every option.
///
/// Options take it through `transform: DurationArgument.parser(atLeast:)` rather than only
/// `init?(argument:)`, because the argument parser prints a thrown error's reason after
/// "The value 'x' is invalid for '--option <duration>'" and says nothing for a nil.
struct DurationArgument: ExpressibleByArgument, Sendable, Equatable {
    let duration: Duration

    init(_ duration: Duration) { self.duration = duration }

    init?(argument: String) {
        guard let parsed = try? Self.parse(argument, atLeast: nil) else { return nil }
        self = parsed
    }

    /// The reason a value was refused, printed by the argument parser after the value and option.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses `text`, refusing durations below `minimum` (nil: any, zero included).
    static func parse(_ text: String, atLeast minimum: Duration?) throws(Refusal) -> DurationArgument {
        let duration: Duration
        do {
            duration = try DurationText.parse(text)
        } catch {
            throw Refusal(description: OutsideText.inline(error.description))
        }
        if let minimum, duration < minimum {
            throw Refusal(description: "must be at least \(DurationText.format(minimum))")
        }
        return DurationArgument(duration)
    }

    /// The transform an option passes to the argument parser.
    static func parser(atLeast minimum: Duration?) -> @Sendable (String) throws -> DurationArgument {
        { text in try parse(text, atLeast: minimum) }
    }
}
