import Foundation
import TriageConfig
import TriageCore
import TriageProbes
import TriageRunbook
import TriageUI

/// One parser of outside bytes that the fuzzer drives, by the name `scripts/fuzz.sh` passes.
///
/// Every target takes arbitrary bytes and must neither crash nor hang; parse errors are fine.
/// Targets with a property beyond "does not crash" (the sanitizer) check it and trap on a breach,
/// so libFuzzer records the input as a crash.
enum FuzzTarget: String, CaseIterable, Sendable {
    case runbook
    case config
    case dockerPS = "docker-ps"
    case dockerInspect = "docker-inspect"
    case dockerStats = "docker-stats"
    case kubePods = "kube-pods"
    case kubeWatch = "kube-watch"
    case kubeNodes = "kube-nodes"
    case kubeEvents = "kube-events"
    case curl
    case sanitizer
    case keys

    /// Runs one input through the target.
    func run(_ bytes: [UInt8]) {
        switch self {
        case .runbook:
            // The parser classifies every shell block it finds; the whole input is also classified as
            // one block, so the shell parser and the classifier see text no fence would hand them.
            _ = RunbookParser.parse(bytes: bytes, path: "fuzz.md")
            let text = String(decoding: bytes.prefix(1 << 16), as: UTF8.self)
            _ = RunbookCommand.destructiveFinding(text)
            _ = RunbookCommand.unsetVariables(text, environment: [:])
        case .config:
            _ = try? ConfigParser.parse(yaml: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml", baseDirectory: "/nonexistent")
        case .dockerPS:
            _ = DockerPSParser.parse(String(decoding: bytes, as: UTF8.self))
        case .dockerInspect:
            _ = try? DockerInspectParser.parse(Data(bytes))
        case .dockerStats:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = DockerStatsParser.parse(text)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
                _ = DockerStatsParser.parseLine(String(line))
                _ = ByteSize.parse(String(line))
            }
        case .kubePods:
            _ = try? KubePodListParser.parse(Data(bytes), context: "fuzz")
        case .kubeWatch:
            _ = try? KubeWatchEventParser.parse(String(decoding: bytes, as: UTF8.self), context: "fuzz")
        case .kubeNodes:
            _ = try? KubeNodeListParser.parse(Data(bytes), context: "fuzz")
        case .kubeEvents:
            _ = try? KubeEventListParser.parse(Data(bytes), context: "fuzz")
        case .curl:
            // Fed in two pieces, as a pipe may cut it: the same transfers as fed whole.
            // The marker of the recorded fixture that seeds this target (CurlParsingTests.recordedMarker).
            let marker = "5eed5eed5eed5eed"
            var reader = CurlWriteOut.Reader(marker: marker)
            let cut = bytes.count / 3
            let pieces = reader.feed(bytes[..<cut]) + reader.feed(bytes[cut...])
            precondition(pieces == CurlWriteOut.Reader.records(in: bytes, marker: marker), "curl records depend on where the pipe cut them")
            _ = CertificateDate.parse(String(decoding: bytes, as: UTF8.self))
        case .sanitizer:
            SanitizerProperty.check(bytes)
        case .keys:
            KeyDecoderProperty.check(bytes)
        }
    }
}
