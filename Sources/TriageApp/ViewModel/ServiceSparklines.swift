import Synchronization
import TriageCore
import TriageUI

/// Each check's LAST 60 chart as last drawn, with the latencies and colour it was drawn from: a
/// row made again (every frame, since a row's age moves) takes the chart while those are the same.
///
/// The chart changes only when a check records a result, at most once a round; reading 60
/// latencies as milliseconds and spelling the chart was about 0.3 M instructions of every frame with
/// 20 checks (docs/PERFORMANCE.md (n)). The latencies are compared whole, so a kept chart is the one
/// that would be drawn. Rows are made during drawing, by a `@Sendable` maker, hence the lock; they
/// are made on one thread, so it is never contended.
final class ServiceSparklines: Sendable {
    private struct Drawn {
        var latencies: [Duration?]
        var role: StyleRole
        var line: StyledLine
    }

    private struct State {
        var drawn: [String: Drawn] = [:]
        var kept = 0
        var made = 0
    }

    /// Charts kept at most: a config of more checks than this draws the extra ones each time.
    static let limit = 4_096

    private let state = Mutex(State())

    /// Charts taken as last drawn, and drawn, since this was made.
    var kept: Int { state.withLock { $0.kept } }
    var made: Int { state.withLock { $0.made } }

    /// The chart of the check `name` with `latencies`, in `role`.
    func line(name: String, latencies: [Duration?], role: StyleRole) -> StyledLine {
        let kept = state.withLock { state -> StyledLine? in
            guard let drawn = state.drawn[name], drawn.role == role, drawn.latencies == latencies else { return nil }
            state.kept += 1
            return drawn.line
        }
        if let kept { return kept }
        let line = ServicesPaneBuilder.sparkline(latencies, role: role)
        state.withLock { state in
            state.made += 1
            if state.drawn.count < Self.limit || state.drawn[name] != nil {
                state.drawn[name] = Drawn(latencies: latencies, role: role, line: line)
            }
        }
        return line
    }
}
