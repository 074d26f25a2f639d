/// What a detail view (`Enter` or `d` on a row) describes: the entity, not the row, so the view
/// follows it live as rows reorder or the probes refresh.
public enum DetailTarget: Sendable, Hashable {
    /// A service check by name.
    case service(String)
    /// A container by ``ContainerInfo/id`` (host tag and container id).
    case container(String)
    /// A pod by ``PodInfo/id`` (context, namespace and name).
    case pod(String)
    /// The machine triage runs on.
    case host
    /// The logs of a container's or pod's previous run (`p`), fetched by the app.
    case previousLogs
}
