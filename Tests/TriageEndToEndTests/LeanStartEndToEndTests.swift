import Foundation
import Testing

/// What the dashboard keeps resident, counted rather than timed: the pages of ICU
/// (`lib_FoundationICU.so`, 37 MB of code and locale data) mapped into the running dashboard,
/// read from `/proc/PID/smaps` once it has drawn a few clock ticks in a zone with daylight saving.
///
/// The dynamic loader always touches the library's symbol and relocation tables (under 1 MB); the
/// rest is faulted in only when something asks ICU: `TimeZone.current` (canonical zone lookup),
/// `abbreviation(for:)` (zone display names, every second), `Calendar` in an ICU zone, and the
/// regular expressions Yams' default resolver compiles to read the built-in theme. That put 5.3 MB
/// of ICU in every dashboard; the clock now comes from the C library (`LocalTime`) and the theme is
/// read without implicit types.
@Suite(.serialized) struct LeanStartEndToEndTests {
    let binary = TmuxSession.triageBinary

    /// Resident kB of every mapping of `library` in process `pid`.
    static func residentKB(of library: String, pid: Int32) throws -> Int {
        // Read to the end: a /proc file has no size for Foundation to go by.
        guard let handle = FileHandle(forReadingAtPath: "/proc/\(pid)/smaps") else { throw E2EError("cannot read /proc/\(pid)/smaps") }
        defer { try? handle.close() }
        let smaps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        var inLibrary = false
        var total = 0
        for line in smaps.split(separator: "\n") {
            if let first = line.first, first.isHexDigit, line.contains("-") {
                inLibrary = line.hasSuffix(library)
            } else if inLibrary, line.hasPrefix("Rss:") {
                total += Int(line.dropFirst(4).trimmingCharacters(in: .whitespaces).split(separator: " ")[0]) ?? 0
            }
        }
        return total
    }

    @Test func theDashboardDrawsItsClockWithoutICU() throws {
        let home = NSTemporaryDirectory() + "triage-e2e-lean-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home + "/config", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        // No config (the host pane only), in a zone that is not UTC so the header shows both clocks.
        let environment = ["TERM": "tmux-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e", "TZ": "Europe/Berlin",
                           "HOME": home, "XDG_CONFIG_HOME": home + "/config", "TRIAGE_STATE": home + "/state"]
        let session = try TmuxSession(width: 200, height: 50, command: "cd \(home) && exec \(binary) --refresh 1s", environment: environment)
        defer { session.kill() }
        let screen = try session.waitFor(timeout: .seconds(15), "the header's two clocks") { $0.contains(" UTC") && $0.contains(" · ") }
        let header = screen.split(separator: "\n").first.map(String.init) ?? ""
        // The C library's name for the zone, as `date` prints it.
        #expect(header.contains(" CET · ") || header.contains(" CEST · "), "header: \(header)")
        let pane = try session.panePID()
        let pid = try #require(([pane] + descendants(of: pane)).first {
            ((try? String(contentsOfFile: "/proc/\($0)/comm", encoding: .utf8)) ?? "").hasPrefix("triage")
        }, "no triage process under the pane")
        // A few frames: each second's clock (and, before, its zone abbreviation) is drawn.
        Thread.sleep(forTimeInterval: 3)
        let icu = try Self.residentKB(of: "lib_FoundationICU.so", pid: pid)
        #expect(icu > 0, "lib_FoundationICU.so is not mapped in pid \(pid): the bound below no longer says anything")
        #expect(icu <= 2048, "\(icu) kB of lib_FoundationICU.so resident after the first frames: something on the frame path uses ICU")
        try session.type("q")
    }

    /// The incident database is opened after the first frame is on screen, never before it: SQLite's
    /// open and schema check (and another process's lock) do not delay the frame. Read from the
    /// diagnostic log the terminal thread writes, in its order, not timed.
    @Test func theFirstFrameIsOnScreenBeforeTheStoreOpens() throws {
        let home = NSTemporaryDirectory() + "triage-e2e-storeopen-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home + "/config", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["TERM": "tmux-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e", "TRIAGE_LOG": "debug",
                           "HOME": home, "XDG_CONFIG_HOME": home + "/config", "TRIAGE_STATE": home + "/state"]
        let session = try TmuxSession(width: 200, height: 50, command: "cd \(home) && exec \(binary) --refresh 1s", environment: environment)
        defer { session.kill() }
        // Read from the database: the pane says so only once the store is open.
        try session.waitFor(timeout: .seconds(15), "the Incident pane read from the database") { $0.contains("no incident open") }
        try session.type("q")
        let log = home + "/state/triage.log"
        let deadline = Date().addingTimeInterval(10)
        var events: [String] = []
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            // "TIME LEVEL EVENT key=value…"
            events = text.split(separator: "\n").map { $0.split(separator: " ") }.filter { $0.count >= 3 }.map { $0[2...].joined(separator: " ") }
            if events.contains(where: { $0.hasPrefix("exit") }) { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let firstFrame = events.firstIndex { $0.hasPrefix("firstFrame") }
        let opened = events.firstIndex { $0.hasPrefix("incidentStore opened=true") }
        #expect(firstFrame != nil && opened != nil, "log: \(events)")
        if let firstFrame, let opened { #expect(firstFrame < opened, "the store opened before the first frame: \(events)") }
        #expect(events.count { $0.hasPrefix("incidentStore") } == 1, "log: \(events)")
        #expect(FileManager.default.fileExists(atPath: home + "/state/incidents.sqlite"))
    }

    /// With a config file (booleans, numbers, a service) ICU stays out too: the config is composed
    /// without Yams' default resolver, whose regular expressions are ICU's.
    @Test func theDashboardReadsItsConfigWithoutICU() throws {
        let home = NSTemporaryDirectory() + "triage-e2e-leanconfig-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home + "/config", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let config = """
            refresh: 1s
            host:
              enabled: yes
            services:
              - name: refused
                url: http://127.0.0.1:1/health
                verify_tls: no
                expect_status: 200
                fail_after: 1
                timeout: 2s
            """
        try config.write(toFile: home + "/lean.yaml", atomically: true, encoding: .utf8)
        let environment = ["TERM": "tmux-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e", "TZ": "Europe/Berlin",
                           "HOME": home, "XDG_CONFIG_HOME": home + "/config", "TRIAGE_STATE": home + "/state"]
        let session = try TmuxSession(width: 200, height: 50, command: "cd \(home) && exec \(binary) --config \(home)/lean.yaml",
                                      environment: environment)
        defer { session.kill() }
        try session.waitFor(timeout: .seconds(20), "the service's row") { $0.contains("refused") && $0.contains(" UTC") }
        let pane = try session.panePID()
        let pid = try #require(([pane] + descendants(of: pane)).first {
            ((try? String(contentsOfFile: "/proc/\($0)/comm", encoding: .utf8)) ?? "").hasPrefix("triage")
        }, "no triage process under the pane")
        Thread.sleep(forTimeInterval: 3)
        let icu = try Self.residentKB(of: "lib_FoundationICU.so", pid: pid)
        #expect(icu > 0, "lib_FoundationICU.so is not mapped in pid \(pid): the bound below no longer says anything")
        #expect(icu <= 2048, "\(icu) kB of lib_FoundationICU.so resident with a config: something on the start path uses ICU")
        try session.type("q")
    }
}
