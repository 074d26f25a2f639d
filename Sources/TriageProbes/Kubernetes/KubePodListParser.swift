import Foundation
import TriageCore

/// Parses `kubectl get pods -o json` (a v1 `List` or `PodList`) into `PodInfo` values.
///
/// Reads only the fields the pane needs (see `KubeJSON`) with `JSONScanner`, skipping the rest by
/// byte scanning, and parses timestamps by hand: 5,000 real-looking pods (20 MB with managedFields)
/// take about 40 ms in a release build, against a 150 ms budget (`KubePodListSample` makes the input).
public enum KubePodListParser {
    public struct Result: Sendable {
        public var pods: [PodInfo]
        /// The list's resourceVersion, where a watch would resume.
        public var resourceVersion: String
        /// Items dropped because they had no name or a field of the wrong type.
        public var skippedItems: Int
    }

    public static func parse(_ data: Data, context: String) throws(KubeParseError) -> Result {
        let scanned: Swift.Result<KubePodScanner.ListResult, JSONScanner.Malformed> = data.withUnsafeBytes { raw in
            let scanner = JSONScanner(raw.bindMemory(to: UInt8.self))
            do throws(JSONScanner.Malformed) {
                let list = try KubePodScanner.list(scanner)
                guard scanner.atEnd else { throw JSONScanner.Malformed(offset: scanner.index, expected: "the end of the document") }
                return .success(list)
            } catch {
                return .failure(error)
            }
        }
        let list: KubePodScanner.ListResult
        switch scanned {
        case .success(let value): list = value
        case .failure(let error): throw KubeParseError("kubectl printed something that is not a pod list: \(error)")
        }
        if list.kind == "Status" {
            throw KubeParseError(list.message ?? "the API server answered with a Status instead of a list")
        }
        guard let items = list.items else { throw KubeParseError("kubectl's JSON has no items") }
        let pods = items.compactMap { KubePodConversion.podInfo($0, context: context) }
        return Result(
            pods: pods, resourceVersion: list.resourceVersion ?? "", skippedItems: list.dropped + items.count - pods.count)
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
