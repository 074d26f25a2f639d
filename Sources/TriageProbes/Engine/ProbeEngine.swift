import Foundation
import Synchronization
import TriageCore

/// Runs registered probes, every one through a `ProbeLoop`: continuously for the dashboard (one
/// task per source, until `stop()`), or one round each for `triage check` (`runOnce`).
///
/// Both modes use the same registrations, deadlines and failure rules, so a check says what the
/// dashboard would. Deliveries go to one sink; the engine never touches the picture itself.
public final class ProbeEngine<C: Clock>: Sendable where C.Duration == Duration {
    public typealias Sink = @Sendable (ProbeDelivery) async -> Void

    private let clock: C
    private let wallClock: @Sendable () -> Date
    private let running = Mutex<[(loop: ProbeLoop<ProbeData, C>, task: Task<Void, Never>)]>([])

    public init(clock: C, wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
        self.wallClock = wallClock
    }

    /// Starts one loop per registration (may be called again for sources found later).
    public func start(_ registrations: [ProbeRegistration], sink: @escaping Sink) {
        for registration in registrations {
            let probe = registration.make(.continuous)
            let loop = makeLoop(registration, probe: probe, sink: sink)
            let task = Task.detached(priority: .utility) {
                await loop.run()
                await probe.stop()
            }
            running.withLock { $0.append((loop, task)) }
        }
    }

    /// The loops started so far, for counting rounds and skips.
    public var loops: [ProbeLoop<ProbeData, C>] { running.withLock { $0.map(\.loop) } }

    /// Cancels every loop (and its running round), then waits until each probe has stopped.
    public func stop() async {
        let tasks = running.withLock { list in
            defer { list.removeAll() }
            return list.map(\.task)
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// One round of every registration at once, with its deadline; deliveries in registration order.
    /// Every probe is stopped before this returns, so no child process outlives the round.
    public func runOnce(_ registrations: [ProbeRegistration]) async -> [ProbeDelivery] {
        await withTaskGroup(of: (Int, ProbeDelivery?).self) { group in
            for (index, registration) in registrations.enumerated() {
                group.addTask {
                    let probe = registration.make(.oneShot)
                    let box = Mutex<ProbeDelivery?>(nil)
                    let loop = self.makeLoop(registration, probe: probe) { delivery in box.withLock { $0 = delivery } }
                    _ = await loop.runOnce()
                    await probe.stop()
                    return (index, box.withLock { $0 })
                }
            }
            var deliveries: [(Int, ProbeDelivery)] = []
            for await (index, delivery) in group {
                if let delivery { deliveries.append((index, delivery)) }
            }
            return deliveries.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private func makeLoop(_ registration: ProbeRegistration, probe: any Probe, sink: @escaping Sink) -> ProbeLoop<ProbeData, C> {
        ProbeLoop(
            name: registration.id.description, interval: registration.interval, deadline: registration.deadline,
            hardStopTimer: probe.needsHardStopTimer, clock: clock, wallClock: wallClock, backoff: registration.backoff, failureOf: { $0.failure },
            probe: { deadline in await probe.poll(deadline: deadline) },
            deliver: { report in
                let data: ProbeData? = switch report.outcome {
                case .success(let data): data
                case .failure(let reason): probe.unanswered(reason, at: report.finishedAt)
                }
                await sink(ProbeDelivery(registration: registration, data: data, state: report.state, lastGood: report.lastGood, finishedAt: report.finishedAt))
            })
    }
}
