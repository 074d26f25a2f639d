import Testing
@testable import TriageApp

/// Latencies as the Services pane and the check detail view write them: a loopback answer under a
/// millisecond used to read `0ms`, as if nothing had been measured.
@Suite struct LatencyTextTests {
    @Test func underAMillisecondReadsLessThanOne() {
        #expect(ServicesPaneBuilder.format(.microseconds(400)) == "<1ms")
        #expect(ServicesPaneBuilder.format(.zero) == "<1ms")
        #expect(ServicesPaneBuilder.format(.milliseconds(1)) == "1ms")
        #expect(ServicesPaneBuilder.format(.milliseconds(2300)) == "2.30s")
        #expect(DetailText.latency(nil) == "—")
    }
}
