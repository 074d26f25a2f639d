import Foundation
import TriageCore

/// Parses one watch event object (`{"type":"ADDED","object":{...}}`) into a `KubeWatchEvent`.
///
/// Pods go through `KubePodScanner` (the hot path: thousands per relist); nodes and events, small and
/// few, through Codable.
public enum KubeWatchEventParser {
    public static func parse(_ text: String, context: String, resource: KubeWatchResource) throws(KubeParseError) -> KubeWatchEvent {
        switch resource {
        case .pods:
            return try parse(text, context: context)
        case .nodes:
            return try typed(text, as: KubeJSON.Node.self) { object throws(KubeParseError) in
                guard let node = KubeNodeListParser.node(object, context: context) else { throw KubeParseError("a node without a name") }
                return (node, nil)
            }
        case .events:
            return try typed(text, as: KubeJSON.Event.self) { object in (nil, KubeEventListParser.event(object, context: context)) }
        }
    }

    private static func typed<Object: Decodable>(
        _ text: String, as: Object.Type, convert: (Object) throws(KubeParseError) -> (NodeInfo?, KubeEvent?)
    ) throws(KubeParseError) -> KubeWatchEvent {
        let envelope: KubeJSON.TypedWatchEvent<Object>
        do {
            envelope = try JSONDecoder().decode(KubeJSON.TypedWatchEvent<Object>.self, from: Data(text.utf8))
        } catch {
            throw KubeParseError("not a watch event: \(KubePodListParser.describe(error))")
        }
        guard let type = envelope.type, let kind = KubeWatchEvent.Kind(rawValue: type) else {
            throw KubeParseError("watch event of unknown type \(envelope.type ?? "(none)")")
        }
        let status = envelope.status
        switch kind {
        case .error:
            return KubeWatchEvent(
                kind: .error, pod: nil, errorMessage: status?.message ?? status?.reason ?? "watch error", errorCode: status?.code)
        case .bookmark:
            return KubeWatchEvent(kind: .bookmark, pod: nil)
        case .added, .modified, .deleted:
            guard let object = envelope.object, status?.kind != "Status" else { throw KubeParseError("\(type) event without an object") }
            let (node, event) = try convert(object)
            return KubeWatchEvent(kind: kind, pod: nil, node: node, event: event)
        }
    }

    public static func parse(_ text: String, context: String) throws(KubeParseError) -> KubeWatchEvent {
        var text = text
        let scanned: Result<KubeJSON.WatchEvent, JSONScanner.Malformed> = text.withUTF8 { bytes in
            let scanner = JSONScanner(bytes)
            do throws(JSONScanner.Malformed) {
                return .success(try KubePodScanner.watchEvent(scanner))
            } catch {
                return .failure(error)
            }
        }
        let event: KubeJSON.WatchEvent
        switch scanned {
        case .success(let value): event = value
        case .failure(let error): throw KubeParseError("not a watch event: \(error)")
        }
        guard let type = event.type, let kind = KubeWatchEvent.Kind(rawValue: type) else {
            throw KubeParseError("watch event of unknown type \(event.type ?? "(none)")")
        }
        let object = event.object
        let version = object?.metadata?.resourceVersion ?? ""
        switch kind {
        case .error:
            let message = object?.message ?? object?.reason ?? "watch error"
            return KubeWatchEvent(kind: .error, pod: nil, errorMessage: message, errorCode: object?.code, resourceVersion: version)
        case .bookmark:
            return KubeWatchEvent(kind: .bookmark, pod: nil, resourceVersion: version)
        case .added, .modified, .deleted:
            guard let object, object.kind != "Status", let pod = KubePodConversion.podInfo(object, context: context) else {
                throw KubeParseError("\(type) event without a pod")
            }
            return KubeWatchEvent(kind: kind, pod: pod, resourceVersion: version)
        }
    }
}
