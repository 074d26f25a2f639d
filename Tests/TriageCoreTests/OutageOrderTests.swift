import Foundation
import Testing
import TriageCore

/// The outage order sorted by positions (``Swift/Array/sortedInOutageOrder()``) is the order a
/// stable sort of the entities gives, ties included.
@Suite struct OutageOrderTests {
    /// A small deterministic generator (SplitMix64).
    struct Seeded {
        var state: UInt64
        mutating func next(below bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test func sortingPositionsGivesTheStableSortOfTheEntities() {
        var random = Seeded(state: 2_026)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let states: [HealthState] = [.ok, .unknown, .warn, .crit]
        let kinds: [OutageEntity.Kind] = [.service, .container, .pod, .node, .host]
        for round in 0..<50 {
            // Few names, states, kinds and times, so most entities tie with another on every field
            // the order reads; the keys tell the ties apart.
            let entities = (0..<(round * 7 % 120)).map { index in
                OutageEntity(state: states[random.next(below: states.count)], kind: kinds[random.next(below: kinds.count)],
                             name: "e-\(random.next(below: 4))", since: random.next(below: 3) == 0 ? nil : start.addingTimeInterval(Double(random.next(below: 3))),
                             source: "s", key: "k-\(index)")
            }
            let stable = entities.sorted(by: OutageEntity.outageOrder)
            #expect(entities.sortedInOutageOrder().map(\.key) == stable.map(\.key), "round \(round)")
        }
    }
}
