import Foundation
import TriageCore
import TriageUI

/// The log-source picker (`s` in the Logs pane): one list of the followed sources and what could
/// be followed, sorted by name (activity never reorders it); Space shows, hides or follows the
/// entry under the cursor, `t` picks how far back a newly followed one starts.
extension TerminalApp {
    /// Containers and pods the other panes show whose logs are not followed yet: the picker offers them.
    func logCandidates() -> [(kind: LogSource.Kind, name: String, label: String)] {
        guard let snapshot = latestSnapshot else { return [] }
        let followed = Set(logs.sources.map(\.source.kind)).union(startingSources)
        var result: [(LogSource.Kind, String, String)] = []
        for host in snapshot.docker {
            let argument = dockerHostArgument(host.host)
            for container in host.containers.sorted(by: { $0.name < $1.name }) {
                let kind = LogSource.Kind.docker(container: container.name, host: argument)
                if !followed.contains(kind) { result.append((kind, container.name, Self.pickerLabel(kind))) }
            }
        }
        for context in snapshot.kubernetes {
            for pod in context.pods.sorted(by: { ($0.namespace, $0.name) < ($1.namespace, $1.name) }) {
                let kind = LogSource.Kind.kubectl(target: pod.name, selector: nil, namespace: pod.namespace,
                                                  context: pod.context == "current" ? nil : pod.context, container: nil)
                if !followed.contains(kind) { result.append((kind, pod.name, Self.pickerLabel(kind))) }
            }
        }
        return Array(result.prefix(200))
    }

    /// How the picker names a source, from what it follows alone, so an entry keeps its name (and
    /// its place in the sorted list) when a candidate becomes a followed source.
    static func pickerLabel(_ kind: LogSource.Kind) -> String {
        switch kind {
        case .docker(let container, let host):
            return TerminalText.clean("container \(container)" + (host.map { " on \($0)" } ?? ""))
        case .kubectl(let target, let selector, let namespace, let context, let container):
            var label = target.map { $0.contains("/") ? $0 : "pod \($0)" } ?? "pods -l \(selector ?? "")"
            if let namespace { label = label.replacingOccurrences(of: "pod ", with: "pod \(namespace)/") }
            if let container { label += " [\(container)]" }
            if let context { label += " (\(context))" }
            return TerminalText.clean(label)
        case .file(let path):
            return TerminalText.clean("file \(path)")
        }
    }

    /// The picker's entries now: followed sources (shown or hidden, with their error rate), sources
    /// asked for that have not reported yet, then candidates; the picker sorts them.
    func sourcePickerEntries() -> [SourcePicker.Entry] {
        var entries = logs.sources.map { status -> SourcePicker.Entry in
            let spark = Sparkline(values: status.errorsPerMinute.map { Double($0) }).text(width: 10)
            let state = LogsPaneBuilder.describe(status).split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
            return SourcePicker.Entry(key: "source:\(status.source.id.rawValue)", label: Self.pickerLabel(status.source.kind),
                                      detail: state.trimmingCharacters(in: .whitespaces) + "  err/min " + spark,
                                      state: logs.isSourceVisible(status.source.id) ? .shown : .hidden)
        }
        let followed = Set(logs.sources.map(\.source.kind))
        for kind in startingSources where !followed.contains(kind) {
            entries.append(SourcePicker.Entry(key: "starting:" + Self.pickerLabel(kind), label: Self.pickerLabel(kind),
                                              detail: "starting…", state: .shown))
        }
        entries += logCandidates().map { SourcePicker.Entry(key: "follow:" + $0.label, label: $0.label, state: .notFollowed) }
        return entries
    }

    /// `s`: opens the picker; Space on an entry (`key`) shows, hides or follows it, and the list is
    /// rebuilt in place with the cursor on the same entry.
    mutating func pickSources(toggling key: String?) {
        var window = LogWindow.recentLines
        var label: String?
        if case .sources(let open)? = ui.modal?.kind {
            window = open.window
            label = open.selected?.label
        }
        startingSources.subtract(logs.sources.map(\.source.kind))
        if let key {
            if key.hasPrefix("source:"), let raw = Int(key.dropFirst("source:".count)),
               let status = logs.sources.first(where: { $0.source.id.rawValue == raw }) {
                logs.toggleSource(status.source.id)
            } else if key.hasPrefix("follow:"), let candidate = logCandidates().first(where: { "follow:" + $0.label == key }) {
                startingSources.insert(candidate.kind)
                followLogSource?(candidate.kind, candidate.name, window)
            }
        }
        ui.pickSources(SourcePicker(entries: sourcePickerEntries(), selectedKey: key, selectedLabel: label, window: window), for: .pickSources)
    }
}

extension TerminalApp {
    /// `l` (the last lines) and `L` (asks: last lines, 5m, 1h or all): follows the selection's logs.
    /// `since` nil opens the choice.
    mutating func followSelectionLogs(since window: LogWindow?) {
        guard let window else {
            ui.pick("Follow logs since", for: .followSelectionLogsSince, options: LogWindow.choices.map { $0.label() }, current: nil)
            return
        }
        let start = followLogSource
        SelectionLogs.follow(&ui, logs: &logs, snapshot: latestSnapshot, now: Date(), picture: framePicture.current,
                             dockerHostArgument: dockerHostArgument,
                             window: window, starting: &startingSources, start: start)
    }
}
