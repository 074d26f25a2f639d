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
}
