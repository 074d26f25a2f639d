#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Finds the absolute path of a tool such as `curl`, `docker` or `kubectl`, once per name.
///
/// Probes run with the privileges of whoever opened the dashboard during an outage, often from a
/// checkout of someone else's repository. A `docker` lying in the current directory, or reached through a
/// relative `PATH` entry (`.`, an empty entry, `bin`), would run attacker-chosen code on every refresh,
/// so such hits are refused and resolution goes on to the next entry. Results are cached: the binary
/// a probe uses does not change under it while the dashboard runs. Failures are not cached, so a
/// tool installed mid-incident is picked up on the next round.
public enum ExecutableResolver {
    /// Why a tool name could not be turned into an absolute, executable path.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// No absolute `PATH` directory holds an executable of that name.
        case notFoundOnPath(String)
        /// The only hits were in the current directory or behind relative `PATH` entries.
        case refusedUnsafeHit(name: String, path: String)
        /// A name with a slash that is not absolute (`./docker`, `bin/kubectl`).
        case relativePath(String)
        /// An explicit absolute path that does not exist or is not executable.
        case notExecutable(String)

        public var description: String {
            switch self {
            case .notFoundOnPath(let name):
                "\(name): not found on PATH"
            case .refusedUnsafeHit(let name, let path):
                "\(name): not found on PATH (refused \(path): the current directory and relative PATH entries are never used)"
            case .relativePath(let path):
                "\(path): relative paths are refused; give an absolute path or a name on PATH"
            case .notExecutable(let path):
                "\(path): no such executable file"
            }
        }
    }

    private static let cache = Mutex<[String: String]>([:])

    /// The absolute path of `name`, resolved on the process's `PATH` and cached on success.
    public static func resolve(_ name: String) -> Result<String, Failure> {
        if let hit = cache.withLock({ $0[name] }) { return .success(hit) }
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        let result = resolve(name, searchPath: path, currentDirectory: currentDirectory())
        if case .success(let found) = result { cache.withLock { $0[name] = found } }
        return result
    }

    /// Pure resolution against an explicit `PATH` value and working directory (no cache), for tests.
    public static func resolve(_ name: String, searchPath: String, currentDirectory: String?) -> Result<String, Failure> {
        if name.isEmpty { return .failure(.notFoundOnPath(name)) }
        if name.contains("/") {
            guard name.hasPrefix("/") else { return .failure(.relativePath(name)) }
            return isExecutableFile(name) ? .success(name) : .failure(.notExecutable(name))
        }
        let cwd = currentDirectory.map(normalized)
        var refused: String?
        for entry in searchPath.split(separator: ":", omittingEmptySubsequences: false).map(String.init) {
            let unsafe = !entry.hasPrefix("/") || (cwd != nil && normalized(entry) == cwd)
            let candidate = entry.isEmpty ? name : (entry.hasSuffix("/") ? entry + name : entry + "/" + name)
            if unsafe {
                // Only to name it in the refusal; relative entries are looked up from `currentDirectory`.
                let onDisk = candidate.hasPrefix("/") ? candidate : (cwd.map { $0 + "/" + candidate } ?? candidate)
                if refused == nil, isExecutableFile(onDisk) { refused = candidate }
                continue
            }
            if isExecutableFile(candidate) { return .success(candidate) }
        }
        if let refused { return .failure(.refusedUnsafeHit(name: name, path: refused)) }
        return .failure(.notFoundOnPath(name))
    }

    /// Forgets every cached path (tests that change `PATH`).
    public static func clearCache() { cache.withLock { $0.removeAll() } }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    private static func normalized(_ directory: String) -> String {
        var text = directory
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }

    private static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
