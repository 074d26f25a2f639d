import Foundation

/// C's `%.Nf` (and `%W.Nf`) for the host pane's figures, without `String(format:)`.
///
/// The host pane spells six or seven figures every second, and `String(format:)` (a Foundation
/// format parse and an `NSString` per call) was 2.5 % of an idle dashboard's CPU
/// (docs/PERFORMANCE.md (k)). The text is C's, byte for byte: the value scaled by 10^N rounds to
/// an integer printed with integer arithmetic, and where the scaled value lies so near a half that
/// the scaling's own rounding could tip it (or the value is negative, huge or not finite) C's
/// formatter spells it.
public enum FixedDecimal {
    private static let scales: [Double] = [1, 10, 100, 1000]

    /// `value` with `digits` decimals (0...3), padded on the left with spaces to `width`.
    public static func text(_ value: Double, digits: Int, width: Int = 0) -> String {
        let text = unpadded(value, digits: digits)
        let count = text.utf8.count
        return count >= width ? text : String(repeating: " ", count: width - count) + text
    }

    private static func unpadded(_ value: Double, digits: Int) -> String {
        guard digits >= 0, digits < scales.count, value.isFinite, value >= 0, value < 1e12 else {
            return String(format: "%.\(digits)f", value)
        }
        let scaled = value * scales[digits]
        let whole = scaled.rounded(.down)
        // The product is off the exact one by at most half an ulp; only that near a half can it
        // change which integer is nearest (C rounds the exact binary value).
        guard abs(scaled - whole - 0.5) > 2 * scaled.ulp else { return String(format: "%.\(digits)f", value) }
        let units = Int64(scaled.rounded(.toNearestOrAwayFromZero))
        guard digits > 0 else { return String(units) }
        let divisor = Int64(scales[digits])
        let fraction = String(units % divisor)
        return String(units / divisor) + "." + String(repeating: "0", count: digits - fraction.utf8.count) + fraction
    }
}
