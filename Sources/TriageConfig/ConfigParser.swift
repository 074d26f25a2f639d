import Foundation
import TriageCore
import Yams

/// Turns triage.yaml text into a validated `TriageConfiguration`, or every problem with its position.
///
/// A pure function of the text (plus the directory relative paths are resolved against), so each
/// mistake a user can make is a test case with its exact file:line:column.
public enum ConfigParser {
    public static let topLevelKeys = ["refresh", "services", "checks", "prometheus", "alertmanager", "docker", "kubernetes", "runbook", "logs", "theme", "state", "host", "vars", "include", "severity_rules", "notify"]
    /// What an included file may hold: entries to add. The rest is the main file's to set, once.
    public static let includableKeys = ["services", "checks", "prometheus", "alertmanager", "docker", "kubernetes", "logs", "include"]
    static let serviceKeys = ["name", "url", "method", "expect_status", "expect_body", "timeout", "warn_latency", "interval", "headers", "verify_tls", "cert_warn", "cert_crit", "follow_redirects", "max_body", "expect_body_regex", "expect_json", "expect_header", "fail_after", "recover_after"]
    static let checkKeys = ["name", "run", "expect_exit", "expect_output", "timeout", "interval", "env", "fail_after", "recover_after"]
    static let prometheusKeys = ["name", "url", "query", "warn_above", "crit_above", "warn_below", "crit_below", "timeout", "interval", "headers", "verify_tls", "alert_if", "alert_level", "empty", "fail_after", "recover_after"]
    static let dockerKeys = ["host", "context", "containers"]
    static let kubernetesKeys = ["context", "namespaces", "selector"]
    static let logKeys = ["docker", "kubectl", "file", "host", "context", "namespace", "selector"]

    static let httpSchemes = ["http", "https"]
    static let dockerSchemes = ["unix", "tcp", "ssh", "npipe"]

    /// - Parameters:
    ///   - file: the name used in messages (the path as the user gave it).
    ///   - baseDirectory: where relative `runbook`, `state`, log `file` and `include` paths are resolved; nil keeps them as written.
    ///   - included: the file was named by another's `include:`, so it may only add entries (`includableKeys`).
    public static func parse(
        yaml: String, file: String, baseDirectory: String? = nil, included: Bool = false
    ) throws(ConfigurationError) -> TriageConfiguration {
        let reader = NodeReader(file: file)
        let root: Node?
        do {
            // `.basic`: the default resolver's regexes would load ICU before the first frame;
            // NodeReader types plain scalars itself (ImplicitScalarType).
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping = error, let duplicates = DuplicateKeyFinder.issues(yaml: yaml, file: file) {
                throw ConfigurationError(issues: duplicates)
            }
            throw ConfigurationError(issues: [issue(for: error, file: file)])
        } catch {
            throw ConfigurationError(file: file, message: "cannot read YAML: \(error)")
        }
        var config = TriageConfiguration(sourcePath: file)
        guard let root, !NodeReader.isNull(root) else { return config }
        guard let top = reader.mapping(root, "", allowed: topLevelKeys) else { throw ConfigurationError(issues: reader.issues) }
        if included {
            for (key, entry) in top where !includableKeys.contains(key) {
                reader.issue(
                    at: entry.key, key,
                    "only the main configuration file sets \(key); an included file adds services, checks, prometheus, docker, kubernetes and logs")
            }
        }
        if let node = top["include"]?.value {
            config.includes = includeEntries(node, reader).map { path, mark in
                ConfigInclude(path: resolve(path, against: baseDirectory), from: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
            }
        }

        if let node = top["refresh"]?.value, let refresh = reader.duration(node, "refresh") { config.refresh = refresh }
        if let node = top["services"]?.value {
            let entries = list(node, "services", reader, parseServiceEntry)
            config.services = entries.compactMap { if case .http(let spec) = $0 { spec } else { nil } }
            config.network = entries.compactMap { if case .network(let spec) = $0 { spec } else { nil } }
        }
        if let node = top["checks"]?.value { config.checks = list(node, "checks", reader, parseCheck) }
        if let node = top["prometheus"]?.value { config.prometheus = list(node, "prometheus", reader, parsePrometheus) }
        if let node = top["alertmanager"]?.value { config.alertmanager = list(node, "alertmanager", reader, parseAlertmanager) }
        if let node = top["docker"]?.value { config.docker = list(node, "docker", reader, parseDocker) }
        if let node = top["kubernetes"]?.value { config.kubernetes = list(node, "kubernetes", reader, parseKubernetes) }
        if let node = top["logs"]?.value {
            config.logs = list(node, "logs", reader) { entry, path, reader in parseLog(entry, path, reader, baseDirectory: baseDirectory) }
        }
        if let node = top["notify"]?.value { config.notifiers = list(node, "notify", reader, parseNotifier) }
        if let node = top["runbook"]?.value, let path = reader.string(node, "runbook") { config.runbook = resolve(path, against: baseDirectory) }
        if let node = top["theme"]?.value, let theme = reader.string(node, "theme") {
            config.theme = theme
            config.themeLine = node.mark?.line ?? 1
            config.themeColumn = node.mark?.column ?? 1
        }
        if let node = top["state"]?.value, let path = reader.string(node, "state") { config.state = resolve(path, against: baseDirectory) }
        if let node = top["host"]?.value, let fields = reader.mapping(node, "host", allowed: ["enabled"]),
            let enabled = fields["enabled"].flatMap({ reader.bool($0.value, "host.enabled") })
        {
            config.hostCounted = enabled
        }
        if let node = top["vars"]?.value, let entries = reader.mapping(node, "vars", allowed: TriageConfiguration.runbookVariableNames) {
            for (name, entry) in entries { if let value = reader.string(entry.value, "vars." + name) { config.vars[name] = value } }
        }

        if let node = top["severity_rules"]?.value { config.severityRules = list(node, "severity_rules", reader, parseSeverityRule) }

        for section in ["services", "checks", "prometheus", "alertmanager", "notify"] {
            uniqueNames(top[section]?.value, section, reader, positions: &config.namePositions)
        }

        if !reader.issues.isEmpty {
            throw ConfigurationError(issues: reader.issues.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return config
    }

    /// Reads and parses a file; relative paths inside it are resolved against its directory.
    public static func load(path: String) throws(ConfigurationError) -> TriageConfiguration {
        guard let contents = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file (no permission)" : "no such file"
            throw ConfigurationError(file: path, message: reason)
        }
        return try load(path: path, contents: contents)
    }

    /// Parses bytes already read from `path`: whoever judges the bytes (the trust check hashes
    /// them) parses those same bytes, not a second read that could differ.
    public static func load(path: String, contents: Data, included: Bool = false) throws(ConfigurationError) -> TriageConfiguration {
        guard let text = String(data: contents, encoding: .utf8) else {
            throw ConfigurationError(file: path, message: "cannot read the file (not UTF-8 text, or no permission)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        return try parse(yaml: text, file: path, baseDirectory: directory.isEmpty ? "." : directory, included: included)
    }

    // MARK: Sections

    static func list<T>(_ node: Node, _ path: String, _ reader: NodeReader, _ item: (Node, String, NodeReader) -> T?) -> [T] {
        guard let entries = reader.sequence(node, path) else { return [] }
        return entries.enumerated().compactMap { index, entry in item(entry, "\(path)[\(index)]", reader) }
    }

    static func parseService(_ node: Node, _ path: String, _ reader: NodeReader) -> HTTPCheckSpec? {
        guard let fields = reader.mapping(node, path, allowed: serviceKeys) else { return nil }
        let before = reader.issues.count
        let name = required("name", fields, node, path, reader) { reader.string($0, $1) }
        let url = required("url", fields, node, path, reader) { reader.url($0, $1, schemes: httpSchemes) }
        var spec = HTTPCheckSpec(name: name ?? "", url: url ?? "")
        if let node = fields["method"]?.value, let method = reader.string(node, NodeReader.join(path, "method")) {
            if method.allSatisfy({ $0.isLetter && $0.isASCII }) {
                spec.method = method.uppercased()
            } else {
                reader.issue(at: node, NodeReader.join(path, "method"), "invalid HTTP method \"\(method)\"")
            }
        }
        if let node = fields["expect_status"]?.value { spec.expectStatus = expectedStatus(node, NodeReader.join(path, "expect_status"), reader) ?? .anySuccess }
        if let node = fields["expect_body"]?.value { spec.expectBody = reader.string(node, NodeReader.join(path, "expect_body")) }
        if let node = fields["timeout"]?.value, let value = reader.duration(node, NodeReader.join(path, "timeout")) { spec.timeout = value }
        if let node = fields["warn_latency"]?.value, let value = reader.duration(node, NodeReader.join(path, "warn_latency")) { spec.warnLatency = value }
        if let node = fields["interval"]?.value { spec.interval = reader.duration(node, NodeReader.join(path, "interval")) }
        if let node = fields["headers"]?.value { spec.headers = headers(node, NodeReader.join(path, "headers"), reader) }
        if let node = fields["verify_tls"]?.value, let value = reader.bool(node, NodeReader.join(path, "verify_tls")) { spec.verifyTLS = value }
        if let node = fields["cert_warn"]?.value, let value = reader.duration(node, NodeReader.join(path, "cert_warn")) { spec.certWarn = value }
        if let node = fields["cert_crit"]?.value, let value = reader.duration(node, NodeReader.join(path, "cert_crit")) { spec.certCrit = value }
        responseConditions(fields, path, reader, into: &spec)
        spec.policy = policy(fields, path, reader)
        return reader.issues.count == before ? spec : nil
    }

    private static func parseCheck(_ node: Node, _ path: String, _ reader: NodeReader) -> CommandCheckSpec? {
        guard let fields = reader.mapping(node, path, allowed: checkKeys) else { return nil }
        let before = reader.issues.count
        let name = required("name", fields, node, path, reader) { reader.string($0, $1) }
        let argv = required("run", fields, node, path, reader) { runArgv($0, $1, reader) }
        var spec = CommandCheckSpec(name: name ?? "", argv: argv ?? [])
        if let node = fields["expect_exit"]?.value, let code = reader.int(node, NodeReader.join(path, "expect_exit"), range: 0...255) { spec.expectExit = Int32(code) }
        if let node = fields["expect_output"]?.value { spec.expectOutput = reader.string(node, NodeReader.join(path, "expect_output")) }
        if let node = fields["timeout"]?.value, let value = reader.duration(node, NodeReader.join(path, "timeout")) { spec.timeout = value }
        if let node = fields["interval"]?.value { spec.interval = reader.duration(node, NodeReader.join(path, "interval")) }
        if let node = fields["env"]?.value, let pairs = reader.stringPairs(node, NodeReader.join(path, "env")) {
            spec.environment = Dictionary(pairs, uniquingKeysWith: { _, last in last })
        }
        spec.policy = policy(fields, path, reader)
        return reader.issues.count == before ? spec : nil
    }

    /// A `run:` value: a list of arguments, never a shell string (nothing splits or interprets it).
    static func runArgv(_ node: Node, _ key: String, _ reader: NodeReader) -> [String]? {
        if case .scalar = node, !NodeReader.isNull(node) {
            reader.issue(at: node, key, "run must be a list of arguments such as [redis-cli, ping], not a shell string")
            return nil
        }
        guard let argv = reader.stringList(node, key, allowSingle: false) else { return nil }
        if argv.isEmpty {
            reader.issue(at: node, key, "run needs at least the command name")
            return nil
        }
        return argv
    }

    private static func parsePrometheus(_ node: Node, _ path: String, _ reader: NodeReader) -> PrometheusQuerySpec? {
        guard let fields = reader.mapping(node, path, allowed: prometheusKeys) else { return nil }
        let before = reader.issues.count
        let name = required("name", fields, node, path, reader) { reader.string($0, $1) }
        let url = required("url", fields, node, path, reader) { reader.url($0, $1, schemes: httpSchemes) }
        let query = required("query", fields, node, path, reader) { reader.string($0, $1) }
        var spec = PrometheusQuerySpec(name: name ?? "", serverURL: url ?? "", query: query ?? "")
        func threshold(_ key: String) -> Double? {
            fields[key].flatMap { reader.double($0.value, NodeReader.join(path, key)) }
        }
        spec.thresholds = ValueThresholds(
            warnAbove: threshold("warn_above"), critAbove: threshold("crit_above"),
            warnBelow: threshold("warn_below"), critBelow: threshold("crit_below"))
        if let warn = spec.thresholds.warnAbove, let crit = spec.thresholds.critAbove, warn > crit, let node = fields["warn_above"]?.value {
            reader.issue(at: node, NodeReader.join(path, "warn_above"), "warn_above (\(ValueThresholds.format(warn))) is above crit_above (\(ValueThresholds.format(crit)))")
        }
        if let warn = spec.thresholds.warnBelow, let crit = spec.thresholds.critBelow, warn < crit, let node = fields["warn_below"]?.value {
            reader.issue(at: node, NodeReader.join(path, "warn_below"), "warn_below (\(ValueThresholds.format(warn))) is below crit_below (\(ValueThresholds.format(crit)))")
        }
        if let node = fields["timeout"]?.value, let value = reader.duration(node, NodeReader.join(path, "timeout")) { spec.timeout = value }
        if let node = fields["interval"]?.value { spec.interval = reader.duration(node, NodeReader.join(path, "interval")) }
        if let node = fields["headers"]?.value { spec.headers = headers(node, NodeReader.join(path, "headers"), reader) }
        if let node = fields["verify_tls"]?.value, let value = reader.bool(node, NodeReader.join(path, "verify_tls")) { spec.verifyTLS = value }
        alertRule(fields, path, reader, into: &spec)
        spec.policy = policy(fields, path, reader)
        return reader.issues.count == before ? spec : nil
    }

    /// `follow_redirects`, `expect_body_regex`, `expect_json` and `expect_header`.
    private static func responseConditions(_ fields: [String: (key: Node, value: Node)], _ path: String, _ reader: NodeReader, into spec: inout HTTPCheckSpec) {
        if let node = fields["follow_redirects"]?.value, let value = reader.bool(node, NodeReader.join(path, "follow_redirects")) { spec.followRedirects = value }
        if let node = fields["expect_body_regex"]?.value, let pattern = reader.string(node, NodeReader.join(path, "expect_body_regex")) {
            do {
                _ = try NSRegularExpression(pattern: pattern)
                spec.expectBodyRegex = pattern
            } catch {
                reader.issue(at: node, NodeReader.join(path, "expect_body_regex"), "not a regular expression: \(pattern)")
            }
        }
        if let node = fields["expect_json"]?.value {
            let key = NodeReader.join(path, "expect_json")
            if let pairs = reader.mapping(node, key, allowed: ["path", "equals"]) {
                let jsonPath = pairs["path"].flatMap { reader.string($0.value, NodeReader.join(key, "path")) }
                let equals = pairs["equals"].flatMap { reader.string($0.value, NodeReader.join(key, "equals")) }
                if let jsonPath, let equals {
                    if JSONPathSubset.steps(jsonPath) == nil {
                        reader.issue(at: node, key, "path \"\(jsonPath)\" is not in the supported JSONPath subset ($.a.b, $.a[0], $['a b'])")
                    } else {
                        spec.expectJSON = JSONExpectation(path: jsonPath, equals: equals)
                    }
                } else if jsonPath == nil || equals == nil {
                    reader.issue(at: node, key, "expect_json needs path and equals")
                }
            }
        }
        if let node = fields["expect_header"]?.value { spec.expectHeaders = headers(node, NodeReader.join(path, "expect_header"), reader) }
        if let node = fields["max_body"]?.value, let text = reader.string(node, NodeReader.join(path, "max_body")) {
            if let bytes = byteSize(text), bytes > 0 {
                spec.maxBody = bytes
            } else {
                reader.issue(at: node, NodeReader.join(path, "max_body"), "invalid size \"\(text)\": use bytes or a unit, e.g. 64KiB, 1MiB")
            }
        }
    }

    /// `65536`, `64KiB`, `1MiB`, `1MB` (= MiB: a cap, not a disk label); at most 1 GiB.
    static func byteSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 10, let number = Int(digits) else { return nil }
        let units: [String: Int] = ["": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MB": 1 << 20, "MIB": 1 << 20, "G": 1 << 30, "GB": 1 << 30, "GIB": 1 << 30]
        guard let scale = units[trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).uppercased()] else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow || bytes > 1 << 30 ? nil : bytes
    }

    /// `alert_if: any` (with `alert_level`) and `empty:`, the alerting-rule reading of a query.
    private static func alertRule(_ fields: [String: (key: Node, value: Node)], _ path: String, _ reader: NodeReader, into spec: inout PrometheusQuerySpec) {
        func state(_ key: String, _ allowed: [HealthState]) -> HealthState? {
            guard let node = fields[key]?.value, let text = reader.string(node, NodeReader.join(path, key)) else { return nil }
            guard let state = HealthState(rawValue: text.lowercased()), allowed.contains(state) else {
                reader.issue(at: node, NodeReader.join(path, key), "\(key) must be one of \(allowed.map(\.rawValue).joined(separator: ", ")), not \"\(text)\"")
                return nil
            }
            return state
        }
        if let node = fields["alert_if"]?.value, let text = reader.string(node, NodeReader.join(path, "alert_if")) {
            if text.lowercased() == "any" {
                spec.alertLevel = .crit
                if !spec.thresholds.isEmpty {
                    reader.issue(at: node, NodeReader.join(path, "alert_if"), "alert_if: any judges every returned series; remove the warn_/crit_ thresholds")
                }
            } else {
                reader.issue(at: node, NodeReader.join(path, "alert_if"), "alert_if must be \"any\", not \"\(text)\"")
            }
        }
        if let level = state("alert_level", [.warn, .crit]) {
            if spec.alertLevel == nil, let node = fields["alert_level"]?.value {
                reader.issue(at: node, NodeReader.join(path, "alert_level"), "alert_level needs alert_if: any")
            }
            spec.alertLevel = level
        }
        if let empty = state("empty", [.ok, .warn, .crit, .unknown]) { spec.emptyState = empty }
    }

    private static func parseDocker(_ node: Node, _ path: String, _ reader: NodeReader) -> DockerTarget? {
        guard let fields = reader.mapping(node, path, allowed: dockerKeys) else { return nil }
        let before = reader.issues.count
        var target = DockerTarget()
        target.endpoint = dockerEndpoint(fields, path, reader)
        if let node = fields["containers"]?.value { target.containers = reader.stringList(node, NodeReader.join(path, "containers"), allowSingle: true) ?? [] }
        return reader.issues.count == before ? target : nil
    }

    private static func parseKubernetes(_ node: Node, _ path: String, _ reader: NodeReader) -> KubernetesTarget? {
        guard let fields = reader.mapping(node, path, allowed: kubernetesKeys) else { return nil }
        let before = reader.issues.count
        var target = KubernetesTarget()
        if let node = fields["context"]?.value { target.context = reader.string(node, NodeReader.join(path, "context")) }
        if let node = fields["namespaces"]?.value { target.namespaces = reader.stringList(node, NodeReader.join(path, "namespaces"), allowSingle: true) ?? [] }
        if let node = fields["selector"]?.value { target.selector = reader.string(node, NodeReader.join(path, "selector")) }
        return reader.issues.count == before ? target : nil
    }

    private static func parseLog(_ node: Node, _ path: String, _ reader: NodeReader, baseDirectory: String?) -> LogSource? {
        guard let fields = reader.mapping(node, path, allowed: logKeys) else { return nil }
        let kinds = ["docker", "kubectl", "file"].filter { fields[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first else {
            reader.issue(at: node, path, kinds.isEmpty
                ? "a log entry needs one of docker:, kubectl: or file:"
                : "a log entry takes one of docker:, kubectl: or file:, not \(kinds.joined(separator: " and "))")
            return nil
        }
        let before = reader.issues.count
        let allowedExtras: [String] = switch kind {
        case "docker": ["host", "context"]
        case "kubectl": ["context", "namespace", "selector"]
        default: []
        }
        for extra in ["host", "context", "namespace", "selector"] where fields[extra] != nil && !allowedExtras.contains(extra) {
            reader.issue(at: fields[extra]!.key, NodeReader.join(path, extra), "\(extra): does not apply to a \(kind): log entry")
        }
        let value = reader.string(fields[kind]!.value, NodeReader.join(path, kind))
        let source: LogSource?
        switch kind {
        case "docker":
            let endpoint = dockerEndpoint(fields, path, reader)
            source = value.map { .docker(container: $0, endpoint: endpoint) }
        case "kubectl":
            func text(_ key: String) -> String? { fields[key].flatMap { reader.string($0.value, NodeReader.join(path, key)) } }
            source = value.map { .kubectl(target: $0, context: text("context"), namespace: text("namespace"), selector: text("selector")) }
        default:
            source = value.map { .file(path: resolve($0, against: baseDirectory)) }
        }
        return reader.issues.count == before ? source : nil
    }

    // MARK: Shared pieces

    static func required<T>(
        _ key: String, _ fields: [String: (key: Node, value: Node)], _ entry: Node, _ path: String, _ reader: NodeReader,
        _ read: (Node, String) -> T?
    ) -> T? {
        guard let field = fields[key] else {
            reader.issue(at: entry, NodeReader.join(path, key), "missing required key \"\(key)\"")
            return nil
        }
        return read(field.value, NodeReader.join(path, key))
    }

    private static func expectedStatus(_ node: Node, _ path: String, _ reader: NodeReader) -> HTTPCheckSpec.ExpectedStatus? {
        if case .sequence(let items) = node {
            var codes: [Int] = []
            for (index, item) in items.enumerated() {
                guard let code = reader.int(item, "\(path)[\(index)]", range: 100...599) else { return nil }
                codes.append(code)
            }
            if codes.isEmpty {
                reader.issue(at: node, path, "list at least one status code, or leave expect_status out for any 2xx")
                return nil
            }
            return .codes(codes)
        }
        return reader.int(node, path, range: 100...599).map { .codes([$0]) }
    }

    static func headers(_ node: Node, _ path: String, _ reader: NodeReader) -> [HTTPHeader] {
        guard let pairs = reader.stringPairs(node, path) else { return [] }
        var headers: [HTTPHeader] = []
        for (name, value) in pairs {
            let validName = !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_".unicodeScalars.contains($0)) }
            if !validName || value.contains(where: { $0 == "\r" || $0 == "\n" }) {
                // Never echo the value: headers carry tokens.
                reader.issue(at: node, NodeReader.join(path, name), "invalid header (names are letters, digits and -, values one line)")
                continue
            }
            headers.append(HTTPHeader(name: name, value: value))
        }
        return headers
    }

    static func policy(_ fields: [String: (key: Node, value: Node)], _ path: String, _ reader: NodeReader) -> CheckStateMachine.Policy {
        var policy = CheckStateMachine.Policy.standard
        if let node = fields["fail_after"]?.value, let value = reader.int(node, NodeReader.join(path, "fail_after"), range: 1...100) { policy.failuresToCrit = value }
        if let node = fields["recover_after"]?.value, let value = reader.int(node, NodeReader.join(path, "recover_after"), range: 1...100) { policy.successesToRecover = value }
        return policy
    }

    private static func dockerEndpoint(_ fields: [String: (key: Node, value: Node)], _ path: String, _ reader: NodeReader) -> DockerTarget.Endpoint {
        let host = fields["host"].flatMap { reader.url($0.value, NodeReader.join(path, "host"), schemes: dockerSchemes) }
        let context = fields["context"].flatMap { reader.string($0.value, NodeReader.join(path, "context")) }
        if host != nil, context != nil, let node = fields["context"]?.key {
            reader.issue(at: node, NodeReader.join(path, "context"), "give host: or context:, not both")
        }
        if let host { return .host(host) }
        if let context { return .context(context) }
        return .default
    }

    /// `include: other.yaml` or `include: [a.yaml, b.yaml]`: each path with its place.
    private static func includeEntries(_ node: Node, _ reader: NodeReader) -> [(String, Mark?)] {
        if case .scalar = node, let path = reader.string(node, "include") { return [(path, node.mark)] }
        guard let items = reader.sequence(node, "include") else { return [] }
        return items.enumerated().compactMap { index, item in reader.string(item, "include[\(index)]").map { ($0, item.mark) } }
    }

    private static func uniqueNames(_ node: Node?, _ section: String, _ reader: NodeReader, positions: inout [String: ConfigPosition]) {
        guard case .sequence(let items)? = node else { return }
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard case .mapping(let mapping) = item, let nameNode = mapping["name"], case .scalar(let scalar) = nameNode else { continue }
            if positions[section + "/" + scalar.string] == nil, let mark = nameNode.mark {
                positions[section + "/" + scalar.string] = ConfigPosition(line: mark.line, column: mark.column)
            }
            if let first = seen[scalar.string] {
                reader.issue(at: nameNode, "\(section)[\(index)].name", "duplicate name \"\(scalar.string)\" (also \(section)[\(first)]); names identify rows")
            } else {
                seen[scalar.string] = index
            }
        }
    }

    static func resolve(_ path: String, against base: String?) -> String {
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            return home + path.dropFirst(1)
        }
        guard let base, !path.hasPrefix("/") else { return path }
        return base == "." ? path : base + "/" + path
    }

    static func issue(for error: YamlError, file: String) -> ConfigIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return ConfigIssue(file: file, line: mark.line, column: mark.column, key: "", message: "YAML syntax: \(problem)\(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigIssue(
                file: file, line: context.mark.line, column: context.mark.column, key: duplicates.first ?? "",
                message: "duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return ConfigIssue(file: file, line: 1, column: 1, key: "", message: "cannot read YAML: \(problem)")
        default:
            return ConfigIssue(file: file, line: 1, column: 1, key: "", message: "cannot read YAML: \(error)")
        }
    }
}
