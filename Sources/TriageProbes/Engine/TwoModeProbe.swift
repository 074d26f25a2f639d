import Foundation
import TriageCore

/// One docker host or Kubernetes context as a registered probe: continuous (the dashboard) polls the
/// source every round, one-shot (`triage check`) asks it for its one-shot round.
public struct TwoModeProbe<Source: TwoModeSource>: Probe {
    public let id: ProbeID
    public let source: Source
    private let mode: ProbeMode

    public init(_ source: Source, mode: ProbeMode) {
        id = source.probeID
        self.source = source
        self.mode = mode
    }

    public func poll(deadline: Duration) async -> ProbeData {
        switch mode {
        case .continuous: Source.data(await source.poll(deadline: deadline))
        case .oneShot: Source.data(await source.oneShot(deadline: deadline))
        }
    }

    public func stop() async { await source.stop() }
}
