import Foundation
import TriageCore
import Yams

/// `services:` entries that are not HTTP: `dns:`, `tcp:` and `tls:` checks.
extension ConfigParser {
    static let networkKinds = ["dns", "tcp", "tls"]
    static let networkKeys = ["name", "dns", "tcp", "tls", "timeout", "warn_latency", "interval", "verify_tls", "cert_warn", "cert_crit", "fail_after", "recover_after"]
    static let dnsKeys = ["name", "type", "server", "expect"]

    /// One `services:` entry: HTTP (`url:`) or one of `dns:`, `tcp:`, `tls:`.
    enum ServiceEntry {
        case http(HTTPCheckSpec)
        case network(NetworkCheckSpec)
    }

    static func parseServiceEntry(_ node: Node, _ path: String, _ reader: NodeReader) -> ServiceEntry? {
        guard case .mapping(let mapping) = node else { return parseService(node, path, reader).map(ServiceEntry.http) }
        let kinds = (["url"] + networkKinds).filter { kind in mapping.keys.contains { $0.string == kind } }
        if kinds.count > 1 {
            reader.issue(at: node, path, "a service takes one of url:, dns:, tcp: or tls:, not \(kinds.joined(separator: " and "))")
            return nil
        }
        guard let kind = kinds.first, networkKinds.contains(kind) else { return parseService(node, path, reader).map(ServiceEntry.http) }
        return parseNetwork(node, path, kind: kind, reader).map(ServiceEntry.network)
    }

    static func parseNetwork(_ node: Node, _ path: String, kind: String, _ reader: NodeReader) -> NetworkCheckSpec? {
        guard let fields = reader.mapping(node, path, allowed: networkKeys) else { return nil }
        let before = reader.issues.count
        let name = required("name", fields, node, path, reader) { reader.string($0, $1) }
        let key = NodeReader.join(path, kind)
        let target: NetworkCheckSpec.Target? = switch kind {
        case "dns": fields["dns"].flatMap { dnsQuestion($0.value, key, reader) }.map { .dns($0) }
        case "tcp": fields["tcp"].flatMap { hostPort($0.value, key, reader) }.map { .tcp($0) }
        default: fields["tls"].flatMap { hostPort($0.value, key, reader) }.map { .tls($0) }
        }
        var spec = NetworkCheckSpec(name: name ?? "", target: target ?? .tcp(HostPort(host: "", port: 1)))
        if let node = fields["timeout"]?.value, let value = reader.duration(node, NodeReader.join(path, "timeout")) { spec.timeout = value }
        if let node = fields["warn_latency"]?.value, let value = reader.duration(node, NodeReader.join(path, "warn_latency")) { spec.warnLatency = value }
        if let node = fields["interval"]?.value { spec.interval = reader.duration(node, NodeReader.join(path, "interval")) }
        for tlsOnly in ["verify_tls", "cert_warn", "cert_crit"] where kind != "tls" {
            if let field = fields[tlsOnly] { reader.issue(at: field.key, NodeReader.join(path, tlsOnly), "\(tlsOnly): applies to tls: and url: checks, not \(kind):") }
        }
        if let node = fields["verify_tls"]?.value, let value = reader.bool(node, NodeReader.join(path, "verify_tls")) { spec.verifyTLS = value }
        if let node = fields["cert_warn"]?.value, let value = reader.duration(node, NodeReader.join(path, "cert_warn")) { spec.certWarn = value }
        if let node = fields["cert_crit"]?.value, let value = reader.duration(node, NodeReader.join(path, "cert_crit")) { spec.certCrit = value }
        spec.policy = policy(fields, path, reader)
        return reader.issues.count == before && target != nil ? spec : nil
    }

    /// `host:port` for `tcp:` and `tls:` (`[::1]:853` for IPv6).
    static func hostPort(_ node: Node, _ path: String, _ reader: NodeReader, defaultPort: Int? = nil) -> HostPort? {
        guard let text = reader.string(node, path) else { return nil }
        guard let endpoint = HostPort.parse(text.trimmingCharacters(in: .whitespaces), defaultPort: defaultPort) else {
            let form = defaultPort == nil ? "host:port, e.g. db.internal:5432 or [::1]:853" : "a host or host:port, e.g. 10.0.0.53 or 127.0.0.1:5353"
            reader.issue(at: node, path, "invalid address \"\(text)\": expected \(form)")
            return nil
        }
        return endpoint
    }

    /// `dns: {name: api.example.com, type: A, server: 10.0.0.53, expect: 10.0.0.7}`.
    static func dnsQuestion(_ node: Node, _ path: String, _ reader: NodeReader) -> DNSQuestion? {
        guard let fields = reader.mapping(node, path, allowed: dnsKeys) else { return nil }
        let before = reader.issues.count
        let name = required("name", fields, node, path, reader) { node, key -> String? in
            guard let text = reader.string(node, key) else { return nil }
            // The name reaches dig's argv after -q; DNS names are letters, digits, '-', '_' and dots.
            let valid = !text.hasPrefix("-") && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            if !valid { reader.issue(at: node, key, "invalid DNS name \"\(text)\"") }
            return valid ? text : nil
        }
        var question = DNSQuestion(name: name ?? "")
        if let node = fields["type"]?.value, let text = reader.string(node, NodeReader.join(path, "type")) {
            if let type = DNSQuestion.RecordType(rawValue: text.uppercased()) {
                question.type = type
            } else {
                let types = DNSQuestion.RecordType.allCases.map(\.rawValue).joined(separator: ", ")
                reader.issue(at: node, NodeReader.join(path, "type"), "type must be one of \(types), not \"\(text)\"")
            }
        }
        if let node = fields["server"]?.value { question.server = hostPort(node, NodeReader.join(path, "server"), reader, defaultPort: 53) }
        if let node = fields["expect"]?.value {
            question.expect = reader.stringList(node, NodeReader.join(path, "expect"), allowSingle: true) ?? []
        }
        return reader.issues.count == before && name != nil ? question : nil
    }
}
