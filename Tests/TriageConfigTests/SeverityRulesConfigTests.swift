import Testing
import TriageCore
@testable import TriageConfig

/// `severity_rules:` is read into rules for the severity suggestion; every mistake names its place.
@Suite struct SeveritySuggestionConfigTests {
    @Test func rulesAreReadInOrder() throws {
        let config = try ConfigParser.parse(yaml: """
            severity_rules:
              - severity: P1
                when:
                  crit: 50%
                  kind: [services, pod]
                  failing: checkout
                  for: 4m
              - severity: P3
                when: {warn: 1}
            """, file: "t.yaml")
        #expect(config.severityRules == [
            SeverityRule(severity: "P1", kinds: [.service, .pod], crit: .fraction(0.5), failing: ["checkout"], duration: .seconds(240)),
            SeverityRule(severity: "P3", warn: .count(1)),
        ])
        #expect(try ConfigParser.parse(yaml: "refresh: 2s\n", file: "t.yaml").severityRules == nil)
    }

    @Test func mistakesAreErrorsWithTheirPlace() {
        for yaml in [
            "severity_rules:\n  - severity: P1\n",
            "severity_rules:\n  - severity: P1\n    when: {kind: service}\n",
            "severity_rules:\n  - severity: P1\n    when: {crit: 1, kind: pods, for: soon}\n",
            "severity_rules:\n  - severity: P1\n    when: {crit: 150%}\n",
            "severity_rules:\n  - severity: P1\n    when: {crit: 1, kind: nodez}\n",
            "severity_rules:\n  - when: {crit: 1}\n",
        ] {
            #expect(throws: ConfigurationError.self, "\(yaml)") { try ConfigParser.parse(yaml: yaml, file: "t.yaml") }
        }
        do {
            _ = try ConfigParser.parse(yaml: "severity_rules:\n  - severity: P1\n    when: {crit: 1, kind: nodez}\n", file: "t.yaml")
        } catch {
            #expect(error.description.contains("t.yaml:3"))
            #expect(error.description.contains("unknown kind \"nodez\""))
        }
    }
}
