import Glibc
import Testing
@testable import TriageCore

/// The terminal thread's wake-up pipe: a burst of raises costs one byte (one wake-up), and a raise
/// after the waiter re-armed it is never lost.
@Suite struct WakeUpSignalTests {
    /// Bytes waiting in the pipe, read without consuming the signal's state.
    func pending(_ signal: WakeSignal) -> Int {
        var count: Int32 = 0
        _ = ioctl(signal.readDescriptor, UInt(FIONREAD), &count)
        return Int(count)
    }

    func readable(_ signal: WakeSignal) -> Bool {
        var descriptor = pollfd(fd: signal.readDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 1
    }

    @Test func aBurstOfRaisesWritesOneByte() throws {
        let signal = try #require(WakeSignal())
        #expect(!readable(signal))
        for _ in 0..<10_000 { signal.raise() }
        #expect(pending(signal) == 1)
        #expect(signal.raiseCount == 10_000)
        #expect(signal.consume())
        #expect(!readable(signal))
        #expect(!signal.consume(), "nothing raised since")
    }

    @Test func aRaiseAfterConsumeWakesAgain() throws {
        let signal = try #require(WakeSignal())
        for round in 0..<100 {
            signal.raise()
            #expect(readable(signal), "round \(round): raise after consume was lost")
            signal.consume()
        }
    }

    @Test func raisesFromManyThreadsLeaveItReadableUntilConsumed() async throws {
        let signal = try #require(WakeSignal())
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { for _ in 0..<1000 { signal.raise() } } }
        }
        #expect(readable(signal))
        #expect(pending(signal) == 1)
        signal.consume()
        #expect(!readable(signal))
    }
}
