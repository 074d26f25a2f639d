import Foundation

/// One line of `docker ps -a --format '{{json .}}'`: who the container is and what state it is in.
///
/// `fingerprint` is what the probe compares between rounds to decide which containers need a fresh
/// `docker inspect`: a changed state or status text means something happened to the container.
public struct DockerPSEntry: Sendable, Equatable {
    public var containerID: String
    public var name: String
    public var image: String
    /// The engine's lifecycle word ("running", "exited").
    public var state: String
    /// "Up 3 minutes (healthy)", "Exited (3) 2 seconds ago".
    public var status: String
    public var createdAt: String
    public var labels: String

    public init(
        containerID: String, name: String, image: String = "", state: String = "", status: String = "",
        createdAt: String = "", labels: String = ""
    ) {
        self.containerID = containerID
        self.name = name
        self.image = image
        self.state = state
        self.status = status
        self.createdAt = createdAt
        self.labels = labels
    }

    /// Changes when the container's state, exit code or health changes.
    ///
    /// Status texts age ("Up 5 seconds" → "Up 6 seconds") without anything happening, so only the
    /// state and any parenthesised part (exit code, health) are kept. A restart that `ps` only sees
    /// as "Up" again is caught by comparing `upRange` with the last known start time.
    public var fingerprint: String {
        var parens = ""
        if let open = status.firstIndex(of: "("), let close = status[open...].firstIndex(of: ")") {
            parens = String(status[open...close])
        }
        return containerID + "|" + state + "|" + parens
    }

    /// Roughly how long the container has been up, from "Up 5 seconds", "Up About a minute",
    /// "Up 3 hours (healthy)"; nil when the status is not an "Up" text. The lower end of `upRange`.
    public var upSeconds: Int? { upRange?.lowerBound }

    /// The span of uptimes docker's wording allows: "Up 3 minutes" is 180..<240 s, "Up 5 hours" is
    /// 4.5 h..<5.5 h (docker rounds hours), "Up Less than a second" is 0..<1 s.
    public var upRange: Range<Int>? {
        guard status.hasPrefix("Up ") else { return nil }
        var words = status.dropFirst(3).split(separator: " ").map(String.init)
        if let paren = words.firstIndex(where: { $0.hasPrefix("(") }) { words.removeSubrange(paren...) }
        if words.starts(with: ["Less", "than", "a", "second"]) { return 0..<1 }
        if words.starts(with: ["About", "a", "minute"]) { return 60..<120 }
        if words.starts(with: ["About", "an", "hour"]) { return 1800..<5400 }
        guard words.count >= 2, let count = Int(words[0]) else { return nil }
        let unit = words[1].hasSuffix("s") ? String(words[1].dropLast()) : words[1]
        switch unit {
        case "second": return count..<(count + 1)
        case "minute": return count * 60..<(count + 1) * 60
        case "hour": return count * 3600 - 1800..<count * 3600 + 1800
        case "day": return count * 86400..<(count + 1) * 86400
        case "week": return count * 604_800..<(count + 1) * 604_800
        case "month": return count * 2_592_000..<(count + 1) * 2_592_000
        case "year": return count * 31_536_000..<(count + 1) * 31_536_000
        default: return nil
        }
    }
}
