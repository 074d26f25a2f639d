/// What one watch stream of a `KubeProbe` keeps current: pods and warning events per namespace
/// scope, nodes once per context.
///
/// Each stream is one `kubectl get <resource> -o json --watch --output-watch-events` process, which is
/// an informer's list-and-watch in one: kubectl lists (printing every item as an ADDED event), then
/// watches from the list's resourceVersion (kubectl has no flag to resume from another version, and
/// `--watch-only` still lists, it only does not print). `-v=6` makes kubectl log each request, which
/// tells when the API server answered the list and when the list is complete (`KubectlWatchLog`).
public enum KubeWatchResource: String, Sendable, CaseIterable, Hashable {
    case pods
    case nodes
    case events

    /// kubectl's arguments for this stream: context and kubeconfig, the resource, then the scope.
    func arguments(target: KubeTarget, scope: [String]) -> [String] {
        let watch = ["-o", "json", "--watch", "--output-watch-events", "-v=6"]
        switch self {
        case .pods: return target.globalArguments + ["get", "pods"] + watch + scope + target.selectorArguments
        case .nodes: return target.globalArguments + ["get", "nodes"] + watch
        case .events: return target.globalArguments + ["get", "events"] + watch + ["--field-selector", "type=Warning"] + scope
        }
    }
}
