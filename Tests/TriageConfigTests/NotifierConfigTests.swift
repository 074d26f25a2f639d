import Testing
import TriageCore
@testable import TriageConfig

/// `notify:` entries: a name, an argv (never a shell string), the events (`on:`, default all of
/// them) and a timeout; every mistake is reported at its file:line:column.
@Suite struct NotifierConfigTests {
    @Test func aNotifierIsReadWithItsEventsAndTimeout() throws {
        let config = try ConfigParser.parse(yaml: """
            notify:
              - name: chat
                run: [chat-cli, post, --channel, "#incidents"]
                on: [declare, status_update]
                timeout: 3s
              - name: pager
                run: [pager, send]
            """, file: "t.yaml")
        #expect(config.notifiers == [
            NotifierSpec(name: "chat", argv: ["chat-cli", "post", "--channel", "#incidents"], events: [.declare, .statusUpdate], timeout: .seconds(3)),
            NotifierSpec(name: "pager", argv: ["pager", "send"], events: [.declare, .statusUpdate, .severity, .resolve], timeout: .seconds(10)),
        ])
    }

    @Test func aSingleEventNeedsNoList() throws {
        let config = try ConfigParser.parse(yaml: "notify:\n  - {name: mail, run: [mail, -s, down, ops@example.com], on: resolve}\n", file: "t.yaml")
        #expect(config.notifiers.first?.events == [.resolve])
    }

    /// (yaml, line, column, key, words of the message)
    static let mistakes: [(String, Int, Int, String, String)] = [
        ("notify:\n  - name: chat\n    run: chat-cli post\n", 3, 10, "notify[0].run", "not a shell string"),
        ("notify:\n  - name: chat\n    run: []\n", 3, 10, "notify[0].run", "at least the command name"),
        ("notify:\n  - run: [chat]\n", 2, 5, "notify[0].name", "missing required key"),
        ("notify:\n  - name: chat\n", 2, 5, "notify[0].run", "missing required key"),
        ("notify:\n  - name: chat\n    run: [chat]\n    on: [declare, resolved]\n", 4, 19, "notify[0].on[1]", "unknown event \"resolved\": use declare, status_update, severity, resolve"),
        ("notify:\n  - name: chat\n    run: [chat]\n    on: []\n", 4, 9, "notify[0].on", "at least one event"),
        ("notify:\n  - name: chat\n    run: [chat]\n    timeout: 0s\n", 4, 14, "notify[0].timeout", "more than 0"),
        ("notify:\n  - name: chat\n    run: [chat]\n    retries: 3\n", 4, 5, "notify[0].retries", "unknown key"),
        ("notify:\n  - {name: a, run: [a]}\n  - {name: a, run: [b]}\n", 3, 12, "notify[1].name", "duplicate name \"a\""),
    ]

    @Test(arguments: 0..<mistakes.count)
    func notifierMistakesNameTheirPosition(index: Int) {
        let (yaml, line, column, key, words) = Self.mistakes[index]
        do {
            _ = try ConfigParser.parse(yaml: yaml, file: "t.yaml")
            Issue.record("accepted: \(yaml)")
        } catch {
            let issue = error.issues.first
            #expect(error.issues.count == 1, "\(error.issues)")
            #expect(issue?.line == line && issue?.column == column, "\(String(describing: issue))")
            #expect(issue?.key == key, "\(String(describing: issue))")
            #expect(issue?.message.contains(words) == true, "\(String(describing: issue))")
        }
    }

    @Test func anIncludedFileCannotAddANotifier() {
        #expect(throws: ConfigurationError.self) {
            try ConfigParser.parse(yaml: "notify:\n  - {name: a, run: [a]}\n", file: "inc.yaml", included: true)
        }
    }
}
