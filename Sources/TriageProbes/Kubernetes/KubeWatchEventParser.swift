import Foundation
import TriageCore

/// Parses one watch event object (`{"type":"ADDED","object":{...}}`) into a `KubeWatchEvent`.
public enum KubeWatchEventParser {
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
            return KubeWatchEvent(kind: .error, pod: nil, errorMessage: message, resourceVersion: version)
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
