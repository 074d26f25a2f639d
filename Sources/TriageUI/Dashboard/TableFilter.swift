import Foundation
import TriageCore

/// Filter-as-you-type in a table pane (`/` in Services, Containers and Pods): only rows whose
/// name, namespace or reason contains the text, ignoring case, stay. Esc clears it.
public struct TableFilter: Sendable, Equatable {
    public var text: String
    /// Keys go to the text until Enter (keeps the filter) or Esc (clears it).
    public var editing: Bool

    public init(text: String = "", editing: Bool = true) {
        self.text = text
        self.editing = editing
    }

    /// Panes whose rows `/` narrows.
    public static let panes: Set<PaneID> = [.services, .containers, .pods]

    /// Whether a row with these fields stays: any field contains the text (all rows when it is empty).
    public func keeps(_ fields: [String?]) -> Bool {
        let wanted = text.trimmingCharacters(in: .whitespaces)
        guard !wanted.isEmpty else { return true }
        return fields.contains { $0?.range(of: wanted, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
    }

    /// The pane's bottom border: `/pay▏ 3 of 12`, so the match count is read where the rows are.
    public func borderLine(matching: Int, of total: Int) -> StyledLine {
        var spans = [Span("/" + text, CellStyle(.accent, [.bold]))]
        if editing { spans.append(Span("▏", CellStyle(.accent, [.bold]))) }
        spans.append(Span(" \(matching) of \(total)", CellStyle(matching == 0 ? .warn : .muted, [.bold])))
        return StyledLine(spans)
    }
}
