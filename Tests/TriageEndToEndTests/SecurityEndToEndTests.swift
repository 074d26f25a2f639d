import Foundation
import Synchronization
import Testing
import TriageProbes
import TriageTestSupport

/// Security, end to end: hostile text on every path of outside text, through the real tools.
///
/// One hostile world is built: a Kubernetes API stand-in serving pods, namespaces, nodes and events
/// whose names and messages hold shell metacharacters and escape sequences (and a kubeconfig
/// context named the same way), a loopback HTTP server whose 500 bodies and Prometheus answers
/// (labels, error texts) hold escape sequences, a podman container that prints them and carries a
/// hostile label, and a `triage.yaml` whose names, URLs, headers, queries, command-check argv,
/// selectors and log sources hold both. triage runs from a working directory watched for marker
/// files: any `;`, `$(…)`, backtick or newline that reached a shell would create one.
@Suite(.serialized) struct SecurityEndToEndTests {
    let binary = TmuxSession.triageBinary
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Text that creates the file `pwned-TAG-N` in the working directory if any shell ever reads it:
    /// `;`, `$(…)`, backticks and a newline. `${IFS}` stands in for spaces where a URL cannot hold one.
    static func shellHostile(_ tag: String, spaces: Bool = true) -> String {
        let space = spaces ? " " : "${IFS}"
        return "\(tag)x;touch\(space)pwned-\(tag)-1;$(touch\(space)pwned-\(tag)-2)`touch\(space)pwned-\(tag)-3`"
            + (spaces ? "\ntouch pwned-\(tag)-4" : "")
    }

    /// A header value: the config refuses a newline in one (values are one line), so no newline here.
    static let headerHostile = "headerx;touch pwned-header-1;$(touch pwned-header-2)`touch pwned-header-3`"

    /// The escape payloads, each marked with a PWNED word so injected sequences can be told from
    /// triage's own styling: OSC title, OSC 52 clipboard, CSI clear/home/move, 8-bit CSI, DCS, bidi
    /// override, CR and BS.
    static let escapes = "\u{1B}]0;PWNED-TITLE\u{07}\u{1B}]52;c;UFdORUQtQ0xJUA==\u{07}\u{1B}[2J\u{1B}[H\u{1B}[10;10HPWNED-MOVE"
        + "\u{9B}31mPWNED-C1\u{1B}P1$qm\u{1B}\\PWNED-DCS\u{202E}PWNED-BIDI\u{202C}\rPWNED-CR\u{08}\u{08}"

    /// Byte sequences that must never reach the terminal: each is an injected sequence with its
    /// PWNED word, or a byte triage itself never writes (bidi controls, invalid UTF-8).
    static let forbiddenOutput: [(String, [UInt8])] = [
        ("OSC 0 title", Array("\u{1B}]0;PWNED".utf8)),
        ("OSC 52 clipboard", Array("\u{1B}]52".utf8)),
        ("CSI clear, home, move", Array("\u{1B}[2J\u{1B}[H\u{1B}[10;10H".utf8)),
        ("CSI cursor move", Array("\u{1B}[10;10HPWNED".utf8)),
        ("8-bit CSI (UTF-8)", Array("\u{9B}31mPWNED".utf8)),
        ("8-bit CSI (raw byte)", [0x9B, 0x33, 0x31, 0x6D]),
        ("DCS", Array("\u{1B}P1$q".utf8)),
        ("bidi override U+202E", Array("\u{202E}".utf8)),
        ("bidi pop U+202C", Array("\u{202C}".utf8)),
        ("raw CR before the payload", Array("\rPWNED-CR".utf8)),
        ("raw BS after the payload", Array("PWNED-CR\u{08}".utf8)),
        ("invalid UTF-8 0xFF", [0xFF]),
        ("invalid UTF-8 0xFE", [0xFE]),
    ]

    /// A YAML double-quoted scalar: every non-printable or non-ASCII scalar as `\uXXXX`, so libyaml
    /// (which refuses raw control characters in a file) hands triage the exact hostile string.
    static func yaml(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value >= 0x7F:
                out += scalar.value > 0xFFFF ? String(format: "\\U%08X", scalar.value) : String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Every OSC (`ESC ]`) and screen-title (`ESC k`) sequence in the bytes, for a failure message.
    static func titleSequences(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        for index in bytes.indices.dropLast() where bytes[index] == 0x1B && (bytes[index + 1] == 0x5D || bytes[index + 1] == 0x6B) {
            found.append(String(decoding: bytes[index..<min(bytes.count, index + 40)], as: UTF8.self).debugDescription)
        }
        return Array(found.prefix(10))
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = haystack.startIndex
        while let found = haystack[index...].firstIndex(of: first) {
            if found + needle.count > haystack.count { return false }
            if Array(haystack[found..<(found + needle.count)]) == needle { return true }
            index = found + 1
        }
        return false
    }

    /// Files a shell would have made: any `pwned-*` in the working directory or its parents' temp dir.
    static func markers(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("pwned") }
    }

    /// The Kubernetes scenario: the recorded fixtures plus one pod, node and event whose names,
    /// namespace and messages are hostile (no `/`, which cannot appear in an API path segment).
    static func hostileScenario() throws -> Data {
        let fixtures = repositoryRoot.appendingPathComponent("Tests/TriageProbesTests/Fixtures")
        func items(_ name: String) throws -> [[String: Any]] {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent(name))) as? [String: Any]
            return object?["items"] as? [[String: Any]] ?? []
        }
        var pods = try items("kubectl-pods-all.json")
        var nodes = try items("kubectl-nodes.json")
        var events = try items("kubectl-events-warning.json")
        let podName = "pod-" + shellHostile("pod") + escapes
        let namespace = "ns-" + shellHostile("ns") + escapes
        // A copy of the first fixture pod (crash-looping), so it sorts to the top of the Pods pane.
        if var pod = pods.first {
            var metadata = pod["metadata"] as? [String: Any] ?? [:]
            metadata["name"] = podName
            metadata["namespace"] = namespace
            metadata["uid"] = "uid-hostile"
            pod["metadata"] = metadata
            var spec = pod["spec"] as? [String: Any] ?? [:]
            spec["nodeName"] = "node-" + shellHostile("podnode") + escapes
            pod["spec"] = spec
            pods.insert(pod, at: 0)
        }
        if var node = nodes.first {
            var metadata = node["metadata"] as? [String: Any] ?? [:]
            metadata["name"] = "node-" + shellHostile("node") + escapes
            metadata["uid"] = "uid-hostile-node"
            var labels = metadata["labels"] as? [String: Any] ?? [:]
            labels["kubernetes.io/hostname"] = metadata["name"]
            metadata["labels"] = labels
            node["metadata"] = metadata
            nodes.insert(node, at: 0)
        }
        if var event = events.first {
            event["message"] = "event-" + shellHostile("event") + escapes
            event["involvedObject"] = ["kind": "Pod", "name": podName, "namespace": namespace]
            var metadata = event["metadata"] as? [String: Any] ?? [:]
            metadata["name"] = "hostile.17a"
            metadata["namespace"] = namespace
            event["metadata"] = metadata
            events.insert(event, at: 0)
        }
        return try JSONSerialization.data(withJSONObject: ["pods": pods, "nodes": nodes, "events": events])
    }

    @Test func hostileTextOnEveryPathNeverReachesAShellOrTheTerminalAsControls() async throws {
        let dir = NSTemporaryDirectory() + "triage-e2e-sec-\(UUID().uuidString.prefix(8))"
        let work = dir + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        // The hostile world.
        let scenario = dir + "/scenario.json"
        try Self.hostileScenario().write(to: URL(fileURLWithPath: scenario))
        let kube = try await LoopbackServer.startPython([Self.repositoryRoot.appendingPathComponent("scripts/kube-standin.py").path, "serve",
                                               "--scenario", scenario, "--port-file", dir + "/kube.port"], portFile: dir + "/kube.port")
        let recorded = dir + "/requests.jsonl"
        let http: LoopbackServer
        do {
            http = try await LoopbackServer.startPython([Self.repositoryRoot.appendingPathComponent("scripts/testservers/hostile_server.py").path, "--record", recorded])
        } catch {
            await kube.stop()
            throw error
        }
        let podman: PodmanService
        do { podman = try await PodmanService.start() } catch {
            await kube.stop(); await http.stop()
            throw error
        }
        func stopAll() async {
            await podman.stop(); await kube.stop(); await http.stop()
        }
        do {
            // A container that prints every payload (and invalid UTF-8) and carries a hostile label.
            let script = #"while true; do printf 'ctrlog \033]0;PWNED-TITLE\007 \033]52;c;UFdORUQtQ0xJUA==\007 \033[2J\033[H\033[10;10HPWNED-MOVE \302\23331mPWNED-C1 \033P1$qm\033\\PWNED-DCS \342\200\256PWNED-BIDI\342\200\254 \rPWNED-CR\b\b \377\376 end\n'; sleep 1; done"#
            let labelled = try await podman.run("hostile", options: ["--label", "evil=" + Self.shellHostile("label") + Self.escapes], script: script)

            // A kubeconfig whose only context has a hostile name.
            let context = "ctx-" + Self.shellHostile("ctx")
            let kubeconfig = dir + "/kubeconfig"
            try """
                apiVersion: v1
                kind: Config
                clusters: [{name: standin, cluster: {server: "http://127.0.0.1:\(kube.port)"}}]
                users: [{name: nobody, user: {}}]
                contexts: [{name: \(Self.yaml(context)), context: {cluster: standin, user: nobody}}]
                current-context: \(Self.yaml(context))
                """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)

            // A log file with a hostile name and hostile bytes.
            let logFile = work + "/app-$(touch pwned-logfile-1);`touch pwned-logfile-2`.log"
            var logBytes = Array("filelog PWNED-FILE ".utf8) + Array(Self.escapes.utf8) + [0xFF, 0xFE, 0xC3, 0x28] + Array(" end\n".utf8)
            logBytes += logBytes
            _ = FileManager.default.createFile(atPath: logFile, contents: Data(logBytes))

            // A runbook whose title, section, item and command are hostile.
            let runbook = dir + "/runbook.md"
            try """
                # runbook PWNED-RB \(Self.escapes)

                ## section PWNED-RBSECTION \(Self.escapes)

                - [ ] item PWNED-RBITEM \(Self.escapes.replacingOccurrences(of: "\r", with: ""))

                ```sh
                echo PWNED-RBCODE '\(Self.escapes.replacingOccurrences(of: "\r", with: ""))'
                ```
                """.write(toFile: runbook, atomically: true, encoding: .utf8)

            let base = "http://127.0.0.1:\(http.port)"
            let config = dir + "/triage.yaml"
            try """
                refresh: 1s
                services:
                  - name: \(Self.yaml("svc-" + Self.shellHostile("svcname") + Self.escapes))
                    url: \(Self.yaml(base + "/u;touch${IFS}pwned-url-1?q=$(touch${IFS}pwned-url-2)&b=`touch${IFS}pwned-url-3`"))
                    headers:
                      X-Evil: \(Self.yaml(Self.headerHostile))
                    fail_after: 1
                checks:
                  - name: \(Self.yaml("chk-" + Self.shellHostile("chkname") + Self.escapes))
                    run: [echo, \(Self.yaml(Self.shellHostile("argv"))), \(Self.yaml("PWNED-CHKOUT" + Self.escapes))]
                    expect_output: "never printed"
                    fail_after: 1
                prometheus:
                  - name: \(Self.yaml("prom-" + Self.shellHostile("promname") + Self.escapes))
                    url: \(Self.yaml(base))
                    query: \(Self.yaml("up{job=\"$(touch pwned-query-1)\"} or vector(`touch pwned-query-2`); touch pwned-query-3"))
                    crit_above: 0.5
                  - name: prom-error
                    url: \(Self.yaml(base))
                    query: \(Self.yaml("error; touch pwned-query-4"))
                docker:
                  - host: \(Self.yaml(podman.dockerHost))
                    containers: [\(Self.yaml(labelled))]
                kubernetes:
                  - context: \(Self.yaml(context))
                  - context: \(Self.yaml(context))
                    selector: \(Self.yaml("app=$(touch pwned-selector-1)"))
                logs:
                  - docker: \(Self.yaml(labelled))
                    host: \(Self.yaml(podman.dockerHost))
                  - docker: \(Self.yaml("nosuch;touch pwned-dockerlog-1;$(touch pwned-dockerlog-2)"))
                    host: \(Self.yaml(podman.dockerHost))
                  - kubectl: \(Self.yaml("pod-$(touch pwned-kubelog-1);`touch pwned-kubelog-2`"))
                    context: \(Self.yaml(context))
                  - kubectl: pods
                    context: \(Self.yaml(context))
                    selector: \(Self.yaml("app=`touch pwned-kubelog-3`"))
                  - file: \(Self.yaml(logFile))
                """.write(toFile: config, atomically: true, encoding: .utf8)
            let state = dir + "/state"
            var environment = ["KUBECONFIG": kubeconfig, "TRIAGE_STATE": state, "TRIAGE_USER": "e2e", "LANG": "C.UTF-8", "HOME": dir,
                               "XDG_CONFIG_HOME": dir + "/.config", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            environment["DOCKER_HOST"] = nil
            let envArguments = ["-C", work, "-i"] + environment.map { "\($0.key)=\($0.value)" }

            // 1. `triage check`, table and JSON, from the watched working directory.
            let table = try spawnAndWait("/usr/bin/env", envArguments + [binary, "check", "--config", config, "--timeout", "10s"], captureOutput: true)
            let exitStatus = table.status & 0x7F == 0 ? (table.status >> 8) & 0xFF : -1
            #expect([1, 2].contains(exitStatus), "triage check: status \(exitStatus)\n\(table.output)")
            #expect(!table.output.contains("\u{1B}"), "triage check wrote an escape byte:\n\(table.output.debugDescription)")
            #expect(!table.output.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x80...0x9F).contains($0.value) || $0.value == 0x202E },
                    "triage check wrote control characters:\n\(table.output.debugDescription)")
            #expect(table.output.contains("svc-svcnamex"), "the hostile service name is not shown:\n\(table.output)")
            let json = try spawnAndWait("/usr/bin/env", envArguments + [binary, "check", "--config", config, "--json", "--timeout", "10s"], captureOutput: true)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], "not JSON: \(json.output)")
            let pods = (document["pods"] as? [[String: Any]]) ?? []
            #expect(pods.contains { ($0["name"] as? String)?.hasPrefix("pod-podx;touch pwned-pod-1") == true },
                    "the hostile pod is not in the JSON, exactly as named: \(pods.map { $0["name"] ?? "" })")
            let checks = (document["checks"] as? [[String: Any]]) ?? []
            #expect(checks.first.flatMap { $0["command"] as? [String] }?.dropFirst().first == Self.shellHostile("argv"),
                    "the argv was not kept as one argument: \(checks)")
            #expect(Self.markers(in: work).isEmpty, "a shell ran hostile text during triage check: \(Self.markers(in: work))")

            // 2. The dashboard, its terminal output recorded byte for byte.
            let session = try TmuxSession(width: 200, height: 50, command: "env PS1='$ ' bash --norc --noprofile",
                                          environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
            defer { session.kill() }
            try session.waitFor("$")
            // Controls, so the title and clipboard checks below can fail: in this pane a title
            // sequence does rename it, and an OSC 52 write does reach tmux's buffers.
            try session.tmux(["set-option", "-s", "set-clipboard", "on"])
            try session.type(#"printf '\033]2;before-triage\007\033]52;c;Q09OVFJPTA==\007'; echo CONTROL-$((1+1))-DONE"#)
            try session.send("Enter")
            try session.waitFor("CONTROL-2-DONE")
            let titleBefore = try session.display("#{pane_title}")
            #expect(titleBefore == "before-triage", "a title sequence did not rename the pane: the title check would prove nothing")
            let controlBuffers = try session.tmux(["list-buffers"])
            #expect(controlBuffers.contains("CONTROL"), "OSC 52 does not reach tmux here: the clipboard check would prove nothing (\(controlBuffers))")
            try session.tmux(["delete-buffer"])
            let recording = dir + "/terminal.bytes"
            try session.tmux(["pipe-pane", "-o", "-t", session.name, "cat >> '\(recording)'"])
            // The incident is declared from the command line with a hostile title; the runbook is hostile too.
            let declared = try spawnAndWait("/usr/bin/env", envArguments + [binary, "incident", "new", "--title", "title PWNED-INCTITLE " + Self.escapes,
                                                                            "--severity", "P1", "--runbook", runbook], captureOutput: true)
            #expect(declared.status == 0, "incident new: \(declared.output)")
            try session.type("cd '\(work)' && exec env -i " + environment.map { "'\($0.key)=\($0.value)'" }.joined(separator: " ")
                             + " TERM=xterm-256color '\(binary)' --config '\(config)'")
            try session.send("Enter")
            try session.waitFor(timeout: .seconds(20), "hostile pods and checks on screen") { $0.contains("pod-podx") && $0.contains("svc-svcname") }
            // A note typed by the person, holding an 8-bit CSI and a bidi override.
            try session.type("5")
            try session.type("n")
            try session.waitFor(timeout: .seconds(5), "the note prompt") { $0.lowercased().contains("note") }
            try session.type("note PWNED-NOTE \u{9B}31m \u{202E}reversed\u{202C} end")
            try session.send("Enter")
            try session.type("T")
            try session.waitFor(timeout: .seconds(10), "the note on the timeline") { $0.contains("PWNED-NOTE") }
            try session.type("T")
            // The container's and the file's hostile lines, before the pods' logs scroll them away.
            try session.waitFor(timeout: .seconds(30), "hostile log lines from the container and the file") {
                $0.contains("ctrlog") && $0.contains("PWNED-FILE")
            }
            // Follow every pod the picker offers: names from the API go to kubectl logs. The list
            // is sorted by name, pods last: from the end, Space (follow) then up, 40 times.
            try session.type("4")
            try session.type("s")
            try await Task.sleep(for: .milliseconds(1000))
            try session.type("G" + String(repeating: " k", count: 40))
            try session.send("Escape")
            // The stand-in's log lines name the pod, so the hostile pod's own lines hold its name's escapes.
            try session.waitFor(timeout: .seconds(45), "the hostile pod's log lines") { $0.contains("touch pwned-pod-4␛]0;PWNED") }
            // Every pane zoomed, so long hostile text is drawn in full at least once.
            for pane in ["1", "2", "3", "4", "5", "6"] {
                try session.type(pane)
                try session.type("z")
                try await Task.sleep(for: .milliseconds(1200))
                try session.type("z")
            }
            try session.type("5")
            try session.type("T")
            try await Task.sleep(for: .milliseconds(1500))
            let screen = try session.capture()
            // Asked while triage still runs: its pane (and so the tmux server) ends with it.
            let titleAfter = try session.display("#{pane_title}")
            let buffers = try session.tmux(["list-buffers"])
            try session.type("q")
            try await Task.sleep(for: .milliseconds(1000))

            let bytes = Array((try? Data(contentsOf: URL(fileURLWithPath: recording))) ?? Data())
            #expect(bytes.count > 10_000, "the terminal recording is too small (\(bytes.count) bytes)")
            for (what, sequence) in Self.forbiddenOutput {
                #expect(!Self.contains(bytes, sequence), "\(what) reached the terminal")
            }
            #expect(Self.contains(bytes, Array("PWNED-TITLE".utf8)), "the hostile text was never drawn at all")
            #expect(titleAfter == titleBefore, "the pane title changed from \(titleBefore.debugDescription) to \(titleAfter.debugDescription); OSC/ESC k in the output: \(Self.titleSequences(bytes))")
            #expect(!buffers.contains("PWNED") && !buffers.contains("UFdORUQ"), "an OSC 52 payload reached tmux's buffers: \(buffers)")
            #expect(screen.contains("␛"), "escapes are not shown as control pictures:\n\(screen)")

            // 3. What the session recorded, printed back to a terminal by the script-facing commands:
            //    the timeline holds probe transitions whose names and reasons came from outside.
            var printed: [(String, String)] = []
            for arguments in [["export", "timeline", "--format", "markdown"], ["export", "timeline", "--format", "text"],
                              ["export", "timeline", "--format", "json"], ["export", "status"], ["export", "postmortem"],
                              ["incident", "show"], ["incident", "list"]] {
                let result = try spawnAndWait("/usr/bin/env", envArguments + [binary] + arguments + (arguments[0] == "export" ? ["--no-record"] : []),
                                              captureOutput: true)
                printed.append((arguments.joined(separator: " "), result.output))
            }
            #expect(printed.contains { $0.1.contains("went down") }, "no probe transition was recorded, so none was tested: \(printed.map(\.1))")
            for (command, output) in printed {
                let controls = output.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F
                    || (0x80...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
                #expect(controls.isEmpty, "triage \(command) printed control characters \(controls.prefix(8).map { String($0.value, radix: 16) }):\n\(output.debugDescription.prefix(1500))")
            }

            // 4. No shell ever read any of it.
            #expect(Self.markers(in: work).isEmpty, "a shell ran hostile text: \(Self.markers(in: work))")
            #expect(Self.markers(in: dir).isEmpty)
            // The header reached the server as one header, metacharacters and all, its newline dropped.
            let requests = (try? String(contentsOfFile: recorded, encoding: .utf8)) ?? ""
            #expect(requests.contains("\"X-Evil\": \"\(Self.headerHostile)\""), "the hostile header did not arrive verbatim: \(requests.prefix(2000))")
        } catch {
            await stopAll()
            throw error
        }
        await stopAll()
    }
}
