import Foundation
import Testing
import TriageCore
@testable import TriageConfig

/// `alertmanager:` entries: what parses, and each mistake named with its file:line:column.
@Suite("Alertmanager config")
struct AlertmanagerConfigTests {
    func issues(_ yaml: String) -> [String] {
        do {
            _ = try ConfigParser.parse(yaml: yaml, file: "t.yaml")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func everyKeyParses() throws {
        let config = try ConfigParser.parse(yaml: """
            alertmanager:
              - name: main
                url: http://127.0.0.1:9093
                filter: ['severity=~"critical|warning"', team!=db, 'env="prod"']
                receiver: pager
                silenced: true
                headers: {Authorization: Bearer abc}
                timeout: 3s
                verify_tls: false
              - name: other
                url: https://am.example.com/
                filter: 'severity="critical"'
            """, file: "t.yaml")
        #expect(config.alertmanager.count == 2)
        let main = config.alertmanager[0]
        #expect(main.filter == [#"severity=~"critical|warning""#, "team!=db", #"env="prod""#])
        #expect(main.receiver == "pager" && main.silenced && !main.verifyTLS && main.timeout == .seconds(3))
        #expect(main.headers == [HTTPHeader(name: "Authorization", value: "Bearer abc")])
        #expect(main.endpoint("alerts") == "http://127.0.0.1:9093/api/v2/alerts")
        let other = config.alertmanager[1]
        #expect(other.filter == [#"severity="critical""#] && !other.silenced && other.receiver == nil)
        #expect(other.endpoint("silences") == "https://am.example.com/api/v2/silences")
        #expect(!config.configuresNothing, "an Alertmanager alone is a configuration: no discovery")
    }

    @Test func mistakesNameTheirPosition() {
        #expect(issues("alertmanager:\n  - name: a\n") == [#"t.yaml:2:5: alertmanager[0].url: missing required key "url""#])
        #expect(issues("alertmanager:\n  - name: a\n    url: ftp://x\n").first?.hasPrefix("t.yaml:3:10: alertmanager[0].url:") == true)
        #expect(issues("alertmanager:\n  - name: a\n    url: http://x\n    filter: [ok=1, 'severity crit']\n")
            == [#"t.yaml:4:20: alertmanager[0].filter[1]: not an Alertmanager matcher: severity crit (write label=value, label!=value, label=~"regex" or label!~"regex")"#])
        #expect(issues("alertmanager:\n  - name: a\n    url: http://x\n    silenced: maybe\n").first?.hasPrefix("t.yaml:4:15: alertmanager[0].silenced:") == true)
        #expect(issues("alertmanager:\n  - name: a\n    url: http://x\n    reciever: p\n").first?.hasPrefix("t.yaml:4:5: alertmanager[0].reciever:") == true)
        #expect(issues("alertmanager:\n  - name: a\n    url: http://x\n  - name: a\n    url: http://y\n")
            == [#"t.yaml:4:11: alertmanager[1].name: duplicate name "a" (also alertmanager[0]); names identify rows"#])
    }

    @Test func headerValuesAreNeverEchoed() {
        let found = issues("alertmanager:\n  - name: a\n    url: http://x\n    headers: {'Bad Name': sekrit-token}\n")
        #expect(found.count == 1 && !found[0].contains("sekrit"), "\(found)")
    }
}
