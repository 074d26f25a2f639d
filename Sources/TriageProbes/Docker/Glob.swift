#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shell-style name globs (`*`, `?`, `[a-z]`) as the config's `containers: ["web-*"]` uses them.
enum Glob {
    static func matches(pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}
