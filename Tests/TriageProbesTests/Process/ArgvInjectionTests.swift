import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// Shell metacharacters in outside or configured text stay inside one argument: what the process
/// runner hands to a program is exactly the argv it was given, and the argument builders of curl
/// and kubectl never split, join or reinterpret a hostile value.
@Suite struct ArgvInjectionTests {
    /// Would create a file if any shell read it: `;`, `$(…)`, backticks, a newline, globs, quotes.
    static let hostile = [
        "x; touch /tmp/triage-pwned-1",
        "$(touch /tmp/triage-pwned-2)",
        "`touch /tmp/triage-pwned-3`",
        "line\ntouch /tmp/triage-pwned-4",
        "* ? [a] ~ 'single' \"double\" \\ | & > /tmp/triage-pwned-5",
        "--kubeconfig=/tmp/triage-pwned-6",
    ]

    /// The real runner, observed from the other side: printf writes each argument it received,
    /// NUL-terminated, so the output shows exactly how many arguments arrived and what each held.
    @Test func theRunnerHandsEveryHostileStringOverAsOneArgument() async throws {
        let outcome = await ProcessRunner.run("printf", ["%s\\0"] + Self.hostile, deadline: .seconds(10))
        #expect(outcome.succeeded, "printf: \(outcome.failureReason ?? "")")
        let received = outcome.stdout.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        #expect(received == Self.hostile)
        for index in 1...6 { #expect(!FileManager.default.fileExists(atPath: "/tmp/triage-pwned-\(index)")) }
    }

    /// A command check's argv goes to the runner as it is configured: the same observation, through
    /// the command-check runner the dashboard and `triage check` use.
    @Test func aCommandCheckKeepsEachArgumentWhole() async throws {
        let spec = CommandCheckSpec(name: "argv", argv: ["printf", "%s\\0"] + Self.hostile, expectOutput: "never")
        _ = await CommandCheckRunner(specs: [spec]).runRound()
        let direct = await ProcessRunner.run(spec.argv[0], Array(spec.argv.dropFirst()), deadline: .seconds(10))
        #expect(direct.stdout.split(separator: 0).count == Self.hostile.count)
        for index in 1...6 { #expect(!FileManager.default.fileExists(atPath: "/tmp/triage-pwned-\(index)")) }
    }

    /// curl reads its requests as a config file on stdin; a newline in a URL or header must not
    /// become a second config line (which could say `output = /etc/…` or `next`).
    @Test func curlConfigKeepsHostileURLsAndHeadersOnTheirOwnLine() {
        let request = CurlRequest(
            url: "http://127.0.0.1:1/a;touch x?q=$(id)&b=`id`\noutput = /tmp/triage-pwned-7\nnext",
            headers: [HTTPHeader(name: "X-Evil", value: "v\r\nurl = http://evil.invalid/\nheader = Host: evil")],
            queryParameters: [(name: "query", value: "up{job=\"$(id)\"}\nupload-file = /etc/passwd")])
        let config = CurlConfigWriter.render([request])
        let lines = config.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("url = ") }.count == 1, "\(lines)")
        #expect(lines.filter { $0.hasPrefix("header = ") }.count == 1, "\(lines)")
        #expect(lines.filter { $0.hasPrefix("output = ") } == ["output = \"/dev/null\""], "\(lines)")
        #expect(!lines.contains("next"), "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("upload-file") }, "\(lines)")
        #expect(lines.contains("url = \"http://127.0.0.1:1/a;touch x?q=$(id)&b=`id`output = /tmp/triage-pwned-7next\""), "\(lines)")
    }

    /// kubectl's global and scope arguments carry a hostile context, namespace and selector as the
    /// value of their flag, each one argument.
    @Test func kubectlArgumentsCarryHostileValuesAsFlagValues() {
        let target = KubeTarget(context: Self.hostile[0], namespaces: [Self.hostile[1]], selector: Self.hostile[2])
        #expect(target.globalArguments == ["--context", Self.hostile[0]])
        #expect(target.scopes == [["-n", Self.hostile[1]]])
        #expect(target.selectorArguments == ["-l", Self.hostile[2]])
    }

    /// The kube watch streams run kubectl through `sh -c 'exec "$0" "$@" 2>&1'` (to merge its request
    /// log into its output in order). The script is constant and every argument is a positional
    /// parameter: printf in kubectl's place, through the same wrapper, gets each hostile string whole.
    @Test func theKubeWatchWrapperHandsEveryHostileStringOverAsOneArgument() async throws {
        let (command, arguments) = KubeProbe.mergedOutput("printf", ["%s\\0"] + Self.hostile)
        #expect(command == "/bin/sh" && arguments.count == 3 + 1 + Self.hostile.count)
        let outcome = await ProcessRunner.run(command, arguments, deadline: .seconds(10))
        #expect(outcome.succeeded, "printf through the wrapper: \(outcome.failureReason ?? "")")
        let received = outcome.stdout.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        #expect(received == Self.hostile)
        for index in 1...6 { #expect(!FileManager.default.fileExists(atPath: "/tmp/triage-pwned-\(index)")) }
    }
}
