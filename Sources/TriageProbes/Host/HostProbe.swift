import Foundation
import Synchronization
import TriageCore

/// The host as a registered probe: one `HostSampler` reading per round.
///
/// CPU% needs two readings; the dashboard's rounds supply them one interval apart. In one-shot mode
/// (`triage check`) a round reads twice, `cpuSampleGap` apart, so the single round has a CPU figure.
public final class HostProbe: Probe {
    public let id = ProbeID(.host, "host")
    private let sampler: Mutex<HostSampler>
    private let cpuSampleGap: Duration?

    /// The gap between a one-shot round's two readings.
    public static let oneShotCPUGap: Duration = .milliseconds(250)

    /// A round reads /proc and statvfs of local filesystems only (``HostSampler``), and in one-shot
    /// mode sleeps a quarter second: nothing a hard-stop timer could end sooner.
    public var needsHardStopTimer: Bool { false }

    public init(mode: ProbeMode, procRoot: String = "/proc") {
        sampler = Mutex(HostSampler(procRoot: procRoot))
        cpuSampleGap = mode == .oneShot ? Self.oneShotCPUGap : nil
    }

    public func poll(deadline: Duration) async -> ProbeData {
        if let cpuSampleGap {
            _ = sampler.withLock { $0.sample() }
            try? await Task.sleep(for: cpuSampleGap)
        }
        return .host(sampler.withLock { $0.sample() })
    }
}
