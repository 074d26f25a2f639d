import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// Issue 14 §5: `/` in Services, Containers and Pods narrows the rows as you type (name,
/// namespace or reason), the pane border shows the match count, Esc clears.
@Suite struct TableFilterTests {
    init() { #expect(localeReady) }

    static let now = OutageDashboardSnapshotTests.now
    static let sources = DashboardSources(servicesConfigured: true, dockerHosts: ["local"], kubeContexts: ["prod"])

    static func type(_ keys: [Key], into ui: inout UIState, snapshot: DashboardSnapshot) {
        for key in keys {
            let counts: [PaneID: Int] = [
                .services: SelectedEntity.services(snapshot, ui: ui).count,
                .containers: SelectedEntity.containers(snapshot, ui: ui).count,
                .pods: SelectedEntity.pods(snapshot, ui: ui, now: now).count,
            ]
            _ = ui.handle(key, keymap: .standard, rowCounts: counts, pageSize: 5)
        }
    }

    static func keys(_ text: String) -> [Key] { text.map { .char($0) } }

    static func pane(_ id: PaneID, _ snapshot: DashboardSnapshot, ui: UIState) -> [String] {
        ScreenRegion.pane(id, of: ScreenRegion.render(snapshot, sources: sources, ui: ui, width: 160, height: 50, now: now), ui: ui)
    }

    @Test func typingNarrowsServicesAndTheBorderCountsMatches() throws {
        let snapshot = try OutageDashboardSnapshotTests.snapshot()
        var ui = UIState()
        ui.focus = .services
        Self.type([.char("/")] + Self.keys("502"), into: &ui, snapshot: snapshot)
        // By reason: only checkout says "HTTP 502".
        #expect(SelectedEntity.services(snapshot, ui: ui).map(\.name) == ["checkout"])
        var shown = Self.pane(.services, snapshot, ui: ui)
        #expect(shown.last?.contains("/502▏ 1 of 3") == true, "\(shown.joined(separator: "\n"))")
        #expect(!shown.contains { $0.contains("postgres") })
        // Enter keeps it (keys are the pane's again); Esc clears it.
        Self.type([.enter], into: &ui, snapshot: snapshot)
        #expect(ui.filters[.services]?.editing == false)
        shown = Self.pane(.services, snapshot, ui: ui)
        #expect(shown.last?.contains("/502 1 of 3") == true, "\(shown.last ?? "")")
        Self.type([.escape], into: &ui, snapshot: snapshot)
        #expect(ui.filters[.services] == nil)
        #expect(SelectedEntity.services(snapshot, ui: ui).count == 3)
        #expect(Self.pane(.services, snapshot, ui: ui).contains { $0.contains("postgres") })
    }

    @Test func podsMatchByNameNamespaceOrReasonAndCaseDoesNotMatter() throws {
        let snapshot = try OutageDashboardSnapshotTests.snapshot()
        let all = snapshot.kubernetes.flatMap(\.pods)
        let crash = try #require(all.first { $0.status == "CrashLoopBackOff" })
        var ui = UIState()
        ui.focus = .pods
        Self.type([.char("/")] + Self.keys("crashloop"), into: &ui, snapshot: snapshot)
        let byReason = SelectedEntity.pods(snapshot, ui: ui, now: Self.now)
        // Every crash-looping pod, and only pods whose status or reason says so (any case).
        #expect(Set(all.filter { $0.status == "CrashLoopBackOff" }.map(\.id)).isSubset(of: Set(byReason.map(\.id))))
        #expect(byReason.allSatisfy { pod in TableFilter.fields(pod).contains { $0?.lowercased().contains("crashloop") == true } })
        #expect(byReason.count < all.count)
        let border = try #require(Self.pane(.pods, snapshot, ui: ui).last)
        #expect(border.contains("/crashloop▏ \(byReason.count) of \(all.count)"), "\(border)")
        // Backspace all the way, then a namespace.
        Self.type(Array(repeating: .backspace, count: 9) + Self.keys(crash.namespace.uppercased()), into: &ui, snapshot: snapshot)
        let byNamespace = Set(SelectedEntity.pods(snapshot, ui: ui, now: Self.now).map(\.id))
        #expect(Set(all.filter { $0.namespace == crash.namespace }.map(\.id)).isSubset(of: byNamespace))
        #expect(ui.filters[.pods]?.text == crash.namespace.uppercased())
        // Nothing matches: the pane says so instead of going blank.
        Self.type(Self.keys("zzzz"), into: &ui, snapshot: snapshot)
        let none = Self.pane(.pods, snapshot, ui: ui)
        #expect(none.contains { $0.contains("no pod matches (Esc clears the filter)") }, "\(none.joined(separator: "\n"))")
        #expect(none.last?.contains("0 of \(all.count)") == true)
    }

    @Test func whileTypingLettersAreTextNotKeysButArrowsStillMove() throws {
        let snapshot = try OutageDashboardSnapshotTests.snapshot()
        var ui = UIState()
        ui.focus = .containers
        // `b` (broken only) and `o` (sort) are letters of the filter while it is typed.
        Self.type([.char("/")] + Self.keys("bo"), into: &ui, snapshot: snapshot)
        #expect(ui.filters[.containers]?.text == "bo")
        #expect(ui.brokenOnly.isEmpty)
        #expect(ui.containerSort == .severity)
        Self.type([.backspace, .backspace] + Self.keys("r"), into: &ui, snapshot: snapshot)
        let matching = SelectedEntity.containers(snapshot, ui: ui)
        #expect(matching.map(\.name).sorted() == ["checkout-api", "worker"])
        Self.type([.down], into: &ui, snapshot: snapshot)
        #expect(ui.selection[.containers] == 1)
        // A paste while typing goes into the filter.
        let step = InputRouter(read: [.paste("ker", ended: true, dropped: 0)])
            .apply(.paste("ker", ended: true, dropped: 0), to: &ui, keymap: .standard, rowCounts: [:], pageSize: 5)
        #expect(step.effects.isEmpty)
        #expect(ui.filters[.containers]?.text == "rker")
        #expect(SelectedEntity.containers(snapshot, ui: ui).map(\.name) == ["worker"])
    }
}

/// Issue 14 §5: the Pods pane gets `o` sort orders like Containers (severity, restarts, age, name).
@Suite struct PodSortTests {
    static let now = OutageDashboardSnapshotTests.now

    @Test func oCyclesThePodOrdersAndTheBorderNamesIt() throws {
        let snapshot = try OutageDashboardSnapshotTests.snapshot()
        var ui = UIState()
        ui.focus = .pods
        var seen: [PodSortKey] = [ui.podSort]
        for _ in 0..<4 {
            _ = ui.handle(.char("o"), keymap: .standard, rowCounts: [:], pageSize: 5)
            seen.append(ui.podSort)
        }
        #expect(seen == [.severity, .restarts, .age, .name, .severity])
        #expect(ui.containerSort == .severity, "o in Pods leaves the Containers order alone")
        ui.podSort = .restarts
        let border = ScreenRegion.pane(.pods, of: ScreenRegion.render(snapshot, sources: TableFilterTests.sources, ui: ui,
                                                                      width: 160, height: 50, now: Self.now), ui: ui).last ?? ""
        #expect(border.contains("sort: restarts"), "\(border)")
    }

    @Test func eachOrderSortsWhatItSays() throws {
        let pods = try OutageDashboardSnapshotTests.snapshot().kubernetes.flatMap(\.pods)
        let restarts = PodSortKey.restarts.sorted(pods, now: Self.now).map(\.restarts)
        #expect(restarts == restarts.sorted(by: >))
        #expect(restarts.first ?? 0 > 0)
        let ages = PodSortKey.age.sorted(pods, now: Self.now).compactMap(\.creationTimestamp)
        #expect(ages == ages.sorted(by: >), "youngest first")
        let names = PodSortKey.name.sorted(pods, now: Self.now).map { "\($0.namespace)/\($0.name)" }
        #expect(names == names.sorted())
        let severities = PodSortKey.severity.sorted(pods, now: Self.now).map { $0.healthState(now: Self.now) }
        #expect(severities == severities.sorted(by: >))
        // Different orders really differ on this data (so the cycle is not cosmetic).
        #expect(Set([PodSortKey.severity, .restarts, .age, .name].map { $0.sorted(pods, now: Self.now).map(\.id) }).count == 4)
    }
}
