import Foundation

/// How figures print: one `name: value (target …)` line each, so runs can be diffed and grepped.
enum Report {
    /// Prints a line at once, also into a pipe (`tee`), so a long run shows its progress.
    static func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

    static func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func format(_ value: Double, digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

    static func line(_ name: String, ms stats: Stats, target: String? = nil) -> String {
        "\(name): median \(format(stats.median)) ms, p99 \(format(stats.p99)) ms, max \(format(stats.max)) ms over \(stats.count)"
            + (target.map { "  [target \($0)]" } ?? "")
    }

    static func verdict(_ ok: Bool) -> String { ok ? "meets" : "MISSES" }

    /// The 1-minute load average, so a noisy run on the shared machine shows as noisy.
    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }

    static func section(_ title: String) { Report.say("\n== \(title)") }
}
