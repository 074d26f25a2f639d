import Foundation
import Testing
import TriageCore

@Suite("CheckStateMachine")
struct CheckStateMachineTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let policy: CheckStateMachine.Policy
        let observed: [HealthState]
        let shown: [HealthState]
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "red after two failures", policy: .standard, observed: [.ok, .crit, .crit, .crit], shown: [.ok, .ok, .crit, .crit]),
        Case(label: "one failure is noise", policy: .standard, observed: [.ok, .crit, .ok, .crit, .ok], shown: [.ok, .ok, .ok, .ok, .ok]),
        Case(label: "green after one success", policy: .standard, observed: [.crit, .crit, .ok], shown: [.unknown, .crit, .ok]),
        Case(label: "warn shows at once", policy: .standard, observed: [.ok, .warn, .ok], shown: [.ok, .warn, .ok]),
        Case(label: "unknown shows at once", policy: .standard, observed: [.ok, .unknown, .ok], shown: [.ok, .unknown, .ok]),
        Case(
            label: "three to red, two to green", policy: .init(failuresToCrit: 3, successesToRecover: 2),
            observed: [.ok, .crit, .crit, .crit, .ok, .ok, .ok], shown: [.ok, .ok, .ok, .crit, .crit, .ok, .ok]),
        Case(
            label: "recovering to warn", policy: .init(successesToRecover: 2),
            observed: [.crit, .crit, .warn, .warn], shown: [.unknown, .crit, .crit, .warn]),
        Case(label: "first failure from the start", policy: .init(failuresToCrit: 1), observed: [.crit], shown: [.crit]),
    ]

    @Test(arguments: cases)
    func shownStates(_ testCase: Case) {
        var machine = CheckStateMachine(policy: testCase.policy)
        var shown: [HealthState] = []
        for (index, state) in testCase.observed.enumerated() {
            machine.record(state, at: Date(timeIntervalSince1970: Double(index)))
            shown.append(machine.state)
        }
        #expect(shown == testCase.shown)
    }

    @Test func lastChangeIsTheTimeOfTheShownChange() {
        var machine = CheckStateMachine()
        #expect(machine.lastChange == nil)
        var changes: [Bool] = []
        changes.append(machine.record(.ok, at: Date(timeIntervalSince1970: 10)))
        changes.append(machine.record(.ok, at: Date(timeIntervalSince1970: 20)))
        changes.append(machine.record(.crit, at: Date(timeIntervalSince1970: 30)))
        #expect(machine.lastChange == Date(timeIntervalSince1970: 10))
        changes.append(machine.record(.crit, at: Date(timeIntervalSince1970: 40)))
        #expect(changes == [true, false, false, true])
        #expect(machine.lastChange == Date(timeIntervalSince1970: 40))
        #expect(machine.consecutiveFailures == 2)
    }

    @Test func flappingNeedsFourChangesWithinTenRounds() {
        var machine = CheckStateMachine(policy: .init(failuresToCrit: 1))
        let t = Date(timeIntervalSince1970: 0)
        machine.record(.ok, at: t)  // first reading: not a flap
        #expect(!machine.isFlapping)
        for state in [HealthState.crit, .ok, .crit] { machine.record(state, at: t) }
        #expect(machine.recentTransitions == 3)
        #expect(!machine.isFlapping)
        machine.record(.ok, at: t)
        #expect(machine.isFlapping)
        // Ten calm rounds push the changes out of the window.
        for _ in 0..<6 { machine.record(.ok, at: t) }
        #expect(machine.isFlapping, "still 4 changes within the last 10 rounds")
        machine.record(.ok, at: t)
        #expect(!machine.isFlapping)
        #expect(machine.state == .ok)
    }

    @Test func alternatingSingleFailuresDoNotFlapWithDefaultPolicy() {
        var machine = CheckStateMachine()
        for (index, state) in [HealthState.ok, .crit, .ok, .crit, .ok, .crit, .ok].enumerated() {
            machine.record(state, at: Date(timeIntervalSince1970: Double(index)))
        }
        #expect(machine.state == .ok)
        #expect(!machine.isFlapping)
    }
}

@Suite("ValueThresholds")
struct ValueThresholdsTests {
    @Test func aboveAndBelow() {
        let errorRate = ValueThresholds(warnAbove: 0.01, critAbove: 0.05)
        #expect(errorRate.classify(0) == .ok)
        #expect(errorRate.classify(0.01) == .warn)
        #expect(errorRate.classify(0.07) == .crit)
        #expect(errorRate.explain(0.07) == "0.07 ≥ crit_above 0.05")
        let up = ValueThresholds(critBelow: 0.5)
        #expect(up.classify(1) == .ok)
        #expect(up.classify(0) == .crit)
        #expect(up.explain(0) == "0 ≤ crit_below 0.5")
        #expect(up.classify(.nan) == .unknown)
        #expect(ValueThresholds().classify(123) == .ok)
    }

    @Test func formatting() {
        #expect(ValueThresholds.format(1) == "1")
        #expect(ValueThresholds.format(0.0123456) == "0.01235")
        #expect(ValueThresholds.format(.infinity) == "+Inf")
    }
}

@Suite("LatestProbeData")
struct LatestProbeDataTests {
    @Test func keepsLastGoodDataMarkedStale() {
        var latest = LatestProbeData<[String]>()
        latest.apply(ProbeReport(outcome: .success(["web"]), finishedAt: Date(timeIntervalSince1970: 100)))
        #expect(!latest.isStale)
        latest.apply(ProbeReport(outcome: .failure("timed out after 5s"), finishedAt: Date(timeIntervalSince1970: 110), skippedRounds: 2))
        #expect(latest.value == ["web"])
        #expect(latest.isStale)
        #expect(latest.failure == "timed out after 5s")
        #expect(latest.skippedRounds == 2)
        #expect(latest.age(at: Date(timeIntervalSince1970: 112)) == .seconds(12))
        latest.apply(ProbeReport(outcome: .success([]), finishedAt: Date(timeIntervalSince1970: 120)))
        #expect(!latest.isStale)
        #expect(latest.value == [])
    }
}

@Suite("ServiceCheckTrack")
struct ServiceCheckTrackTests {
    func http(_ code: Int?, ms: Int64?, state: HealthState, at seconds: Double) -> ServiceCheckResult {
        let timings = HTTPCheckResult.Timings(total: ms.map { .milliseconds($0) })
        return ServiceCheckResult(
            name: "api", detail: .http(HTTPCheckResult(statusCode: code, timings: timings, state: state, reason: state == .ok ? nil : "down")),
            checkedAt: Date(timeIntervalSince1970: seconds))
    }

    @Test func tracksStateLatenciesAndChangeTime() {
        var track = ServiceCheckTrack(name: "api", kind: .http)
        #expect(track.state == .unknown)
        track.record(http(200, ms: 12, state: .ok, at: 0))
        track.record(http(nil, ms: 5000, state: .crit, at: 1))
        #expect(track.state == .ok, "one failure is not enough")
        #expect(track.reason == "down")
        track.record(http(nil, ms: 5000, state: .crit, at: 2))
        #expect(track.state == .crit)
        #expect(track.latencies == [.milliseconds(12), nil, nil])
        #expect(track.sinceLastChange(now: Date(timeIntervalSince1970: 32)) == .seconds(30))
        for second in 3..<80 { track.record(http(200, ms: 10, state: .ok, at: Double(second))) }
        #expect(track.latencies.count == ServiceCheckTrack.latencyHistoryLength)
        #expect(track.state == .ok)
    }
}
