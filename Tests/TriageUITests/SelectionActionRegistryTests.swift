import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// The registry of actions on the selection (SelectionAction.all): the argv each one runs, that a
/// name from the engine or the API server stays one argv word after `--`, that "needs a typed yes"
/// agrees with the runbook commands' classifier, and that its keys reach the keymap and the help.
@Suite struct SelectionActionRegistryTests {
    @Test func eachActionBuildsItsArgvWithTheRowsHostOrContext() {
        let container = ActionTarget.container(name: "lab-web", host: "unix:///tmp/lab/podman.sock")
        #expect(SelectionAction.action(.containerRestart).argv(for: container) == ["docker", "--host", "unix:///tmp/lab/podman.sock", "restart", "--", "lab-web"])
        #expect(SelectionAction.action(.containerStop).argv(for: container) == ["docker", "--host", "unix:///tmp/lab/podman.sock", "stop", "--", "lab-web"])
        #expect(SelectionAction.action(.containerStart).argv(for: .container(name: "lab-web", host: "context:prod"))
            == ["docker", "--context", "prod", "start", "--", "lab-web"])
        #expect(SelectionAction.action(.containerRestart).argv(for: .container(name: "w", host: nil)) == ["docker", "restart", "--", "w"])
        let pod = ActionTarget.pod(name: "payments-6b8d-crash", namespace: "shop", context: "lab")
        #expect(SelectionAction.action(.podDelete).argv(for: pod)
            == ["kubectl", "--context", "lab", "--namespace", "shop", "delete", "pod", "--wait=false", "--", "payments-6b8d-crash"])
        #expect(SelectionAction.action(.rolloutRestart).argv(for: .deployment(name: "payments", namespace: "shop", context: nil))
            == ["kubectl", "--namespace", "shop", "rollout", "restart", "deployment/payments"])
        #expect(SelectionAction.action(.nodeCordon).argv(for: .node(name: "node-b", context: "lab")) == ["kubectl", "--context", "lab", "cordon", "--", "node-b"])
        #expect(SelectionAction.action(.nodeUncordon).argv(for: .node(name: "node-b", context: nil)) == ["kubectl", "uncordon", "--", "node-b"])
        #expect(SelectionAction.ownerLookupArgv(replicaSet: "payments-6b8d", namespace: "shop", context: "lab")
            == ["kubectl", "--context", "lab", "--namespace", "shop", "get", "replicaset", "-o",
                "jsonpath={.metadata.ownerReferences[?(@.kind==\"Deployment\")].name}", "--", "payments-6b8d"])
        #expect(SelectionAction.describeArgv(.node(name: "node-b", context: nil)) == ["kubectl", "describe", "node", "--", "node-b"])
        #expect(SelectionAction.describeArgv(pod) == ["kubectl", "--context", "lab", "--namespace", "shop", "describe", "pod", "--", "payments-6b8d-crash"])
    }

    @Test func anActionRefusesATargetOfAnotherKind() {
        // A rollout restart needs the deployment resolved: a pod alone builds nothing.
        #expect(SelectionAction.action(.rolloutRestart).argv(for: .pod(name: "p", namespace: "n", context: nil)) == nil)
        #expect(SelectionAction.action(.containerRestart).argv(for: .node(name: "n", context: nil)) == nil)
        #expect(SelectionAction.action(.nodeCordon).argv(for: .container(name: "c", host: nil)) == nil)
    }

    @Test func aHostileNameStaysOneWordAfterTheEndOfOptions() throws {
        let name = "--kubeconfig=/tmp/evil; rm -rf / $(id)"
        let argv = try #require(SelectionAction.action(.podDelete).argv(for: .pod(name: name, namespace: "shop", context: nil)))
        #expect(argv.last == name)
        #expect(argv[argv.count - 2] == "--")
        let docker = try #require(SelectionAction.action(.containerStop).argv(for: .container(name: name, host: nil)))
        #expect(Array(docker.suffix(2)) == ["--", name])
    }

    @Test func needingATypedYesAgreesWithTheRunbookClassifier() throws {
        let targets: [SelectionAction.Kind: ActionTarget] = [
            .container: .container(name: "web", host: nil), .pod: .pod(name: "p", namespace: "n", context: nil), .node: .node(name: "n1", context: nil),
        ]
        for action in SelectionAction.all {
            let target = action.id == .rolloutRestart ? .deployment(name: "d", namespace: "n", context: nil) : try #require(targets[action.kind])
            let argv = try #require(action.argv(for: target), "\(action.id)")
            let text = argv.map(CheckDefinition.shellWord).joined(separator: " ")
            #expect((RunbookCommand.destructiveReason(text) != nil) == action.destructive, "\(action.id): \(text)")
        }
    }

    @Test func keysAreUniqueWithinAPaneAndReachTheKeymapAsStateChanging() {
        for pane in PaneID.allCases {
            let keys = Keymap.standard.bindings.filter { $0.scope == .pane(pane) }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "a key bound twice in \(pane): \(keys)")
        }
        for action in SelectionAction.all {
            let binding = Keymap.standard.bindings.first { $0.action == .selectionAction(action.id) }
            #expect(binding?.mutates == true, "\(action.id) is not refused on the wall")
            #expect(binding?.keys == [.char(action.key)])
        }
    }

    @Test func theFooterShowsTheFocusedPanesActions() {
        let containers = Keymap.standard.footerHints(focus: .containers, readOnly: false).map(\.key)
        #expect(containers.contains("R") && containers.contains("x"), "\(containers)")
        let pods = Keymap.standard.footerHints(focus: .pods, readOnly: false).map(\.key)
        #expect(pods.contains("D") && pods.contains("x"), "\(pods)")
        let wall = Keymap.standard.footerHints(focus: .containers, readOnly: true).map(\.key)
        #expect(!wall.contains("R"), "the wall's footer offers a restart: \(wall)")
    }

    @Test func helpOpensAtTheFocusedPanesKeys() throws {
        var ui = UIState()
        ui.focus = .pods
        _ = ui.handle(.char("?"), keymap: .standard, rowCounts: [:], pageSize: 5)
        let help = try #require(ui.modal)
        #expect(help.body[help.scroll].plainText == "Pods pane", "help opened at \(help.body[help.scroll].plainText)")
        #expect(help.body.contains { $0.plainText.contains("delete the pod (asks first)") })
        #expect(help.body.contains { $0.plainText.contains("cordon the pod's node (asks first)") })
    }

    @Test func actionKeysInADetailViewActOnItsEntityAndTheWallRefusesThem() {
        var ui = UIState()
        ui.detail = .pod("lab/shop/p")
        #expect(ui.handle(.char("D"), keymap: .standard, rowCounts: [:], pageSize: 5) == [.domain(.selectionAction(.podDelete), input: nil)])
        // On a pod's view the node actions act on its node.
        #expect(ui.handle(.char("C"), keymap: .standard, rowCounts: [:], pageSize: 5) == [.domain(.selectionAction(.nodeCordon), input: nil)])
        #expect(ui.handle(.char("i"), keymap: .standard, rowCounts: [:], pageSize: 5) == [.domain(.describeSelection, input: nil)])
        ui.detail = .container("local/abc")
        #expect(ui.handle(.char("R"), keymap: .standard, rowCounts: [:], pageSize: 5) == [.domain(.selectionAction(.containerRestart), input: nil)])
        ui.detail = .host
        #expect(ui.handle(.char("R"), keymap: .standard, rowCounts: [:], pageSize: 5).isEmpty)
        var wall = UIState(readOnly: true)
        wall.detail = .node("lab/node-a")
        #expect(wall.handle(.char("C"), keymap: .standard, rowCounts: [:], pageSize: 5).isEmpty)
        #expect(wall.flash?.plainText.contains("read-only") == true)
    }
}
