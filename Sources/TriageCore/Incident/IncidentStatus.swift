import Foundation

/// Where an incident stands, in the order responders usually move through it.
///
/// The raw values are what the database and JSON exports store; `displayName` is what screens show.
/// The order matters: `mitigatedAt` is set when an incident first reaches `monitoring` (or jumps to
/// `resolved`), and cleared again when it falls back to an earlier status.
public enum IncidentStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case investigating
    case identified
    case mitigating
    case monitoring
    case resolved

    /// The capitalized word shown in headers, lists and exports ("Investigating").
    public var displayName: String {
        switch self {
        case .investigating: "Investigating"
        case .identified: "Identified"
        case .mitigating: "Mitigating"
        case .monitoring: "Monitoring"
        case .resolved: "Resolved"
        }
    }

    /// Whether the incident still needs attention; `triage` reopens the latest open one.
    public var isOpen: Bool { self != .resolved }

    /// Whether the impact has stopped: the fix is in and is being watched, or it is over.
    public var isMitigated: Bool { self == .monitoring || self == .resolved }

    /// Parses what a responder types or a CLI flag says, ignoring case and surrounding blanks.
    public init?(userText: String) {
        let word = userText.trimmingCharacters(in: .whitespaces).lowercased()
        guard let status = IncidentStatus(rawValue: word) else { return nil }
        self = status
    }

    var rank: Int { IncidentStatus.allCases.firstIndex(of: self)! }

    public static func < (lhs: IncidentStatus, rhs: IncidentStatus) -> Bool { lhs.rank < rhs.rank }
}
