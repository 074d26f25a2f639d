import Foundation
import Testing
import TriageCore
@testable import TriageLogs

/// `tail -F` semantics on real files in a temp dir, driven one poll at a time.
@Suite struct FileTailerTests {
    static func setUp(_ path: String, initialLines: Int = 10) -> (FileTailer, LogSink) {
        let inbox = LogInbox()
        let source = LogSource(id: LogSourceID(0), kind: .file(path: path), shortName: "app.log")
        inbox.register(source)
        return (FileTailer(path: path, pollInterval: .milliseconds(20), initialLines: initialLines),
                LogSink(source: source, inbox: inbox))
    }

    static func texts(_ sink: LogSink) -> [String] { sink.inbox.drain()?.lines.map(\.text) ?? [] }

    @Test func startsWithTheLastLinesThenFollowsAppends() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try dir.write("app.log", (1...50).map { "old \($0)\n" }.joined())
        let (tailer, sink) = Self.setUp(dir.file("app.log"), initialLines: 3)
        var decoder = LogLineDecoder(source: LogSourceID(0), parsesTimestamps: false)
        await tailer.poll(into: sink, decoder: &decoder)
        #expect(Self.texts(sink) == ["old 48", "old 49", "old 50"])
        try dir.append("app.log", "new 1\nnew 2 \u{1B}]0;hijack\u{07}\npartial")
        await tailer.poll(into: sink, decoder: &decoder)
        #expect(Self.texts(sink) == ["new 1", "new 2 ␛]0;hijack"])
        try dir.append("app.log", " line\n")
        await tailer.poll(into: sink, decoder: &decoder)
        #expect(Self.texts(sink) == ["partial line"])
        await tailer.poll(into: sink, decoder: &decoder)
        #expect(Self.texts(sink) == [])
    }

    @Test func followsRotationByRenameAndRecreate() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try dir.write("app.log", "first\n")
        let (tailer, sink) = Self.setUp(dir.file("app.log"))
        var decoder = LogLineDecoder(source: LogSourceID(0), parsesTimestamps: false)
        await tailer.poll(into: sink, decoder: &decoder)
        #expect(Self.texts(sink) == ["first"])
        // The writer appends once more, then logrotate renames and a new file appears.
        try dir.append("app.log", "last of old\n")
        try FileManager.default.moveItem(atPath: dir.file("app.log"), toPath: dir.file("app.log.1"))
        await tailer.poll(into: sink, decoder: &decoder)
        #expect(Self.texts(sink) == ["last of old"])  // path missing: the old file is still read
        try dir.write("app.log", "new file 1\nnew file 2\n")
        await tailer.poll(into: sink, decoder: &decoder)
        #expect(Self.texts(sink) == ["new file 1", "new file 2"])
        #expect(await tailer.rotations == 1)
        try dir.append("app.log", "new file 3\n")
        await tailer.poll(into: sink, decoder: &decoder)
        #expect(Self.texts(sink) == ["new file 3"])
    }

    @Test func followsTruncation() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try dir.write("app.log", "aaaaaaaaaa 1\naaaaaaaaaa 2\n")
        let (tailer, sink) = Self.setUp(dir.file("app.log"))
        var decoder = LogLineDecoder(source: LogSourceID(0), parsesTimestamps: false)
        await tailer.poll(into: sink, decoder: &decoder)
        #expect(Self.texts(sink).count == 2)
        // copytruncate: same inode, shorter content.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.file("app.log")))
        try handle.truncate(atOffset: 0)
        try handle.close()
        try dir.append("app.log", "after truncate\n")
        await tailer.poll(into: sink, decoder: &decoder)
        #expect(Self.texts(sink) == ["after truncate"])
        #expect(await tailer.truncations == 1)
    }

    @Test func waitsForAMissingFileAndReportsIt() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let (tailer, sink) = Self.setUp(dir.file("later.log"))
        var decoder = LogLineDecoder(source: LogSourceID(0), parsesTimestamps: false)
        await tailer.poll(into: sink, decoder: &decoder)
        let batch = try #require(sink.inbox.drain())
        guard case .ended(let reason, _) = batch.sources[0].state else {
            Issue.record("expected ended, got \(batch.sources[0].state)")
            return
        }
        #expect(reason.contains("No such file"))
        try dir.write("later.log", "hello\n")
        await tailer.poll(into: sink, decoder: &decoder)
        let next = try #require(sink.inbox.drain())
        #expect(next.lines.map(\.text) == ["hello"])
        #expect(next.sources[0].state == .running)
    }

    @Test func runLoopFollowsWithRealPollingAndStopsOnCancel() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try dir.write("app.log", "")
        let hub = LogHub(filePollInterval: .milliseconds(20))
        let id = await hub.add(.file(path: dir.file("app.log")))
        var seen: [String] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        for i in 0..<5 {
            try dir.append("app.log", "line \(i)\n")
            if i == 2 {
                try FileManager.default.moveItem(atPath: dir.file("app.log"), toPath: dir.file("app.log.1"))
                try dir.write("app.log", "")
            }
            while clock.now < deadline, !seen.contains("line \(i)") {
                try await Task.sleep(for: .milliseconds(10))
                seen += hub.inbox.drain()?.lines.map(\.text) ?? []
            }
        }
        #expect(seen == ["line 0", "line 1", "line 2", "line 3", "line 4"])
        await hub.stop(id)
    }
}
