import Testing
@testable import TriageCore

@Suite struct ActorNameTests {
    @Test(arguments: [
        (["TRIAGE_USER": "alice", "USER": "root"], "alice"),
        (["USER": "bob"], "bob@web-1"),
        (["LOGNAME": "carol"], "carol@web-1"),
        (["TRIAGE_USER": "  ", "USER": "bob"], "bob@web-1"),
        (["USER": "bob", "SSH_CLIENT": "10.0.0.5 52814 22"], "bob@web-1 from 10.0.0.5"),
        (["USER": "bob", "SSH_CONNECTION": "fe80::1 52814 fe80::2 22"], "bob@web-1 from fe80::1"),
        (["TRIAGE_USER": "alice", "SSH_CLIENT": "192.168.1.9 40000 22", "SSH_CONNECTION": "x y z w"],
         "alice from 192.168.1.9"),
        (["USER": "bob", "SSH_CLIENT": ""], "bob@web-1"),
    ] as [([String: String], String)])
    func buildsActor(environment: [String: String], expected: String) {
        #expect(ActorName.current(environment: environment, hostname: "web-1") == expected)
    }

    @Test func realHostnameIsShortAndNonEmpty() {
        let host = ActorName.shortHostname()
        #expect(!host.isEmpty)
        #expect(!host.contains("."))
    }

    @Test func withoutUserVariablesTheAccountNameIsUsed() {
        let expected = (ActorName.accountName() ?? "unknown") + "@web-1"
        #expect(ActorName.current(environment: [:], hostname: "web-1") == expected)
        #expect(ActorName.accountName() != nil, "the test runs as a real account")
    }
}
