/// Writes the commented `triage.yaml` that `triage init` creates from what discovery found.
///
/// What was found is active; everything else is there as commented examples, so the file
/// doubles as a reference. The output always parses back to a valid configuration.
public enum ConfigTemplate {
    /// What `triage init` found on this machine.
    public struct Discovery: Sendable, Equatable {
        /// Engines the docker CLI reached (`.default` for its current context or DOCKER_HOST).
        public var dockerEndpoints: [DockerTarget.Endpoint]
        /// Container names seen, mentioned in a comment to help write globs.
        public var dockerContainers: [String]
        /// kubectl's current context, when one is set.
        public var kubernetesContext: String?
        /// Namespaces seen in that context (a comment; the template watches all by default).
        public var kubernetesNamespaces: [String]

        public init(dockerEndpoints: [DockerTarget.Endpoint] = [], dockerContainers: [String] = [], kubernetesContext: String? = nil, kubernetesNamespaces: [String] = []) {
            self.dockerEndpoints = dockerEndpoints
            self.dockerContainers = dockerContainers
            self.kubernetesContext = kubernetesContext
            self.kubernetesNamespaces = kubernetesNamespaces
        }
    }

    public static func render(discovered: Discovery) -> String {
        var out: [String] = []
        out += [
            "# triage.yaml: what triage watches. Every key is described in docs/CONFIG.md.",
            "# Durations take a unit: 500ms, 2s, 1m. Lists of arguments are argv, never a shell line.",
            "",
            "# How often probes run (a check's own interval: overrides it).",
            "refresh: 2s",
            "",
            "# HTTP health checks, all checked in parallel by one curl process per round.",
            "services: []",
            "#  - name: backend",
            "#    url: http://127.0.0.1:8001/health",
            "#    expect_status: 200        # default: any 2xx; or a list: [200, 204]",
            "#    expect_body: ok           # optional substring of the body",
            "#    timeout: 2s               # default 5s",
            "#    warn_latency: 2s          # slower answers are a warning (default 2s)",
            "#    headers:                  # sent, never displayed",
            "#      Authorization: Bearer REPLACE_ME",
            "#    verify_tls: true",
            "",
            "# Command checks: argv lists run without a shell.",
            "checks: []",
            "#  - name: redis",
            "#    run: [redis-cli, ping]",
            "#    expect_output: PONG",
            "#    timeout: 3s",
            "",
            "# Prometheus instant queries with thresholds.",
            "prometheus: []",
            "#  - name: 5xx rate",
            "#    url: http://127.0.0.1:9090",
            "#    query: 'sum(rate(http_requests_total{status=~\"5..\"}[5m]))'",
            "#    warn_above: 0.01",
            "#    crit_above: 0.05",
            "",
        ]
        out.append("# Docker engines and container name globs (default: all containers).")
        if discovered.dockerEndpoints.isEmpty {
            out += ["# No docker engine answered when this file was written.", "docker: []", "#  - host: unix:///var/run/docker.sock   # or context: NAME, or ssh://user@host", "#    containers: [\"web-*\"]"]
        } else {
            out.append("docker:")
            for endpoint in discovered.dockerEndpoints {
                switch endpoint {
                case .default: out.append("  - containers: []                     # the CLI's current engine; add host: or context: for others")
                case .host(let host): out += ["  - host: \(quoted(host))", "    containers: []"]
                case .context(let context): out += ["  - context: \(quoted(context))", "    containers: []"]
                }
            }
            if !discovered.dockerContainers.isEmpty {
                out.append("#   containers seen: " + discovered.dockerContainers.prefix(12).joined(separator: ", "))
            }
        }
        out.append("")
        out.append("# Kubernetes contexts, namespaces (default: all) and label selectors.")
        if let context = discovered.kubernetesContext {
            out += ["kubernetes:", "  - context: \(quoted(context))", "    namespaces: []                     # empty: all namespaces", "#    selector: app=auth"]
            if !discovered.kubernetesNamespaces.isEmpty {
                out.append("#   namespaces seen: " + discovered.kubernetesNamespaces.prefix(12).joined(separator: ", "))
            }
        } else {
            out += ["# kubectl has no current context.", "kubernetes: []", "#  - context: prod", "#    namespaces: [default]", "#    selector: app=auth"]
        }
        out += [
            "",
            "# Log streams for the log pane.",
            "logs: []",
            "#  - docker: web                # a container name or glob; host: or context: for another engine",
            "#  - kubectl: deployment/auth   # with optional context:, namespace:, selector:",
            "#  - file: /var/log/app.log",
            "",
            "# runbook: runbooks/outage.md   # Markdown shown next to the panes (relative to this file)",
            "# theme: light                 # default, light, high-contrast, monochrome, or a theme file",
            "# state: triage-state.sqlite    # incident database (relative to this file)",
            "",
        ]
        return out.joined(separator: "\n")
    }

    /// A YAML double-quoted scalar when the text needs it, plain otherwise.
    static func quoted(_ text: String) -> String {
        let plainSafe = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@".contains($0) } && !text.hasPrefix("-")
        if plainSafe { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
