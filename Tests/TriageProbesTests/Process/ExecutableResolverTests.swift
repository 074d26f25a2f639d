import Foundation
import Testing
@testable import TriageProbes

@Suite("ExecutableResolver")
struct ExecutableResolverTests {
    /// A temporary directory holding an executable `tool` and a non-executable `data`.
    final class Sandbox {
        let root: String
        init() throws {
            root = NSTemporaryDirectory() + "triage-resolver-\(UUID().uuidString)"
            for dir in ["bin", "work", "other"] {
                try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
            }
            for dir in ["bin", "work"] {
                _ = FileManager.default.createFile(atPath: "\(root)/\(dir)/tool", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
            }
            _ = FileManager.default.createFile(atPath: "\(root)/bin/data", contents: Data(), attributes: [.posixPermissions: 0o644])
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func findsToolInAbsoluteEntry() throws {
        let box = try Sandbox()
        let result = ExecutableResolver.resolve("tool", searchPath: "\(box.root)/other:\(box.root)/bin", currentDirectory: "/")
        #expect(result == .success("\(box.root)/bin/tool"))
    }

    @Test(arguments: [".", "", "work", "./work"])
    func refusesRelativeEntries(entry: String) throws {
        let box = try Sandbox()
        // Relative entries are looked up from the given working directory, never from ours.
        let cwd = entry == "work" || entry == "./work" ? box.root : box.root + "/work"
        let result = ExecutableResolver.resolve("tool", searchPath: "\(entry):\(box.root)/other", currentDirectory: cwd)
        guard case .failure(.refusedUnsafeHit(let name, _)) = result else {
            Issue.record("expected a refusal, got \(result)")
            return
        }
        #expect(name == "tool")
        #expect(result.failureText?.contains("not found on PATH") == true)
    }

    @Test func refusesAbsoluteEntryThatIsTheCurrentDirectory() throws {
        let box = try Sandbox()
        let result = ExecutableResolver.resolve("tool", searchPath: "\(box.root)/work/", currentDirectory: "\(box.root)/work")
        #expect(result == .failure(.refusedUnsafeHit(name: "tool", path: "\(box.root)/work/tool")))
    }

    @Test func laterSafeEntryWinsOverRefusedOne() throws {
        let box = try Sandbox()
        let result = ExecutableResolver.resolve("tool", searchPath: "\(box.root)/work:\(box.root)/bin", currentDirectory: "\(box.root)/work")
        #expect(result == .success("\(box.root)/bin/tool"))
    }

    @Test func nonExecutableIsNotAHit() throws {
        let box = try Sandbox()
        let result = ExecutableResolver.resolve("data", searchPath: "\(box.root)/bin", currentDirectory: "/")
        #expect(result == .failure(.notFoundOnPath("data")))
        #expect(result.failureText == "data: not found on PATH")
    }

    @Test func explicitPaths() throws {
        let box = try Sandbox()
        #expect(ExecutableResolver.resolve("\(box.root)/bin/tool", searchPath: "", currentDirectory: "/") == .success("\(box.root)/bin/tool"))
        #expect(ExecutableResolver.resolve("./tool", searchPath: "/usr/bin", currentDirectory: "/") == .failure(.relativePath("./tool")))
        #expect(ExecutableResolver.resolve("bin/tool", searchPath: "/usr/bin", currentDirectory: "/") == .failure(.relativePath("bin/tool")))
        #expect(ExecutableResolver.resolve("\(box.root)/bin/data", searchPath: "", currentDirectory: "/") == .failure(.notExecutable("\(box.root)/bin/data")))
    }

    @Test func cachedResolutionOfARealTool() {
        guard case .success(let first) = ExecutableResolver.resolve("sh") else {
            Issue.record("sh must be on PATH")
            return
        }
        #expect(first.hasPrefix("/"))
        #expect(ExecutableResolver.resolve("sh") == .success(first))
    }
}

extension Result where Failure == ExecutableResolver.Failure {
    var failureText: String? {
        if case .failure(let failure) = self { return failure.description }
        return nil
    }
}
