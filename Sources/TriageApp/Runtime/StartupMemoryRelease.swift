import CTerminalShim
import Foundation
import TriageProbes

/// Gives the kernel back, once and a few seconds after the first frame, the memory start-up used
/// and the idle dashboard does not: the pages of code that ran only at start, and the heap pages
/// start-up freed.
///
/// Code: start-up (argument parsing, the config, the built-in runbook's parse, the theme, the
/// store's schema, the first frame) runs code the idle screen never runs again, and the kernel maps
/// it 64 KB around each fault, so ~11 MB of the binary's code stayed mapped while the idle screen
/// runs from ~5–6 MB of it (docs/PERFORMANCE.md (k)). `MADV_DONTNEED` on the executable's own
/// code mapping (read-only and never written, so nothing is lost: a page is mapped again from the
/// page cache on its next use) leaves mapped only what runs after it. Only that mapping: the
/// relocated read-only data (`.data.rel.ro`) holds written pages that the advice would discard.
/// Heap: glibc keeps freed pages below the top of each arena; `malloc_trim(0)` returns them (~0.6 MB).
///
/// The next frames map again the code they run, which costs a burst of page faults once (and, on a
/// machine short of memory, reads from disk); the diagnostic log's `startupMemoryReleased` line
/// says when, so a measurement of the idle screen can start after it.
enum StartupMemoryRelease {
    /// After the first probe round has usually ended (its first samples arrive within a second).
    static let delay: DispatchTimeInterval = .seconds(5)

    static func schedule() {
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + delay) { release() }
    }

    static func release() {
        _ = malloc_trim(0)
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8),
            let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        else { return }
        var advised = 0
        for range in codeRanges(inMaps: maps, of: executable) {
            let length = Int(range.upperBound - range.lowerBound)
            if madvise(UnsafeMutableRawPointer(bitPattern: range.lowerBound), length, MADV_DONTNEED) == 0 { advised += length }
        }
        DiagnosticLog.write(.debug, "startupMemoryReleased", [("codeBytes", .int(advised))])
    }

    /// The address ranges `/proc/self/maps` lists as `executable`'s code: `r-xp`, private and never
    /// written. Lines are `start-end perms offset dev inode path`.
    static func codeRanges(inMaps maps: String, of executable: String) -> [Range<UInt>] {
        maps.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6, fields[1] == "r-xp", fields[5].trimmingCharacters(in: .whitespaces) == executable else { return nil }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), start < end
            else { return nil }
            return start..<end
        }
    }
}
