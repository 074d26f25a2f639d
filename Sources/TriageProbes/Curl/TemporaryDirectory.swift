import Foundation

/// A private (0700) scratch directory for response bodies, removed when the round is done.
struct TemporaryDirectory: Sendable {
    let path: String

    init?(prefix: String = "triage") {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard created != nil else { return nil }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Reads at most `limit` bytes of a file (a body can be any size).
    ///
    /// A missing file is an empty body: curl creates the output file only when data arrives.
    func readPrefix(_ name: String, limit: Int) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: file(name)) else { return [] }
        guard let handle = FileHandle(forReadingAtPath: file(name)) else { return nil }
        defer { try? handle.close() }
        do {
            return try handle.read(upToCount: limit).map { [UInt8]($0) } ?? []
        } catch {
            return nil
        }
    }

    /// The size of a file in bytes; nil when it does not exist.
    func fileSize(_ name: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: file(name)))?[.size] as? Int
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
