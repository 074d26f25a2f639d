import TriageCore

/// What a detail view (`Enter` or `d` on a row) describes: the entity, not the row, so the view
/// follows it live as rows reorder or the probes refresh.
public enum DetailTarget: Sendable, Hashable {
    /// A service check by name.
    case service(String)
    /// A container by ``ContainerInfo/id`` (host tag and container id).
    case container(String)
    /// A pod by ``PodInfo/id`` (context, namespace and name).
    case pod(String)
    /// A node by ``NodeInfo/id`` (context and name).
    case node(String)
    /// An Alertmanager's alert, or the Alertmanager itself, by its picture key
    /// (`alert:<alertmanager>/<fingerprint>`, `source:alertmanager/<name>`).
    case alert(String)
    /// The machine triage runs on.
    case host
    /// The logs of a container's or pod's previous run (`p`), fetched by the app.
    case previousLogs
    /// `kubectl describe` of a pod or node (`i`), fetched by the app.
    case describe

    /// The rows of ``SelectionAction/all`` whose keys act on this view's entity.
    public var actionKind: SelectionAction.Kind? {
        switch self {
        case .container: .container
        case .pod: .pod
        case .node: .node
        case .service, .alert, .host, .previousLogs, .describe: nil
        }
    }
}
