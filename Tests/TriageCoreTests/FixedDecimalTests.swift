import Foundation
import Testing
import TriageCore

/// The host pane's figures without `String(format:)` must be C's `%.Nf`, byte for byte: the same
/// screen, for less work.
@Suite("FixedDecimal")
struct FixedDecimalTests {
    /// Halves and near-halves whose binary value lies on either side (0.35 is 0.34999…, 2.675 is
    /// 2.67499…), carries (9.95 → "9.9" or "10.0"), and values C spells and this does not.
    @Test(arguments: [0, 0.05, 0.125, 0.25, 0.35, 0.45, 1.005, 2.675, 9.95, 9.96, 99.95, 99.999, 100, 1e-7, 0.5, 1.5, 2.5,
                      1234.5678, 123_456_789.125, 1e13, -0.04, -1.25, .nan, .infinity])
    func spellsWhatCSpells(_ value: Double) {
        for digits in 0...3 {
            #expect(FixedDecimal.text(value, digits: digits) == String(format: "%.\(digits)f", value), "\(value) with \(digits)")
        }
        #expect(FixedDecimal.text(value, digits: 1, width: 5) == String(format: "%5.1f", value))
    }

    /// Load averages, percentages and byte amounts as the host pane has them, 20,000 of them.
    @Test func spellsWhatCSpellsForTheHostPanesRanges() {
        var random = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for index in 0..<20_000 {
            let range: ClosedRange<Double> = [0...1, 0...10, 0...100, 0...1000][index % 4]
            // Whole hundredths and their halves too: the values a kernel's fixed-point load gives.
            let value = index % 3 == 0 ? (Double.random(in: range, using: &random) * 200).rounded() / 200 : Double.random(in: range, using: &random)
            for digits in 1...2 where FixedDecimal.text(value, digits: digits) != String(format: "%.\(digits)f", value) {
                mismatches.append("\(value) with \(digits)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
