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

    /// Every live process whose group is one of `groups` (or whose PID is one of them), and every
    /// zombie of ours. A dead grandchild re-parented to another process (PID 1, or a subreaper)
    /// waits for that process to reap it, which triage cannot do and which a loaded sandbox init can
    /// take seconds over: it is dead, holds nothing, and is not counted.
    static func survivors(ofGroups groups: Set<Int32>) -> [Entry] {
        let me = getpid()
        return entries().filter { entry in
            guard groups.contains(entry.group) || groups.contains(entry.pid) else { return false }
            return entry.state != "Z" || entry.parent == me
        }
    }

    /// The command line of `pid`, its arguments joined by spaces (nil once it is gone).
    static func commandLine(_ pid: Int32) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
    }

    /// Waits (up to `limit`) until a process whose command line contains `marker` leads a process
    /// group of at least `members` live processes, and returns that group: a test that cancels a
    /// run knows its child and grandchildren exist, where a fixed sleep only hoped they did.
    static func waitForGroup(marker: String, members: Int, within limit: Duration = .seconds(10)) async -> Int32? {
        let clock = ContinuousClock()
        let end = clock.now + limit
        repeat {
            let live = entries().filter { $0.state != "Z" }
            for leader in live where leader.group == leader.pid && commandLine(leader.pid)?.contains(marker) == true {
                if live.filter({ $0.group == leader.pid }).count >= members { return leader.pid }
            }
            try? await Task.sleep(for: .milliseconds(10))
        } while clock.now < end
        return nil
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
