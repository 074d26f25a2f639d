import Foundation

/// How triage spells a measured number for people: a fixed number of significant digits, plain
/// where that reads well, SI prefixes or scientific notation where it does not.
///
/// Only for display: thresholds always compare the raw `Double`, so `4e-05 ≥ warn_above 1e-05`
/// holds even where a column has room for "40µ" only. Non-finite values are spelled as Prometheus
/// spells them (`+Inf`, `-Inf`, `NaN`).
public enum NumberText {
    /// Reasons keep four significant digits so a value and the threshold it crossed stay apart
    /// (`0.01235 ≥ warn_above 0.0123`); columns keep three.
    public static let reasonDigits = 4
    public static let columnDigits = 3

    /// `+Inf`, `-Inf`, `NaN`; nil for a finite value.
    public static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return nil
    }

    /// `42`, `0.07`, `0.01235`, `4e-05`, `1.181e21`: for reasons, where the number must read as
    /// it would in PromQL.
    public static func plain(_ value: Double) -> String {
        let digits = reasonDigits
        if let text = nonFinite(value) { return text }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if value == value.rounded(), magnitude < 1e6 { return String(Int64(value)) }
        if magnitude >= 1e-4, magnitude < 1e6 { return decimal(value, digits) }
        return scientific(value, digits)
    }

    /// `42`, `0.07`, `40µ`, `3.2n`, `1.5M`, `1.18e21`: for narrow columns.
    public static func si(_ value: Double) -> String {
        let digits = columnDigits
        if let text = nonFinite(value) { return text }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if value == value.rounded(), magnitude < 1e6 { return String(Int64(value)) }
        if magnitude >= 1e-3, magnitude < 1e6 { return decimal(value, digits) }
        let prefixes: [(scale: Double, symbol: String)] = [
            (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e-6, "µ"), (1e-9, "n"), (1e-12, "p"),
        ]
        for (scale, symbol) in prefixes where magnitude >= scale && magnitude < scale * 1000 {
            // Rounding may carry to 1000 (999.7µ → "1000µ"): that is still right, if not pretty.
            return decimal(value / scale, digits) + symbol
        }
        return scientific(value, digits)
    }

    /// Fixed significant digits in positional notation, trailing zeros trimmed.
    static func decimal(_ value: Double, _ digits: Int) -> String {
        let exponent = Int(floor(log10(abs(value))))
        let decimals = max(0, digits - 1 - exponent)
        return trimmed(String(format: "%.\(decimals)f", value))
    }

    /// `4e-05`, `1.18e21`: C's `%e` with the mantissa trimmed and a positive exponent unsigned.
    static func scientific(_ value: Double, _ digits: Int) -> String {
        let text = String(format: "%.\(digits - 1)e", value)
        guard let e = text.firstIndex(of: "e") else { return text }
        let mantissa = trimmed(String(text[..<e]))
        var exponent = String(text[text.index(after: e)...])
        if exponent.hasPrefix("+") {
            exponent.removeFirst()
            while exponent.count > 1, exponent.hasPrefix("0") { exponent.removeFirst() }
        }
        return mantissa + "e" + exponent
    }

    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = text
        while out.hasSuffix("0") { out.removeLast() }
        if out.hasSuffix(".") { out.removeLast() }
        return out
    }
}
