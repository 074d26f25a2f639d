/// How a registered probe is run: on its interval for the dashboard, or one round for `triage check`.
///
/// Probes that keep something running between rounds (docker's stats stream, the Kubernetes pod
/// watch) ask their source directly in one-shot mode instead (`docker stats --no-stream`, one pod
/// list), so a one-shot round leaves no process behind.
public enum ProbeMode: Sendable, Equatable {
    case continuous
    case oneShot
}
