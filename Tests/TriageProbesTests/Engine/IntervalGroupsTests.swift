import Testing
import TriageCore
@testable import TriageProbes

@Suite("IntervalGroups")
struct IntervalGroupsTests {
    @Test func groupsByEffectiveIntervalInConfigOrder() {
        let specs = [
            CommandCheckSpec(name: "a", argv: ["true"]),
            CommandCheckSpec(name: "b", argv: ["true"], interval: .seconds(30)),
            CommandCheckSpec(name: "c", argv: ["true"], interval: .seconds(2)),
            CommandCheckSpec(name: "d", argv: ["true"], interval: .seconds(30)),
        ]
        let groups = IntervalGroups.group(specs, interval: \.interval, default: .seconds(2))
        #expect(groups.map(\.interval) == [.seconds(2), .seconds(30)])
        #expect(groups.map { $0.specs.map(\.name) } == [["a", "c"], ["b", "d"]])
    }

    /// A round waits for its slowest check: checks allowed different timeouts run in separate
    /// groups, so the lab's 2 s backend is not held back every round by the 3 s `slow` endpoint.
    @Test func checksWithDifferentTimeoutsRunInSeparateGroups() {
        let specs = [
            CommandCheckSpec(name: "fast", argv: ["true"], timeout: .seconds(2)),
            CommandCheckSpec(name: "slow", argv: ["true"], timeout: .seconds(5)),
            CommandCheckSpec(name: "fast2", argv: ["true"], timeout: .seconds(2)),
            CommandCheckSpec(name: "hourly", argv: ["true"], timeout: .seconds(9), interval: .seconds(3600)),
        ]
        let groups = IntervalGroups.group(specs, interval: \.interval, timeout: \.timeout, default: .seconds(2))
        #expect(groups.map { $0.specs.map(\.name) } == [["fast", "fast2"], ["slow"], ["hourly"]])
        #expect(groups.map(\.label) == ["every 2s, timeout 2s", "every 2s, timeout 5s", "every 1h"])
        let suite = ServiceCheckSuite(
            http: [HTTPCheckSpec(name: "backend", url: "http://127.0.0.1:1/", timeout: .seconds(2)),
                   HTTPCheckSpec(name: "slow", url: "http://127.0.0.1:1/", timeout: .seconds(5))],
            commands: [], prometheus: [])
        #expect(suite.probes(refresh: .seconds(2)).map(\.names) == [["backend"], ["slow"]])
    }
}
