import Foundation
import Testing

/// `triage check` against a real Prometheus: non-finite values in JSON, and values people can read.
@Suite("triage check: Prometheus values from a real server", .serialized)
struct PrometheusValueCommandTests {
    @Test func nonFiniteAndTinyAndHugeValues() async throws {
        let prometheus = try await PrometheusServer.start()
        let directory = try CheckLab.temporaryDirectory("promval")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func query(_ name: String, _ promql: String, _ extra: String = "") -> String {
            "  - name: \(name)\n    url: \(prometheus.base)\n    query: '\(promql)'\n" + extra
        }
        let config = try CheckLab.write(
            "prometheus:\n"
                + query("plus", "vector(1/0)") + query("minus", "vector(-1/0)") + query("nan", "vector(0/0)")
                + query("tiny", "vector(0.00004)", "    warn_above: 0.00001\n")
                + query("nano", "vector(1e-9)") + query("huge", "vector(2^70)") + query("scalar", "scalar(vector(42))"),
            "triage.yaml", in: directory)
        let environment = TriageProcess.cleanEnvironment(home: directory)
        let result = try TriageProcess.run(["check", "--config", config, "--json"], environment: environment, directory: directory)
        let table = try TriageProcess.run(["check", "--config", config], environment: environment, directory: directory)
        await prometheus.stop()
        let document = try result.json()
        CheckJSON.expectWellFormed(document)
        func value(_ name: String) -> Any? {
            (CheckJSON.entry(document, "prometheus", named: name)?["samples"] as? [[String: Any]])?.first?["value"]
        }
        #expect(value("plus") as? String == "+Inf", "\(String(describing: value("plus"))) \(result.stderr)")
        #expect(value("minus") as? String == "-Inf")
        #expect(value("nan") as? String == "NaN")
        #expect((value("tiny") as? NSNumber)?.doubleValue == 0.00004)
        #expect((value("huge") as? NSNumber)?.doubleValue == 1_180_591_620_717_411_303_424.0)
        #expect((value("scalar") as? NSNumber)?.doubleValue == 42)
        #expect(CheckJSON.entry(document, "prometheus", named: "scalar")?["resultType"] as? String == "scalar")
        #expect(CheckJSON.entry(document, "prometheus", named: "tiny")?["state"] as? String == "warn")
        #expect(CheckJSON.entry(document, "prometheus", named: "tiny")?["reason"] as? String == "4e-05 ≥ warn_above 1e-05")
        #expect(CheckJSON.entry(document, "prometheus", named: "nan")?["state"] as? String == "unknown")

        func line(_ name: String) -> String {
            // "    WARN     tiny    40µ      4e-05 ≥ warn_above 1e-05": state, name, value, reason.
            String(table.stdout.split(separator: "\n").first { $0.split(separator: " ").dropFirst().first == Substring(name) } ?? "")
        }
        #expect(line("tiny").contains("40µ"), "\(table.stdout)")
        #expect(line("nano").contains("1n"), "\(line("nano"))")
        #expect(line("huge").contains("1.18e21") && !line("huge").contains("1180591620717411303424"), "\(line("huge"))")
        #expect(line("plus").contains("+Inf") && line("minus").contains("-Inf"), "\(line("plus")) / \(line("minus"))")
    }
}

/// `alert_if: any` and `empty:` against a real Prometheus: alerting-rule queries read the right way round.
@Suite("triage check: alert-style queries on a real Prometheus", .serialized)
struct PrometheusAlertCommandTests {
    @Test func anyReturnedSeriesIsAProblemAndEmptyIsWhatTheConfigSays() async throws {
        let prometheus = try await PrometheusServer.start()
        let directory = try CheckLab.temporaryDirectory("promalert")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func query(_ name: String, _ promql: String, _ extra: String) -> String {
            "  - name: \(name)\n    url: \(prometheus.base)\n    query: '\(promql)'\n" + extra
        }
        func series(_ label: String, _ value: Int) -> String { "label_replace(vector(\(value)), \"i\", \"\(label)\", \"\", \"\")" }
        let config = try CheckLab.write(
            "prometheus:\n"
                + query("down", "\(series("a", 0)) == 0", "    alert_if: any\n")
                + query("none down", "vector(1) == 0", "    alert_if: any\n")
                + query("two warn", "(\(series("a", 0)) or \(series("b", 0))) == 0", "    alert_if: any\n    alert_level: warn\n")
                + query("empty crit", "vector(1) == 0", "    empty: crit\n")
                + query("empty default", "vector(1) == 0", "")
                + query("worst of three", "\(series("a", 5)) or \(series("b", 50)) or \(series("c", 20))", "    warn_above: 10\n    crit_above: 40\n"),
            "triage.yaml", in: directory)
        let environment = TriageProcess.cleanEnvironment(home: directory)
        let result = try TriageProcess.run(["check", "--config", config, "--json"], environment: environment, directory: directory)
        await prometheus.stop()
        let document = try result.json()
        CheckJSON.expectWellFormed(document)
        func entry(_ name: String) -> [String: Any]? { CheckJSON.entry(document, "prometheus", named: name) }
        func verdict(_ name: String) -> String { "\(entry(name)?["state"] as? String ?? "?") \(entry(name)?["reason"] as? String ?? "-")" }
        #expect(verdict("down") == #"crit {i="a"} returned 0"#, "\(result.stderr)")
        #expect(verdict("none down") == "ok -")
        #expect(verdict("two warn") == #"warn {i="a"} returned 0 (2 of 2 series bad)"#)
        #expect(verdict("empty crit") == "crit no data (empty result)")
        #expect(verdict("empty default") == "unknown no data (empty result)")
        #expect(verdict("worst of three") == #"crit {i="b"} 50 ≥ crit_above 40 (2 of 3 series bad)"#)
        let samples = entry("worst of three")?["samples"] as? [[String: Any]] ?? []
        #expect(samples.count == 3)
        #expect(Set(samples.compactMap { ($0["labels"] as? [String: String])?["i"] }) == ["a", "b", "c"])
    }
}
