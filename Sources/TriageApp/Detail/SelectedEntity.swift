import Foundation
import TriageCore
import TriageUI

/// The entity under a pane's cursor, in the order that pane shows its rows.
///
/// The order is the pane builders' (ServicesPaneBuilder, ContainersPaneBuilder, PodsPaneBuilder);
/// SelectedEntityTests checks each against the row the built pane highlights, so the two cannot drift.
enum SelectedEntity {
    static func target(_ snapshot: DashboardSnapshot, ui: UIState, now: Date) -> DetailTarget? {
        let index = ui.selection[ui.focus] ?? 0
        switch ui.focus {
        case .services: return pick(services(snapshot, ui: ui), index).map { .service($0.name) }
        case .containers: return pick(containers(snapshot, ui: ui), index).map { .container($0.id) }
        case .pods: return pick(pods(snapshot, ui: ui, now: now), index).map { .pod($0.id) }
        case .host: return .host
        case .logs, .incident: return nil
        }
    }

    static func services(_ snapshot: DashboardSnapshot, ui: UIState) -> [ServiceCheckTrack] {
        var indexed = snapshot.serviceOrder.enumerated().compactMap { index, name in snapshot.services[name].map { (index, $0) } }
        if ui.brokenOnly.contains(.services) { indexed = indexed.filter { $0.1.state != .ok } }
        indexed = ui.filtered(indexed, in: .services) { TableFilter.fields($0.1) }
        indexed.sort { a, b in a.1.state != b.1.state ? a.1.state > b.1.state : a.0 < b.0 }
        return indexed.map(\.1)
    }

    static func containers(_ snapshot: DashboardSnapshot, ui: UIState) -> [ContainerInfo] {
        var all = snapshot.docker.flatMap(\.containers)
        if ui.brokenOnly.contains(.containers) { all = all.filter { $0.healthState != .ok } }
        all = ui.filtered(all, in: .containers, fields: TableFilter.fields)
        let key: ContainerSortKey = switch ui.containerSort {
        case .severity: .severity
        case .cpu: .cpu
        case .memory: .memory
        case .name: .name
        }
        return key.sorted(all)
    }

    static func pods(_ snapshot: DashboardSnapshot, ui: UIState, now: Date) -> [PodInfo] {
        var pods = snapshot.kubernetes.flatMap(\.pods)
        if ui.brokenOnly.contains(.pods) { pods = pods.filter { $0.isBroken(now: now) } }
        return ui.podSort.sorted(ui.filtered(pods, in: .pods, fields: TableFilter.fields), now: now)
    }

    private static func pick<T>(_ rows: [T], _ index: Int) -> T? {
        rows.isEmpty ? nil : rows[min(max(0, index), rows.count - 1)]
    }
}
