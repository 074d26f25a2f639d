import Testing
@testable import TriageConfig

/// `vars:` gives runbook command variables fixed values; only the documented names are accepted,
/// so a typo is an error naming the line rather than a variable silently left unset.
@Suite struct RunbookVarsConfigTests {
    @Test func varsAreReadByName() throws {
        let config = try ConfigParser.parse(yaml: "vars:\n  CONTEXT: prod\n  NAMESPACE: shop\n", file: "t.yaml")
        #expect(config.vars == ["CONTEXT": "prod", "NAMESPACE": "shop"])
    }

    @Test func anUnknownVariableIsAnError() {
        #expect(throws: ConfigurationError.self) { try ConfigParser.parse(yaml: "vars:\n  CONTEXTT: prod\n", file: "t.yaml") }
        #expect(throws: ConfigurationError.self) { try ConfigParser.parse(yaml: "vars:\n  POD: \"\"\n", file: "t.yaml") }
    }
}
