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
    /// as "Up" again is caught by comparing `upSeconds` with the last known start time.
    public var fingerprint: String {
        var parens = ""
        if let open = status.firstIndex(of: "("), let close = status[open...].firstIndex(of: ")") {
            parens = String(status[open...close])
        }
        return containerID + "|" + state + "|" + parens
    }

    /// Roughly how long the container has been up, from "Up 5 seconds", "Up About a minute",
    /// "Up 3 hours (healthy)"; nil when the status is not an "Up" text.
    public var upSeconds: Int? {
        guard status.hasPrefix("Up ") else { return nil }
        var words = status.dropFirst(3).split(separator: " ").map(String.init)
        if let paren = words.firstIndex(where: { $0.hasPrefix("(") }) { words.removeSubrange(paren...) }
        if words.starts(with: ["Less", "than", "a", "second"]) { return 0 }
        guard words.count >= 2 else { return nil }
        let count: Int
        if words[0] == "About" {
            count = 1
            words.removeFirst()
            if words.first == "a" || words.first == "an" { words.removeFirst() }
            words.insert("1", at: 0)
        } else if words[0] == "a" || words[0] == "an" {
            count = 1
        } else {
            guard let number = Int(words[0]) else { return nil }
            count = number
        }
        let unit = words.count > 1 ? words[1] : ""
        switch unit.hasSuffix("s") ? String(unit.dropLast()) : unit {
        case "second": return count
        case "minute": return count * 60
        case "hour": return count * 3600
        case "day": return count * 86400
        case "week": return count * 7 * 86400
        case "month": return count * 30 * 86400
        case "year": return count * 365 * 86400
        default: return nil
        }
    }
}
