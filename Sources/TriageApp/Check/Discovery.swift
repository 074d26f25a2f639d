import Foundation
import TriageCore
import TriageProbes

/// Finds what to watch when no configuration says: docker when its CLI reaches an engine, kubectl's
/// current context when one is set. The host is always watched and needs no discovery.
///
/// Every question is a real tool run through `ProcessRunner` with a short deadline, docker and kubectl
/// side by side, so a hung engine or API server costs at most `deadline` and never blocks start-up.
/// Discovery never fails: what it could not find becomes a note saying why.
public enum Discovery {
    /// Asks docker and kubectl at once.
    ///
    /// - Parameters:
    ///   - deadline: for each tool run (the two run in parallel; names, when asked for, take another).
    ///   - listNames: also list container names and namespaces (for `triage init`'s comments).
    ///   - docker, kubectl: the tools, as names on PATH or absolute paths (tests point them elsewhere).
    public static func run(
        deadline: Duration = .seconds(3), listNames: Bool = false, docker: String = "docker", kubectl: String = "kubectl",
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> DiscoveredSources {
        async let dockerPart = discoverDocker(deadline: deadline, listNames: listNames, docker: docker, environment: environment)
        async let kubePart = discoverKubernetes(deadline: deadline, listNames: listNames, kubectl: kubectl)
        let (found, kube) = await (dockerPart, kubePart)
        var result = found
        result.kubeTargets = kube.kubeTargets
        result.kubernetesNamespaces = kube.kubernetesNamespaces
        result.findings += kube.findings
        result.notes += kube.notes
        return result
    }

    static func discoverDocker(deadline: Duration, listNames: Bool, docker: String, environment: [String: String]) async -> DiscoveredSources {
        var result = DiscoveredSources()
        let version = await ProcessRunner.run(
            docker, ["version", "--format", "{{.Server.Version}}"], deadline: deadline, outputLimit: 64 << 10)
        let printed = version.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard version.succeeded, !printed.isEmpty else {
            let why = version.succeeded ? "docker version printed no server version" : (version.failureReason ?? "docker version failed")
            result.notes.append("docker: no engine answered (\(TerminalSanitizer.clean(why)))")
            return result
        }
        let target = DockerHostTarget(endpoint: .cliDefault)
        result.dockerTargets = [target]
        result.dockerServerVersion = printed
        let via = environment["DOCKER_HOST"].map { "DOCKER_HOST=\($0)" } ?? "the CLI's current context"
        result.findings.append("docker: engine \(TerminalSanitizer.clean(printed)) through \(TerminalSanitizer.clean(via))")
        if listNames {
            let names = await ProcessRunner.run(
                docker, ["ps", "-a", "--format", "{{.Names}}"], deadline: deadline, outputLimit: 1 << 20)
            if names.succeeded {
                result.dockerContainers = names.stdoutText.split(whereSeparator: \.isNewline)
                    .map { TerminalSanitizer.clean(String($0)) }.filter { !$0.isEmpty }
                result.findings.append("docker: \(result.dockerContainers.count) container(s)")
            } else {
                result.notes.append("docker: cannot list containers (\(TerminalSanitizer.clean(names.failureReason ?? "docker ps failed")))")
            }
        }
        return result
    }

    static func discoverKubernetes(deadline: Duration, listNames: Bool, kubectl: String) async -> DiscoveredSources {
        var result = DiscoveredSources()
        let current = await ProcessRunner.run(kubectl, ["config", "current-context"], deadline: deadline, outputLimit: 64 << 10)
        let context = current.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard current.succeeded, !context.isEmpty else {
            let why: String
            if case .exited = current.exitStatus, let text = KubectlErrorText.reason(stderr: current.stderrText) {
                why = text
            } else {
                why = current.failureReason ?? "kubectl printed no context"
            }
            result.notes.append("kubernetes: kubectl has no current context (\(TerminalSanitizer.clean(why)))")
            return result
        }
        result.kubeTargets = [KubeTarget(context: context)]
        result.findings.append("kubernetes: current context \(TerminalSanitizer.clean(context))")
        if listNames {
            let namespaces = await ProcessRunner.run(
                kubectl, ["--context", context, "get", "namespaces", "-o", "jsonpath={.items[*].metadata.name}"],
                deadline: deadline, outputLimit: 1 << 20)
            if namespaces.succeeded {
                result.kubernetesNamespaces = namespaces.stdoutText.split(whereSeparator: \.isWhitespace)
                    .map { TerminalSanitizer.clean(String($0)) }
                result.findings.append("kubernetes: \(result.kubernetesNamespaces.count) namespace(s) in \(TerminalSanitizer.clean(context))")
            } else {
                let why = KubectlErrorText.reason(stderr: namespaces.stderrText) ?? namespaces.failureReason ?? "kubectl get namespaces failed"
                result.notes.append("kubernetes: context \(TerminalSanitizer.clean(context)) did not list namespaces (\(TerminalSanitizer.clean(why)))")
            }
        }
        return result
    }
}
