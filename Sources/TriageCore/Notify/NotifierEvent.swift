/// What an incident went through that a notifier can be told about (`notify: … on:`).
///
/// The raw values are what the config's `on:` list and `$TRIAGE_EVENT` say.
public enum NotifierEvent: String, Sendable, Equatable, Hashable, CaseIterable {
    /// An incident was declared (`N` on the dashboard), once it is saved.
    case declare
    /// A status update was sent (`y`, the preview answered): the update's text is the notifier's stdin.
    case statusUpdate = "status_update"
    /// The incident's severity was changed, once it is saved.
    case severity
    /// The incident's status was set to Resolved, once it is saved.
    case resolve
}
