import Testing
import TriageCore
@testable import TriageLogs

/// Issue 14 §2: a `since` choice for followed logs (`L` on a container or pod, `t` in the source
/// picker): the first run of docker and kubectl starts that far back; a resume still continues
/// from the last line shown, whatever the choice.
@Suite struct LogSinceTests {
    @Test func dockerStartsFromTheChosenPoint() {
        func first(_ window: LogWindow) -> [String] {
            DockerLogFollower(container: "web", window: window).arguments(since: nil)
        }
        #expect(first(.recentLines) == ["logs", "--follow", "--timestamps", "--tail", "200", "--", "web"])
        #expect(first(.last(seconds: 300)) == ["logs", "--follow", "--timestamps", "--since", "300s", "--tail", "all", "--", "web"])
        #expect(first(.last(seconds: 3600)).contains("3600s"))
        #expect(first(.everything) == ["logs", "--follow", "--timestamps", "--tail", "all", "--", "web"])
    }

    @Test func kubectlStartsFromTheChosenPoint() {
        func first(_ window: LogWindow) -> [String] {
            KubectlLogFollower(target: "web-1", namespace: "shop", window: window).arguments(since: nil)
        }
        #expect(first(.recentLines).contains("--tail=200"))
        #expect(first(.last(seconds: 300)).contains("--since=300s"))
        #expect(first(.last(seconds: 300)).contains("--tail=-1"))
        #expect(first(.everything).contains("--tail=-1"))
        #expect(!first(.everything).contains { $0.hasPrefix("--since") })
    }

    @Test func aResumeContinuesFromTheLastLineWhateverTheChoice() {
        let stamp = LogTimestamp(seconds: 1_800_000_000)
        for window in LogWindow.choices {
            let docker = DockerLogFollower(container: "web", window: window).arguments(since: stamp)
            #expect(docker.contains(stamp.rfc3339) && !docker.contains("300s") && !docker.contains("3600s"), "\(window)")
            let kubectl = KubectlLogFollower(target: "web-1", window: window).arguments(since: stamp)
            #expect(kubectl.contains("--since-time=\(stamp.rfc3339)") && !kubectl.contains { $0.hasPrefix("--since=") }, "\(window)")
        }
    }

    @Test func theChoicesReadAsTheIssueNamesThemAndCycle() {
        #expect(LogWindow.choices.map { $0.label() } == ["last 200 lines", "5m", "1h", "all"])
        for window in LogWindow.choices { #expect(LogWindow(label: window.label()) == window) }
        #expect(LogWindow(label: "2d") == nil)
        #expect(LogWindow.everything.next == .recentLines)
        #expect(LogWindow.recentLines.next == .last(seconds: 300))
    }
}
