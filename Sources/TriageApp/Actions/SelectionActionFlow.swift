import TriageCore

/// Where an action on the selection is between its key and its run, so the answer to a question
/// runs exactly what the question showed (rows re-sort while it is open): the deployment lookup of
/// a rollout restart, the argv of an open confirmation, the runbook commands `x` offered, or the
/// runbook command and values of an open confirmation, or the silence `S` is about to set.
struct SelectionActionFlow {
    enum Phase {
        case idle
        /// A rollout restart waiting for its pod's ReplicaSet's owner; the question says so meanwhile.
        case resolving(SelectionAction, lookup: FetchedOutput, replicaSet: String, namespace: String, context: String?)
        case confirming(SelectionAction, argv: [String])
        case offering([RunbookCommand])
        case confirmingCommand(RunbookCommand, bound: [String: String])
        /// `S` on an alert: its duration is being asked for, then its confirmation is open.
        case silenceDuration(AlertSilenceRequest)
        case confirmingSilence(AlertSilenceRequest)
        /// `E` on a silenced alert: the confirmation of expiring its silences is open.
        case confirmingExpiry(AlertSilenceRequest)
    }

    var phase = Phase.idle

    /// The title of the note shown while a deployment is looked up (closing it drops the action).
    static let resolvingTitle = "Rollout restart: looking up the deployment"
}
