import Testing
import TriageCore

/// Values as people read them: fixed significant digits, SI or scientific where plain would mislead.
@Suite("Number formatting")
struct NumberTextTests {
    @Test(arguments: [
        (0.00004, "40µ", "4e-05"),
        (1e-9, "1n", "1e-09"),
        (1_180_591_620_717_411_303_424.0, "1.18e21", "1.181e21"),  // 2^70
        (0.07, "0.07", "0.07"),
        (0.0123456, "0.0123", "0.01235"),
        (42, "42", "42"),
        (0, "0", "0"),
        (-3, "-3", "-3"),
        (1_500_000, "1.5M", "1.5e6"),
        (123.456, "123", "123.5"),
        (Double.infinity, "+Inf", "+Inf"),
        (-Double.infinity, "-Inf", "-Inf"),
        (Double.nan, "NaN", "NaN"),
    ])
    func columnsAndReasons(value: Double, column: String, reason: String) {
        #expect(NumberText.si(value) == column)
        #expect(NumberText.plain(value) == reason)
    }

    /// The threshold compares the raw value, not what a column shows: 0.00004 is "40µ" and still ≥ 0.00001.
    @Test func thresholdsCompareTheRawValue() {
        let thresholds = ValueThresholds(warnAbove: 0.00001)
        #expect(thresholds.classify(0.00004) == .warn)
        #expect(thresholds.explain(0.00004) == "4e-05 ≥ warn_above 1e-05")
        #expect(thresholds.classify(0.000009) == .ok)
    }
}
