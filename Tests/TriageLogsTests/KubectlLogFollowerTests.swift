import Foundation
import Testing
import TriageCore
@testable import TriageLogs

/// The kubectl follower with the real kubectl against a loopback API stand-in whose follow
/// streams end every 10 lines, so the follower must re-run and resume without replaying.
@Suite(.serialized) struct KubectlLogFollowerTests {
    @Test func argumentsForPodDeploymentAndSelector() {
        let pod = KubectlLogFollower(target: "web-1", namespace: "shop", context: "prod", tail: 20)
        #expect(pod.arguments(since: nil) == ["--context", "prod", "--namespace", "shop", "logs", "--follow",
                                              "--timestamps", "--tail=20", "--", "web-1"])
        let deployment = KubectlLogFollower(target: "deployment/auth")
        #expect(deployment.arguments(since: LogTimestamp(seconds: 0)) == [
            "logs", "--follow", "--timestamps", "--since-time=1970-01-01T00:00:00.000000000Z", "--tail=-1", "--", "deployment/auth",
        ])
        let selector = KubectlLogFollower(selector: "app=web", tail: 5)
        #expect(selector.arguments(since: nil) == ["logs", "--follow", "--timestamps", "--tail=5", "--selector", "app=web",
                                                   "--prefix", "--max-log-requests=20", "--ignore-errors"])
        #expect(selector.maxRunTime == .seconds(60))
    }

    static func collect(_ hub: LogHub, timeout: Duration, until done: ([LogLine]) -> Bool) async throws -> [LogLine] {
        var lines: [LogLine] = []
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline, !done(lines) {
            try await Task.sleep(for: .milliseconds(50))
            lines += hub.inbox.drain()?.lines ?? []
        }
        return lines
    }

    @Test func followsAPodAcrossEndedStreamsWithoutReplay() async throws {
        let server = try await KubeLogStandIn.start(perConnection: 10, total: 30)
        let hub = LogHub()
        let follower = CommandLogFollower(
            KubectlLogFollower(target: "web-1", tail: 100, globalArguments: ["--kubeconfig", server.kubeconfig]),
            backoff: RetryBackoff(initial: .milliseconds(100), maximum: .milliseconds(400)))
        await hub.add(.kubectl(target: "web-1", selector: nil, namespace: nil, context: nil, container: nil)) {
            await follower.run(into: $0)
        }
        let lines = try await Self.collect(hub, timeout: .seconds(30)) { $0.count >= 30 }
        await hub.stopAll()
        await server.stop()
        let texts = lines.map(\.text)
        #expect(texts.count == 30, "\(texts)")
        #expect(texts.first == "web-1 line 0")
        #expect(texts.last == "web-1 line 29")
        #expect(texts[3] == "web-1 line 3 ␛]0;owned ␛[2J ERROR boom")
        #expect(lines[3].severity == .crit)
        #expect(Set(texts).count == texts.count)
        #expect(lines.allSatisfy { $0.timestamp != nil })
        #expect(await follower.runs >= 3)
    }

    @Test func followsEveryPodOfASelectorWithPrefixes() async throws {
        let server = try await KubeLogStandIn.start(perConnection: 8, total: 16)
        let hub = LogHub()
        let follower = CommandLogFollower(
            KubectlLogFollower(selector: "app=web", tail: 100, globalArguments: ["--kubeconfig", server.kubeconfig]),
            backoff: RetryBackoff(initial: .milliseconds(100), maximum: .milliseconds(400)))
        await hub.add(.kubectl(target: nil, selector: "app=web", namespace: nil, context: nil, container: nil)) {
            await follower.run(into: $0)
        }
        let lines = try await Self.collect(hub, timeout: .seconds(30)) { $0.count >= 32 }
        await hub.stopAll()
        await server.stop()
        let texts = lines.map(\.text)
        #expect(texts.count == 32, "\(texts)")
        for pod in ["web-1", "web-2"] {
            let mine = texts.filter { $0.hasPrefix("[pod/\(pod)/app] ") }
            #expect(mine.count == 16, "\(pod): \(mine)")
            #expect(mine.last == "[pod/\(pod)/app] \(pod) line 15")
        }
        #expect(!texts.contains { $0.contains("db-1") })
        #expect(Set(texts).count == texts.count)
    }
}
