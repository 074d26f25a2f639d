import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// The timeline's time, kind and actor columns are separated and no kind is cut: "severity" ran
/// into the actor ("severityroot@vm") and "commander" was cut into another word ("command…root@vm").
@Suite struct TimelineColumnsTests {
    init() { #expect(localeReady) }

    static let events = TimelineKind.allCases.enumerated().map { index, kind in
        TimelineEvent(id: Int64(index + 1), incidentID: "INC-1", time: Date(timeIntervalSince1970: 1_795_000_000 + Double(index)),
                      actor: "root@vm", kind: kind, text: "what happened", automatic: kind == .probe)
    }

    @Test func everyKindIsWholeAndSeparatedFromTheActor() {
        let lines = IncidentPaneBuilder.timelineLines(Self.events, timeZone: TimeZone(identifier: "UTC")!).map(\.plainText)
        var actorColumns: Set<Int> = []
        for (event, line) in zip(Self.events, lines) {
            let kind = event.kind.rawValue
            #expect(line.range(of: #"^[0-9:]{8} "# + kind + #" +root@vm "#, options: .regularExpression) != nil, "\(line)")
            #expect(!line.contains("…"))
            actorColumns.insert(line.distance(from: line.startIndex, to: line.range(of: "root@vm")!.lowerBound))
        }
        // One actor column for every kind: the columns line up.
        #expect(actorColumns.count == 1)
        #expect(lines.contains { $0.contains("commander root@vm") })
        #expect(lines.contains { $0.contains("severity  root@vm") })
    }

    @Test func theIncidentPaneShowsTheTimelineColumnsApart() throws {
        let lines = IncidentPaneBuilder.timelineLines(Self.events, timeZone: TimeZone(identifier: "UTC")!)
        let model = PaneModel(id: .incident, state: .ok, body: [.text(TextView(lines: lines))], summary: "")
        var grid = CellGrid(width: 60, height: 14)
        model.renderBody(into: &grid, area: grid.bounds)
        let pane = grid.lines
        #expect(pane.contains { $0.range(of: "commander root@vm +what happened", options: .regularExpression) != nil }, "\(pane)")
        #expect(!pane.contains { $0.contains("command…") || $0.contains("severityroot") })
    }
}
