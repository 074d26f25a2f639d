import Foundation
import Testing
import TriageCore
import TriageProbes
import TriageStore
@testable import TriageApp
@testable import TriageUI

/// Escape-sequence injection at the pure level: hostile text on every path of outside text (check
/// and config names, HTTP and Prometheus errors, Prometheus labels, container names, images and
/// status, pods, namespaces, nodes and events through the real kubectl JSON parsers, log lines,
/// the incident title, notes, the runbook) is fed to the view model, and the cell grid it renders
/// must hold no C0, DEL, C1 or bidi control in any cell, while the payload's words stay readable.
///
/// The end-to-end half (the bytes triage really writes to a terminal) is
/// `SecurityEndToEndTests.hostileTextOnEveryPathNeverReachesTheTerminalAsControls`.
@Suite(.serialized) struct InjectionTests {
    init() { #expect(localeReady) }

    static let now = Date(timeIntervalSince1970: 1_795_465_800)
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TriageProbesTests/Fixtures")

    /// The sequences an attacker would try, each tagged with a word so it can be found on screen:
    /// OSC title, OSC 52 clipboard, CSI clear and home, cursor move, 8-bit CSI, DCS, bidi override,
    /// CR and BS, NUL, DEL and a lone 8-bit ST.
    static let payloads: [String] = [
        "\u{1B}]0;PWNED-TITLE\u{07}",
        "\u{1B}]52;c;UFdORUQtQ0xJUA==\u{07}",
        "\u{1B}[2J\u{1B}[H",
        "\u{1B}[10;10HPWNED-MOVE",
        "\u{9B}31mPWNED-C1",
        "\u{1B}P1$qm\u{1B}\\PWNED-DCS",
        "\u{202E}PWNED-BIDI\u{202C}",
        "\rPWNED-CR\u{08}\u{08}",
        "\u{00}\u{7F}\u{9C}",
    ]

    /// One hostile string carrying every payload, prefixed so a row with it is easy to find.
    static func hostile(_ tag: String) -> String { "\(tag)-" + payloads.joined() }

    /// Every scalar a terminal would act on rather than print.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Cells that hold a control scalar, as "x,y U+XXXX".
    static func controlCells(_ grid: CellGrid) -> [String] {
        var found: [String] = []
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                for scalar in grid[x, y].grapheme.unicodeScalars where isControl(scalar) {
                    found.append("\(x),\(y) U+\(String(scalar.value, radix: 16, uppercase: true))")
                }
            }
        }
        return found
    }

    /// kubectl JSON fixtures with hostile names, namespaces, reasons and messages written in, then
    /// parsed by the real parsers: what a hostile or compromised API server could send.
    static func hostileKube() throws -> (pods: [PodInfo], nodes: [NodeInfo], events: [KubeEvent]) {
        func load(_ name: String) throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent(name))) as? [String: Any])
        }
        func data(_ object: Any) throws -> Data { try JSONSerialization.data(withJSONObject: object) }

        var pods = try load("kubectl-pods-all.json")
        var items = try #require(pods["items"] as? [[String: Any]])
        var pod = items[0]
        var metadata = try #require(pod["metadata"] as? [String: Any])
        metadata["name"] = hostile("POD")
        metadata["namespace"] = hostile("NS")
        pod["metadata"] = metadata
        var status = try #require(pod["status"] as? [String: Any])
        status["reason"] = hostile("PODREASON")
        status["message"] = hostile("PODMSG")
        var statuses = try #require(status["initContainerStatuses"] as? [[String: Any]])
        statuses[0]["state"] = ["waiting": ["reason": hostile("WAITING"), "message": hostile("WAITMSG")]]
        status["initContainerStatuses"] = statuses
        pod["status"] = status
        var spec = try #require(pod["spec"] as? [String: Any])
        spec["nodeName"] = hostile("PODNODE")
        pod["spec"] = spec
        items[0] = pod
        pods["items"] = items

        var nodes = try load("kubectl-nodes.json")
        var nodeItems = try #require(nodes["items"] as? [[String: Any]])
        var node = nodeItems[0]
        var nodeMetadata = try #require(node["metadata"] as? [String: Any])
        nodeMetadata["name"] = hostile("NODE")
        node["metadata"] = nodeMetadata
        nodeItems[0] = node
        nodes["items"] = nodeItems

        var events = try load("kubectl-events-warning.json")
        var eventItems = try #require(events["items"] as? [[String: Any]])
        for index in eventItems.indices {
            eventItems[index]["message"] = hostile("EVENTMSG")
            eventItems[index]["reason"] = hostile("EVENTREASON")
            eventItems[index]["involvedObject"] = ["kind": "Pod", "name": index == 0 ? "evpod" : hostile("EVENTOBJ"), "namespace": "shop"]
        }
        events["items"] = eventItems

        return (
            try KubePodListParser.parse(data(pods), context: hostile("CTX")).pods,
            try KubeNodeListParser.parse(data(nodes), context: hostile("CTX")),
            try KubeEventListParser.parse(data(events), context: hostile("CTX"))
        )
    }

    static func hostileSnapshot() throws -> DashboardSnapshot {
        var snapshot = DashboardSnapshotTests.snapshot()
        snapshot.declareServices([(hostile("SVC"), .http, .standard), (hostile("CHK"), .command, .standard),
                                  (hostile("PROM"), .prometheus, .standard)])
        let prometheus = PrometheusQueryResult(
            resultType: "vector",
            samples: [PrometheusSample(labels: ["__name__": hostile("METRIC"), "job": hostile("LABEL")], value: 1, timestamp: 0, state: .crit)],
            state: .crit, reason: hostile("PROMERR"))
        for _ in 0..<3 {
            snapshot.record(services: [
                ServiceCheckResult(name: hostile("SVC"), detail: .http(HTTPCheckResult(statusCode: 500, transportError: hostile("CURLERR"),
                                                                                     state: .crit, reason: hostile("HTTPERR"))),
                                   checkedAt: now),
                ServiceCheckResult(name: hostile("CHK"), detail: .command(CommandCheckResult(exitCode: 1, statusText: hostile("EXIT"), state: .crit,
                                                                                             reason: hostile("CMDERR"))),
                                   checkedAt: now),
                ServiceCheckResult(name: hostile("PROM"), detail: .prometheus(prometheus), checkedAt: now),
            ])
        }
        let containers = [
            ContainerInfo(host: hostile("HOST"), containerID: "a1", name: hostile("CTR"), image: hostile("IMAGE"), state: .restarting,
                          statusText: hostile("STATUS"), restarts: 3, exitCode: 1, restartedRecently: true),
        ]
        _ = snapshot.record(docker: DockerSnapshot(host: hostile("HOST"), containers: containers, lastGoodAt: now, roundAt: now,
                                                   failure: hostile("DOCKERERR")), slot: 0)
        let kube = try hostileKube()
        _ = snapshot.record(kubernetes: KubeSnapshot(context: hostile("CTX"), pods: kube.pods, nodes: kube.nodes, events: kube.events,
                                                     podsUpdatedAt: now, lastGoodAt: now, roundAt: now, failure: hostile("KUBEERR"), watching: true),
                            slot: 0, now: now)
        // A second context: the Pods pane groups by context, so the hostile context names a group header too.
        _ = snapshot.record(kubernetes: KubeSnapshot(context: "lab", pods: [], nodes: [], events: [], podsUpdatedAt: now, lastGoodAt: now,
                                                     roundAt: now, failure: nil, watching: true), slot: 1, now: now)
        return snapshot
    }

    /// A runbook whose title, section, items and command are hostile (written as a file, read by
    /// the app's own loader like any `--runbook`).
    static func hostileRunbook() -> String {
        """
        # \(hostile("RBTITLE"))

        ## \(hostile("RBSECTION"))

        - [ ] \(hostile("RBITEM"))

        ```sh
        echo \(hostile("RBCODE"))
        ```
        """
    }

    /// Renders every pane in every zoom and view the hostile text can reach and returns each grid.
    func renderAll() throws -> [(String, CellGrid)] {
        let directory = NSTemporaryDirectory() + "triage-ui-inject-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try IncidentStore(stateDirectory: try StateDirectory.resolve(explicit: directory, environment: [:]))
        let runbook = directory + "/runbook.md"
        try Self.hostileRunbook().write(toFile: runbook, atomically: true, encoding: .utf8)
        let incident = try store.createIncident(title: Self.hostile("INCTITLE"), severity: "P1", runbookPath: runbook,
                                                commander: Self.hostile("CMDR"), at: Self.now.addingTimeInterval(-300), actor: Self.hostile("ACTOR"))
        _ = try store.addNote(incidentID: incident.id, text: Self.hostile("NOTE"), actor: Self.hostile("ACTOR"), at: Self.now.addingTimeInterval(-60))
        let session = IncidentSession(store: store, problem: nil, readOnly: false, actor: "alice", defaultRunbookPath: nil)
        defer { session.stop() }
        let snapshot = try Self.hostileSnapshot()
        var logs = LogPaneModel()
        logs.viewportHeight = 10
        // Straight into the model, past the sanitizer the followers use: the grid must hold anyway.
        logs.updateSources([LogSourceStatus(source: LogSource(id: LogSourceID(0), kind: .file(path: "/var/log/" + Self.hostile("SRC")),
                                                              shortName: Self.hostile("SRC")), state: .failed(reason: Self.hostile("SRCERR")))])
        logs.ingest([LogLine(source: LogSourceID(0), sequence: 0, arrival: LogTimestamp(seconds: 1_795_465_790), text: Self.hostile("LOG"))])
        let sources = DashboardSources(servicesConfigured: true, dockerHosts: [Self.hostile("HOST")], kubeContexts: [Self.hostile("CTX")])
        var grids: [(String, CellGrid)] = []
        for (width, height) in [(200, 50), (120, 40), (80, 24)] {
            for pane in PaneID.allCases {
                for zoomed in [false, true] {
                    for showTimeline in pane == .incident ? [false, true] : [false] {
                        var ui = UIState()
                        ui.focus = pane
                        ui.zoomed = zoomed
                        let model = DashboardViewModel.build(snapshot, ui: ui, sources: sources, session: session, logs: logs,
                                                             showTimeline: showTimeline, width: width, height: height, now: Self.now,
                                                             timeZone: TimeZone(identifier: "UTC")!)
                        let grid = DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes,
                                                            ui: ui, keymap: .standard)
                        grids.append(("\(width)x\(height) \(pane) zoomed=\(zoomed) timeline=\(showTimeline)", grid))
                    }
                }
            }
        }
        return grids
    }

    @Test func noControlCharacterReachesACellFromAnyPath() throws {
        let grids = try renderAll()
        #expect(grids.count > 30)
        for (label, grid) in grids {
            let bad = Self.controlCells(grid)
            #expect(bad.isEmpty, "\(label): control characters in cells \(bad.prefix(10))")
        }
    }

    /// The hostile text is shown, neutralised, rather than dropped: a responder can still read it.
    @Test func hostileTextIsShownWhereAPersonLooks() throws {
        let text = try renderAll().map { $0.1.text }.joined(separator: "\n")
        let tags = ["SVC-", "CHK-", "PROM-", "CTR-", "POD-", "NODE-", "EVENTMSG-", "INCTITLE-", "NOTE-", "LOG-", "RBITEM-"]
        let missing = tags.filter { !text.contains($0) }
        #expect(missing.isEmpty, "nowhere on screen: \(missing)")
        // Escapes are drawn as control pictures, not obeyed.
        #expect(text.contains("␛]0;PWNED-TITLE") || text.contains("␛]0;PWNED"), "the OSC title payload is not shown escaped")
    }

    /// The grid's own guard: every payload alone, written straight into a cell grid.
    @Test(arguments: payloads)
    func eachPayloadIsNeutralisedByTheGrid(payload: String) {
        var grid = CellGrid(width: 80, height: 1)
        grid.put("x" + payload + "y", x: 0, y: 0)
        #expect(Self.controlCells(grid).isEmpty, "payload left controls: \(Self.controlCells(grid))")
        #expect(grid.text.contains("x"))
    }

    /// Invalid UTF-8 from a tool becomes U+FFFD when decoded and is drawn as that, never as raw bytes.
    @Test func invalidUTF8IsDrawnAsReplacementCharacters() {
        let bytes: [UInt8] = Array("bad ".utf8) + [0xC3, 0x28, 0xFF, 0x9B, 0x32, 0x4A, 0xE2, 0x82] + Array(" end".utf8)
        var grid = CellGrid(width: 40, height: 1)
        grid.put(String(decoding: bytes, as: UTF8.self), x: 0, y: 0)
        #expect(Self.controlCells(grid).isEmpty)
        #expect(grid.text.contains("�"))
        #expect(grid.text.contains("end"))
    }
}
