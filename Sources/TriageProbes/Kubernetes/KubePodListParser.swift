import Foundation
import TriageCore

/// Parses `kubectl get pods -o json` (a v1 `List` or `PodList`) into `PodInfo` values.
///
/// Decodes only the fields the pane needs (see `KubeJSON`), with hand-rolled timestamp parsing:
/// 5,000 real-looking pods parse well inside the 150 ms release budget (`triage-bench` measures it
/// with `KubePodListSample`).
public enum KubePodListParser {
    public struct Result: Sendable {
        public var pods: [PodInfo]
        /// The list's resourceVersion, where a watch would resume.
        public var resourceVersion: String
        /// Items dropped because they had no name or a field of the wrong type.
        public var skippedItems: Int
    }

    public static func parse(_ data: Data, context: String) throws(KubeParseError) -> Result {
        let list: KubeJSON.List<KubeJSON.Pod>
        do {
            list = try JSONDecoder().decode(KubeJSON.List<KubeJSON.Pod>.self, from: data)
        } catch {
            throw KubeParseError("kubectl printed something that is not a pod list: \(Self.describe(error))")
        }
        if list.kind == "Status" {
            throw KubeParseError(list.message ?? "the API server answered with a Status instead of a list")
        }
        guard let items = list.items else { throw KubeParseError("kubectl's JSON has no items") }
        let pods = items.compactMap { $0.value.flatMap { KubePodConversion.podInfo($0, context: context) } }
        return Result(
            pods: pods, resourceVersion: list.metadata?.resourceVersion ?? "", skippedItems: items.count - pods.count)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            context.codingPath.map(\.stringValue).joined(separator: ".") + ": " + context.debugDescription
        default: "\(error)"
        }
    }
}
