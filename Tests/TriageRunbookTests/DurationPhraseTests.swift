import Testing
@testable import TriageRunbook

@Suite struct DurationPhraseTests {
    @Test(arguments: [
        ("within 30 minutes", 30), ("1 hour", 60), ("1.5 hours", 90), ("2h", 120), ("4h", 240), ("15min", 15),
        ("> 30 minutes", 30), ("30 seconds", 1), ("2 days", 2880), ("1 week", 10080), ("Service down > 45 min", 45),
    ])
    func firstMinutes(text: String, minutes: Int) {
        #expect(DurationPhrase.firstMinutes(in: text) == minutes)
    }

    @Test(arguments: ["P1", "L2 escalation", "SEV-2", "99.9% uptime", "24/7", "step 3", "500ms", ""])
    func notADuration(text: String) {
        #expect(DurationPhrase.firstMinutes(in: text) == nil)
    }

    @Test func ranges() {
        #expect(DurationPhrase.matches(in: "15-60 minutes").first == .init(low: 15, high: 60, openEnded: false, before: nil))
        #expect(DurationPhrase.matches(in: "15 min – 1 hour").first?.high == 60)
        #expect(DurationPhrase.matches(in: "1 to 2 hours").first?.low == 60)
        #expect(DurationPhrase.matches(in: "30+ minutes").first?.openEnded == true)
    }
}
