import Foundation
import Testing
import TriageCore
import Yams
@testable import TriageConfig

/// The config is composed with Yams' `.basic` resolver (no regular expressions, so no ICU before the
/// first frame) and its plain scalars typed by `ImplicitScalarType`; these check that typing against
/// Yams' own default rules, so a config reads exactly as it did with the default resolver.
struct LeanStartImplicitScalarTypeTests {
    /// What Yams' default resolver (its regular expressions) makes of a plain scalar.
    static func yamsDefault(_ text: String) -> String {
        Node(text, Tag(.implicit), .plain).tag.rawValue
    }

    /// Every text of up to four characters over the characters the number, bool, null and
    /// timestamp rules turn on, and a list of whole words and timestamps: the same tag as Yams'.
    @Test func everyShortPlainScalarGetsYamsDefaultTag() {
        let alphabet: [Character] = ["0", "1", "6", "9", "_", ".", ":", "e", "+", "-", "x", "b", "o", " "]
        var texts: [String] = [""]
        var layer: [String] = [""]
        for _ in 1...4 {
            layer = layer.flatMap { prefix in alphabet.map { prefix + String($0) } }
            texts += layer
        }
        texts += [
            "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
            "yEs", "tRue", "y", "n", "~", "null", "Null", "NULL", "nULL", "<<", "=", "==", "< <",
            ".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN", ".NAN", "-.nan", ".Nan", "inf", "nan",
            "0b1010", "-0b1_1", "0b", "0b2", "0o17", "0o", "017", "08", "0x1F", "0xfa_ce", "0x", "0xg", "+12_345", "190:20:30", "1:60", "1:5:9",
            "190:20:30.15", "0:30.5", "6.8523015e+5", "685.230_15e+03", "685_230.15", "1e5", "1.e5", ".5e5", ".5e+5", "-.5", "+.5",
            "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43.1Z", "2001-12-15 2:59:43.10",
            "2002-1-1T1:00:00", "2002-1-1", "2002-01-01T1:00", "2002-01-01\t1:00:00", "2002-01-01 01:00:00 +01", "2002-01-01 01:00:00+01:00x",
            "20021-01-01", "2002-001-01T01:00:00", "2002-01-01T01:00:00.", "2002-01-01T01:00:00 Z", "2002-01-01T01:00:00  -12:30",
            "8080", "30s", "1.5s", "10%", "https://x", "v1.2", "1.2.3", "0.0.0.0", "127.0.0.1:8080",
        ]
        var mismatches: [String] = []
        for text in texts where ImplicitScalarType.tag(ofPlain: text).rawValue != Self.yamsDefault(text) {
            mismatches.append("\"\(text)\": \(ImplicitScalarType.tag(ofPlain: text).rawValue) against Yams' \(Self.yamsDefault(text))")
        }
        #expect(texts.count > 40_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) differ: \(mismatches.prefix(20).joined(separator: "; "))")
    }

    /// Quoted scalars stay strings, and a config's booleans, numbers and nulls read as before.
    @Test func theConfigComposedWithoutRegexesReadsTheSameValues() throws {
        let yaml = """
            refresh: 2s
            host:
              enabled: no
            services:
              - name: "true"
                url: http://127.0.0.1:8080/health
                verify_tls: off
                follow_redirects: yes
                expect_status: 200
                fail_after: 3
            checks:
              - name: disk
                run: ["true"]
                expect_exit: 0
            """
        let config = try ConfigParser.parse(yaml: yaml, file: "triage.yaml")
        #expect(config.hostCounted == false)
        #expect(config.services.first?.name == "true")
        #expect(config.services.first?.verifyTLS == false)
        #expect(config.services.first?.followRedirects == true)
        #expect(config.checks.first?.expectExit == 0)
        let root = try #require(try Yams.compose(yaml: "a: 'yes'\nb: yes\nc: \"1\"\nd: 1\ne: ~\nf: 1.5\n", .basic))
        let tags = ["a", "b", "c", "d", "e", "f"].map { key in root[key].map { ImplicitScalarType.tag(of: $0).rawValue } ?? "missing" }
        #expect(tags == [Tag.Name.str, .bool, .str, .int, .null, .float].map(\.rawValue))
    }

    /// A wrong type is still reported with the value's kind ("found 3 (true/false)" and the like).
    @Test func aWrongTypeIsStillNamed() {
        #expect(throws: ConfigurationError.self) {
            _ = try ConfigParser.parse(yaml: "host:\n  enabled: 3\n", file: "t.yaml")
        }
        do {
            _ = try ConfigParser.parse(yaml: "host:\n  enabled: 3\n", file: "t.yaml")
        } catch {
            #expect("\(error)".contains("the number 3"), "\(error)")
        }
    }

    /// URLs are checked for a host from their text (`URLComponents.host` starts ICU's IDNA): the
    /// same answer as Foundation's for every URL it accepts.
    @Test func aURLNamesAHostExactlyWhenFoundationSaysSo() throws {
        let urls = ["http://example.com", "http://example.com:8080/x?y#z", "https://user:pw@host/", "http://user@:80/", "http:///path",
                    "http://[::1]:8080/", "http://[]/", "http://:8080", "https://xn--bcher-kva.example/", "http://b\u{FC}cher.example/",
                    "tcp://10.0.0.1:2375", "ssh://me@bastion", "unix:///var/run/docker.sock", "http://h?q", "http://h#f", "http://@h/"]
        for url in urls {
            guard let components = URLComponents(string: url) else { continue }
            #expect(NodeReader.namesHost(url) == !(components.host ?? "").isEmpty, "\(url)")
        }
    }
}
