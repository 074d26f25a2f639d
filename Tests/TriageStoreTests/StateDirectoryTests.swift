import Foundation
import Testing
@testable import TriageStore

@Suite struct StateDirectoryTests {
    @Test(arguments: [
        ("/srv/triage", ["TRIAGE_STATE": "/t", "XDG_STATE_HOME": "/x"], "/srv/triage"),
        (nil, ["TRIAGE_STATE": "/t", "XDG_STATE_HOME": "/x"], "/t"),
        (nil, ["XDG_STATE_HOME": "/x", "HOME": "/home/a"], "/x/triage"),
        (nil, ["HOME": "/home/a"], "/home/a/.local/state/triage"),
        (nil, ["TRIAGE_STATE": "", "XDG_STATE_HOME": "", "HOME": "/home/a"], "/home/a/.local/state/triage"),
        (nil, ["XDG_STATE_HOME": "relative/state", "HOME": "/home/a"], "/home/a/.local/state/triage"),
        ("~/incidents", ["HOME": "/home/a"], "/home/a/incidents"),
        ("state", ["HOME": "/home/a"], "/work/here/state"),
        ("", ["TRIAGE_STATE": "/t"], "/t"),
        ("/a/b/../c/", [:], "/a/c"),
    ] as [(String?, [String: String], String)])
    func resolvesInOrder(explicit: String?, environment: [String: String], expected: String) {
        #expect(StateDirectory.path(explicit: explicit, environment: environment, workingDirectory: "/work/here")
            == expected)
    }

    @Test func createsDirectoryAndParentsPrivate() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let directory = temp.file("xdg/triage")
        let resolved = try StateDirectory.resolve(explicit: nil, environment: ["XDG_STATE_HOME": temp.file("xdg")])
        #expect(resolved == directory)
        #expect(mode(of: directory) == 0o700)
        #expect(mode(of: temp.file("xdg")) == 0o700)
        // An existing directory of ours that others could enter is tightened, not trusted.
        chmod(directory, 0o750)
        try StateDirectory.resolve(explicit: directory, environment: [:])
        #expect(mode(of: directory) == 0o700)
    }

    @Test func refusesAFileWhereTheDirectoryShouldBe() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let file = temp.file("state")
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        #expect(throws: StoreError.stateDirectory(path: file, reason: "it exists and is not a directory")) {
            try StateDirectory.resolve(explicit: file, environment: [:])
        }
    }
}
