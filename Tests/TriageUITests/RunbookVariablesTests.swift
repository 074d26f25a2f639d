import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// Runbook commands bound to the selection: each pane's cursor binds its variables, and the
/// confirmation shows the values the shell will get (or which is unset).
@Suite struct RunbookVariablesTests {
    init() { #expect(localeReady) }

    @Test func eachPanesCursorBindsItsVariables() throws {
        let snapshot = try OutageDashboardSnapshotTests.snapshot()
        let now = OutageDashboardSnapshotTests.now
        var ui = UIState()
        ui.focus = .incident
        var sources = DashboardSources(servicesConfigured: true)
        sources.checkDefinitions = ["checkout": [("URL", "https://shop.example/health")]]
        let containers = SelectedEntity.containers(snapshot, ui: ui)
        let pods = SelectedEntity.pods(snapshot, ui: ui, now: now)
        ui.selection[.containers] = 1
        ui.selection[.pods] = 2
        let bound = RunbookVariables.bound(snapshot, ui: ui, sources: sources, now: now, dockerHostArgument: { _ in "unix:///run/podman.sock" })
        #expect(bound["CONTAINER"] == containers[1].name)
        #expect(bound["DOCKER_HOST"] == "unix:///run/podman.sock")
        #expect(bound["POD"] == pods[2].name && bound["NAMESPACE"] == pods[2].namespace && bound["CONTEXT"] == "prod")
        #expect(bound["SERVICE"] == "checkout" && bound["SERVICE_URL"] == "https://shop.example/health")
    }

    @Test func configVarsFillWhatNoCursorBinds() throws {
        var sources = DashboardSources()
        sources.runbookVars = ["CONTEXT": "prod-eu", "NAMESPACE": "default", "SERVICE_URL": "https://fixed"]
        // No snapshot yet: the fixed values alone.
        #expect(RunbookVariables.bound(nil, ui: UIState(), sources: sources, now: Date(), dockerHostArgument: { _ in nil })["CONTEXT"] == "prod-eu")
        // A pod under the cursor overrides them.
        let snapshot = try OutageDashboardSnapshotTests.snapshot()
        let bound = RunbookVariables.bound(snapshot, ui: UIState(), sources: sources, now: OutageDashboardSnapshotTests.now, dockerHostArgument: { _ in nil })
        #expect(bound["CONTEXT"] == "prod")
        #expect(bound["NAMESPACE"] != "default")
    }

    @Test func theCommandsVariablesAreFoundAndShownQuotedOrUnset() {
        let code = "docker restart \"$CONTAINER\" && kubectl -n ${NAMESPACE} delete pod \"$POD\" # $PODS is not POD"
        #expect(RunbookVariables.referenced(in: code) == ["CONTAINER", "POD", "NAMESPACE"])
        #expect(RunbookVariables.referenced(in: "echo $PODS $CONTAINERS") == [])
        let lines = RunbookVariables.confirmationLines(code: code, bound: ["CONTAINER": "lab web", "POD": "p-1"]).map(\.plainText)
        #expect(lines == ["  CONTAINER='lab web'", "  POD=p-1", "  NAMESPACE is not set: select a row in its pane first"])
    }
}
