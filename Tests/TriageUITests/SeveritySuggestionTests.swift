import Foundation
import Testing
import TriageCore
import TriageRunbook

/// The severity the outage suggests: rules evaluated top-down on the picture, and the default rules
/// read from a runbook's severity table.
@Suite struct SeveritySuggestionTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func service(_ name: String, _ state: HealthState, minutes: Double? = nil) -> OutageEntity {
        OutageEntity(state: state, kind: .service, name: name, reason: state == .ok ? nil : "HTTP 500",
                     since: minutes.map { now.addingTimeInterval(-$0 * 60) }, key: "service:" + name)
    }

    static let rules = [
        SeverityRule(severity: "P1", kinds: [.service], crit: .fraction(0.5), failing: ["checkout"], duration: .seconds(180)),
        SeverityRule(severity: "P3", warn: .count(1)),
    ]

    @Test func theFirstRuleThatHoldsIsSuggestedWithItsReason() {
        let picture = [
            Self.service("checkout", .crit, minutes: 4), Self.service("cart", .crit, minutes: 6), Self.service("search", .crit, minutes: 5),
            Self.service("auth", .ok), Self.service("mail", .ok),
            OutageEntity(state: .crit, kind: .pod, name: "shop/api", key: "pod:x"),
        ]
        let suggestion = SeveritySuggestion.evaluate(Self.rules, entities: picture, now: Self.now)
        #expect(suggestion?.text == "P1 suggested: 3 of 5 services CRIT for 4m, checkout among them")
    }

    @Test func aDurationNotYetReachedFallsThroughToTheNextRule() {
        let picture = [
            Self.service("checkout", .crit, minutes: 4), Self.service("cart", .crit, minutes: 1), Self.service("search", .crit, minutes: 1),
            Self.service("auth", .ok), Self.service("mail", .ok),
        ]
        #expect(SeveritySuggestion.evaluate(Self.rules, entities: picture, now: Self.now)?.text
            == "P3 suggested: 3 of 5 entities CRIT or WARN for 60s")
    }

    @Test func aNamedServiceThatIsNotFailingStopsTheRule() {
        let picture = [Self.service("checkout", .ok), Self.service("cart", .crit, minutes: 6), Self.service("search", .crit, minutes: 6)]
        #expect(SeveritySuggestion.evaluate(Self.rules, entities: picture, now: Self.now)?.severity == "P3")
    }

    @Test func nothingFailingSuggestsNothing() {
        #expect(SeveritySuggestion.evaluate(Self.rules, entities: [Self.service("checkout", .ok)], now: Self.now) == nil)
        #expect(SeveritySuggestion.evaluate([], entities: [Self.service("checkout", .crit)], now: Self.now) == nil)
    }

    @Test func theDefaultRulesComeFromTheRunbooksSeverityDescriptions() {
        let runbook = RunbookParser.parse(text: """
            # Shop

            ## Severity Levels

            | Severity | Description | Response Time |
            |---|---|---|
            | SEV1 | Complete outage: checkout unavailable | 5 minutes |
            | SEV2 | Partial: some requests failing | 15 minutes |
            | SEV3 | Minor: slow pages for a few users | 1 hour |
            """, path: "shop.md")
        let rules = SeveritySuggestion.defaultRules(for: runbook.severities)
        #expect(rules == [
            SeverityRule(severity: "SEV1", kinds: SeveritySuggestion.serviceKinds, crit: .fraction(0.5)),
            SeverityRule(severity: "SEV2", kinds: SeveritySuggestion.serviceKinds, crit: .count(1)),
            SeverityRule(severity: "SEV3", warn: .count(1)),
        ])
        let oneOfThree = [Self.service("checkout", .crit, minutes: 2), Self.service("cart", .ok), Self.service("search", .ok)]
        #expect(SeveritySuggestion.evaluate(rules, entities: oneOfThree, now: Self.now)?.text == "SEV2 suggested: 1 of 3 services CRIT for 2m")
        let twoOfThree = oneOfThree.map { $0.name == "cart" ? Self.service("cart", .crit, minutes: 3) : $0 }
        #expect(SeveritySuggestion.evaluate(rules, entities: twoOfThree, now: Self.now)?.severity == "SEV1")
        let podOnly = [Self.service("checkout", .ok), OutageEntity(state: .warn, kind: .pod, name: "shop/api", key: "pod:x")]
        #expect(SeveritySuggestion.evaluate(rules, entities: podOnly, now: Self.now)?.severity == "SEV3")
    }

    @Test func theBuiltInRunbookGivesP1P2P3AndNoTableGivesNone() {
        #expect(SeveritySuggestion.defaultRules(for: BuiltinRunbook.parsed.severities).map(\.severity) == ["P1", "P2", "P3"])
        #expect(SeveritySuggestion.defaultRules(for: []).isEmpty)
        let vague = [SeverityLevel(name: "P1", description: "Bad", responseMinutes: nil, line: 1)]
        #expect(SeveritySuggestion.defaultRules(for: vague).isEmpty)
    }
}
