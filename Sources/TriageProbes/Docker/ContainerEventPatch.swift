import Foundation

/// Applies what a `docker events` line carries (see `DockerEvent.carriesItsChange`) to a container's
/// last `ps` line and inspect entry, so a start, a die or a health verdict shows without a
/// `docker inspect`, with the fields an inspect right after the event would give the row.
///
/// An event older than what the entry already shows (an inspect that ran after it read its effect)
/// is not applied: `apply` returns false and the probe inspects the container instead. What no event
/// says is inferred as the engines do it, and confirmed by a later inspect: a die under a restart
/// policy that restarts it counts a restart and leaves the container `restarting` (docker counts
/// when it decides to restart, right before the die event; podman a few milliseconds after it, in
/// its `restart` event, and shows the container exited for the moment until the start).
enum ContainerEventPatch {
    /// Restart policies under which the engine starts a container again after it dies.
    static func restartsAfterDying(policy: String, exitCode: Int) -> Bool {
        switch policy {
        case "always", "unless-stopped": true
        case "on-failure": exitCode != 0
        default: false
        }
    }

    /// False when the event is not news to `details` (or carries nothing): inspect instead.
    static func apply(_ event: DockerEvent, to line: inout DockerPSEntry, details: inout DockerInspectEntry) -> Bool {
        guard event.carriesItsChange, let time = event.time else { return false }
        let runStarted = details.startedAt ?? .distantPast
        // The entry shows its run ended when its end is no earlier than its start (a container never
        // stopped has a zero end time, "0001-01-01", or none): a die is then old news.
        let runEnded = details.finishedAt.map { $0 >= runStarted } ?? false
        switch event.action {
        case "start":
            guard time > runStarted, time > (details.finishedAt ?? .distantPast) else { return false }
            details.status = "running"
            details.restarting = false
            details.startedAt = time
            details.exitCode = 0
            details.oomKilled = false
            details.error = ""
            details.details.error = ""
            line.state = "running"
            line.status = ""
        case "die", "died":
            guard let code = event.exitCode, time > runStarted, !runEnded else { return false }
            let again = restartsAfterDying(policy: details.details.restartPolicy, exitCode: code)
            if again { details.restartCount = (details.restartCount ?? 0) + 1 }
            details.status = again ? "restarting" : "exited"
            details.restarting = again
            details.exitCode = code
            details.finishedAt = time
            line.state = details.status
            line.status = again ? "" : "Exited (\(code))"
        case "restart", "init":
            // podman's steps between a die and the start that follows it: the start says what changed.
            break
        default:
            guard let verdict = event.healthVerdict else { return false }
            details.healthStatus = verdict
        }
        return true
    }
}
