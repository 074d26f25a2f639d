import Foundation
import Testing
@testable import TriageStore

/// The trust list of `triage trust`: a private state file, read only when nobody else could have written it.
@Suite struct TrustListTests {
    static let hash = String(repeating: "ab", count: 32)

    @Test func savesPrivateAndReadsBackAndAnEditedHashIsNotTrusted() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let state = temp.file("state")
        var list = TrustList()
        list.trust(path: "/work/a b/triage.yaml", sha256: Self.hash.uppercased())
        list.trust(path: "/work/other/triage.yaml", sha256: String(repeating: "cd", count: 32))
        try list.save(stateDirectory: state)
        #expect(mode(of: TrustList.filePath(inDirectory: state)) == 0o600)
        #expect(mode(of: state) == 0o700)

        let read = TrustList.load(stateDirectory: state)
        #expect(read == list)
        #expect(read.trusts(path: "/work/a b/triage.yaml", sha256: Self.hash))
        #expect(!read.trusts(path: "/work/a b/triage.yaml", sha256: String(repeating: "cd", count: 32)))
        #expect(!read.trusts(path: "/work/elsewhere/triage.yaml", sha256: Self.hash))

        var less = read
        let removed = less.untrust(path: "/work/a b/triage.yaml")
        let again = less.untrust(path: "/work/a b/triage.yaml")
        #expect(removed && !again)
        #expect(less.entries.map(\.path) == ["/work/other/triage.yaml"])
    }

    /// Whoever can write the list could vouch for any file: a list others may write is no list.
    @Test(arguments: [0o620, 0o602, 0o666] as [mode_t])
    func aListOthersMayWriteIsIgnored(looseMode: mode_t) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        var list = TrustList()
        list.trust(path: "/work/triage.yaml", sha256: Self.hash)
        try list.save(stateDirectory: temp.path)
        #expect(TrustList.load(stateDirectory: temp.path).trusts(path: "/work/triage.yaml", sha256: Self.hash))
        chmod(TrustList.filePath(inDirectory: temp.path), looseMode)
        #expect(TrustList.load(stateDirectory: temp.path).entries.isEmpty)
    }

    @Test func linesThatAreNotAHashAndAnAbsolutePathAreSkipped() {
        let text = "\(Self.hash) /ok/triage.yaml\nnot-a-hash /x\n\(Self.hash) relative/path\n\(Self.hash)\n\n"
        #expect(TrustList.parse(text).entries == [TrustList.Entry(path: "/ok/triage.yaml", sha256: Self.hash)])
    }

    @Test func loadingCreatesNothing() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        #expect(TrustList.load(stateDirectory: temp.file("missing")).entries.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: temp.file("missing")))
    }
}
