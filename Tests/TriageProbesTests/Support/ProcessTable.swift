import Foundation

/// Reads /proc to prove that no process triage started is left: neither a zombie child nor an orphan.
enum ProcessTable {
    struct Entry: Equatable {
        let pid: Int32
        let state: Character
        let parent: Int32
        let group: Int32
    }

    static func entries() -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> Entry? in
            guard let pid = Int32(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")")
            else { return nil }
            // After "pid (comm) ": state ppid pgrp ...
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 3, let state = fields[0].first, let parent = Int32(fields[1]), let group = Int32(fields[2])
            else { return nil }
            return Entry(pid: pid, state: state, parent: parent, group: group)
        }
    }

    /// Every live or zombie process whose group is one of `groups`, or whose PID is one of them.
    static func survivors(ofGroups groups: Set<Int32>) -> [Entry] {
        entries().filter { groups.contains($0.group) || groups.contains($0.pid) }
    }

    /// Waits (bounded) for the kernel to finish reaping, then returns what is still there.
    static func survivorsAfterSettling(ofGroups groups: Set<Int32>, within limit: Duration = .seconds(2)) async -> [Entry] {
        let clock = ContinuousClock()
        let end = clock.now + limit
        var left = survivors(ofGroups: groups)
        while !left.isEmpty, clock.now < end {
            try? await Task.sleep(for: .milliseconds(50))
            left = survivors(ofGroups: groups)
        }
        return left
    }
}
