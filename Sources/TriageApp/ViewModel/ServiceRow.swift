import TriageCore
import TriageUI

/// One row of the Services pane: a check (HTTP, DNS, TCP, TLS, command, Prometheus query), or an
/// Alertmanager's alert (or the Alertmanager itself when it could not be read), as the picture
/// judged it. Both sort in the picture's order, so a firing critical alert sits with the failing checks.
enum ServiceRow {
    case check(ServiceCheckTrack)
    /// An entity of the picture whose source is an Alertmanager (`alertmanager:<name>`).
    case alert(OutageEntity)

    var name: String {
        switch self {
        case .check(let track): track.name
        case .alert(let entity): entity.name
        }
    }

    var state: HealthState {
        switch self {
        case .check(let track): track.state
        case .alert(let entity): entity.state
        }
    }

    /// The picture's key: what the row sorts by and a detail view follows.
    var key: String {
        switch self {
        case .check(let track): "service:" + track.name
        case .alert(let entity): entity.key
        }
    }

    /// What a `/` filter matches: the name and the reason as the row shows it.
    var filterFields: [String?] {
        switch self {
        case .check(let track): TableFilter.fields(track)
        case .alert(let entity): [entity.name, entity.reason]
        }
    }
}
