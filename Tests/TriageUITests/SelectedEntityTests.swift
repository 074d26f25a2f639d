import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// `Enter`/`d` must describe the row under the cursor: SelectedEntity orders rows as the pane
/// builders do, checked here against the row each built pane highlights, for every row, sort and
/// filter, so the two cannot drift apart.
@Suite struct SelectedEntityTests {
    init() { #expect(localeReady) }

    static func selectedRowText(_ pane: PaneModel) -> String? {
        for block in pane.body {
            guard case .table(let table) = block, let index = table.selected else { continue }
            let row = table.lazyRows.map { $0.make(index) } ?? table.rows[index]
            return row.cells.map(\.plainText).joined(separator: " ")
        }
        return nil
    }

    @Test func everyRowOfEveryPaneOpensItsOwnEntity() throws {
        let snapshot = try OutageDashboardSnapshotTests.snapshot()
        let now = OutageDashboardSnapshotTests.now
        var checked = 0
        // Every container order with every pod order beside it, with and without a `/` filter.
        for (sort, podSort) in zip(UIState.ContainerSort.allCases, PodSortKey.allCases) {
            for brokenOnly in [false, true] {
                for filter in ["", "e"] {
                for pane in [PaneID.services, .containers, .pods] {
                    var ui = UIState()
                    ui.focus = pane
                    ui.containerSort = sort
                    ui.podSort = podSort
                    if !filter.isEmpty { ui.filters[pane] = TableFilter(text: filter, editing: false) }
                    if brokenOnly { ui.brokenOnly.insert(pane) }
                    let rows: Int
                    switch pane {
                    case .services: rows = SelectedEntity.services(snapshot, ui: ui).count
                    case .containers: rows = SelectedEntity.containers(snapshot, ui: ui).count
                    default: rows = SelectedEntity.pods(snapshot, ui: ui, now: now).count
                    }
                    for index in 0..<rows {
                        ui.selection[pane] = index
                        let built: PaneModel = switch pane {
                        case .services: ServicesPaneBuilder.build(snapshot, ui: ui, now: now).0
                        case .containers: ContainersPaneBuilder.build(snapshot.docker, ui: ui, now: now).0
                        default: PodsPaneBuilder.build(snapshot.kubernetes, ui: ui, now: now).0
                        }
                        let text = try #require(Self.selectedRowText(built), "\(pane) row \(index): no selected row")
                        let name: String? = switch SelectedEntity.target(snapshot, ui: ui, now: now) {
                        case .service(let name)?: name
                        case .container(let id)?: snapshot.docker.flatMap(\.containers).first { $0.id == id }?.name
                        case .pod(let id)?: snapshot.kubernetes.flatMap(\.pods).first { $0.id == id }?.name
                        default: nil
                        }
                        let expected = try #require(name, "\(pane) row \(index): no entity")
                        // Names may be cut with … in a narrow column: compare what is shown.
                        let shown = text.split(separator: " ").first { expected.hasPrefix($0.replacingOccurrences(of: "…", with: "")) && $0.count > 3 }
                        #expect(shown != nil, "\(pane) sort \(sort) broken-only \(brokenOnly) row \(index): highlighted \"\(text)\", would open \(expected)")
                        checked += 1
                    }
                }
                }
            }
        }
        #expect(checked > 80)
    }
}
