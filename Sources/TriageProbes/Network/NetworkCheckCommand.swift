import TriageCore

/// The argv of the tool that runs one DNS, TCP or TLS check: a pure function of the spec, so the
/// exact command line is a test case. Values from the config go in as separate arguments after the
/// option that takes them; hosts and names were checked not to start like an option.
public enum NetworkCheckCommand {
    /// `dig`, `nc` or `openssl`, and its arguments.
    public static func argv(_ spec: NetworkCheckSpec) -> (executable: String, arguments: [String]) {
        // The tools take whole seconds; rounded up so they never give up before the check's timeout.
        let seconds = String(max(1, Int(spec.timeout.seconds.rounded(.up))))
        switch spec.target {
        case .dns(let question):
            var arguments = ["+tries=1", "+time=" + seconds]
            if let server = question.server { arguments += ["@" + server.host, "-p", String(server.port)] }
            arguments += ["-q", question.name, "-t", question.type.rawValue]
            return ("dig", arguments)
        case .tcp(let endpoint):
            return ("nc", ["-z", "-v", "-w", seconds, endpoint.host, String(endpoint.port)])
        case .tls(let endpoint):
            var arguments = ["s_client", "-connect", endpoint.description]
            if endpoint.isIPAddress {
                arguments += ["-verify_ip", endpoint.host]
            } else {
                arguments += ["-servername", endpoint.host, "-verify_hostname", endpoint.host]
            }
            return ("openssl", arguments)
        }
    }

    /// The process deadline: the check's timeout plus a second for the tool to report its own
    /// timeout, which says more than being killed does.
    public static func deadline(_ spec: NetworkCheckSpec) -> Duration {
        spec.timeout + .seconds(1)
    }
}
