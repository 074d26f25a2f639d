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
        let config = CurlConfigWriter.render([request], marker: CurlWriteOut.newMarker())
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

    /// The kube watch streams merge kubectl's stderr (its request log) into its stdout, in order,
    /// without a shell: the child itself gets both descriptors on one pipe. A python3 in kubectl's
    /// place echoes each hostile argument (as hex, one line each) to stdout then to stderr: every
    /// one arrives whole, in the order written, and no shell ever reads them.
    @Test func aStreamWithStderrMergedKeepsTheOrderAndEveryArgumentWhole() async throws {
        let script = "import sys\nfor a in sys.argv[1:]:\n    sys.stdout.write('out ' + a.encode().hex() + '\\n'); sys.stdout.flush()\n"
            + "    sys.stderr.write('err ' + a.encode().hex() + '\\n'); sys.stderr.flush()\n"
        let lines = LineCollector()
        let termination = await ProcessRunner.streamLines("python3", ["-c", script] + Self.hostile, mergingStderr: true) { line in
            await lines.append(line)
        }
        #expect(termination.exitStatus == .exited(0), "python3: \(termination.failureReason ?? "")")
        let received = await lines.all
        #expect(received.count == 2 * Self.hostile.count)
        for (index, argument) in Self.hostile.enumerated() {
            let quoted = argument.utf8.map { String(format: "%02x", $0) }.joined()
            #expect(received[2 * index] == "out " + quoted)
            #expect(received[2 * index + 1] == "err " + quoted)
        }
        for index in 1...6 { #expect(!FileManager.default.fileExists(atPath: "/tmp/triage-pwned-\(index)")) }
    }
}

/// Lines of a stream, in the order they arrived.
actor LineCollector {
    private(set) var all: [String] = []
    func append(_ line: String) { all.append(line) }
}
