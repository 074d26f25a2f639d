import Foundation
import TriageCore

/// Parses `kubectl get events -o json` (core v1 or events.k8s.io shapes) into `KubeEvent` values.
public enum KubeEventListParser {
    public static func parse(_ data: Data, context: String) throws(KubeParseError) -> [KubeEvent] {
        let list: KubeJSON.List<KubeJSON.Event>
        do {
            list = try JSONDecoder().decode(KubeJSON.List<KubeJSON.Event>.self, from: data)
        } catch {
            throw KubeParseError("kubectl printed something that is not an event list: \(KubePodListParser.describe(error))")
        }
        guard let items = list.items else { throw KubeParseError(list.message ?? "kubectl's JSON has no items") }
        return items.compactMap { $0.value.map { event($0, context: context) } }
    }

    /// One event object (a list item or a watch event's object).
    static func event(_ event: KubeJSON.Event, context: String) -> KubeEvent {
        let object = event.involvedObject ?? event.regarding
        let lastSeen = [event.series?.lastObservedTime, event.lastTimestamp, event.eventTime, event.firstTimestamp,
                        event.metadata?.creationTimestamp]
            .lazy.compactMap { $0.flatMap(RFC3339.parse) }.first
        return KubeEvent(
            context: context, namespace: event.metadata?.namespace ?? object?.namespace ?? "",
            objectKind: object?.kind ?? "", objectName: object?.name ?? "", reason: event.reason ?? "",
            message: event.message ?? event.note ?? "", count: event.series?.count ?? event.count ?? 1,
            lastSeen: lastSeen, type: event.type ?? "", uid: event.metadata?.uid ?? event.metadata?.name ?? "")
    }

    /// Events seen within `window` before `now`, newest first: the pane's "warnings of the last hour".
    public static func recent(_ events: [KubeEvent], now: Date, window: TimeInterval = 3600) -> [KubeEvent] {
        events.filter { event in
            guard let seen = event.lastSeen else { return false }
            return now.timeIntervalSince(seen) <= window
        }
        .sorted { ($0.lastSeen ?? .distantPast) > ($1.lastSeen ?? .distantPast) }
    }
}
