import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// Parsing and judging curl 7.88.1's write-out records (`CurlWriteOut`), recorded from the stderr of
/// a real `curl --parallel` round (scripts/testservers/probe_server.py, one HTTPS instance with a
/// 30-day self-signed certificate), curl's own error lines between them as it wrote them.
@Suite("curl write-out parsing")
struct CurlParsingTests {
    static let recordedURLs = [
        "/ok", "/status/500", "/slow?ms=3000", "http://127.0.0.1:9/refused", "http://no-such-host.invalid/",
        "https (verify off)", "https (verify on)", "HEAD /ok",
    ]

    /// The marker the recorded config gave curl (a run makes its own random one).
    static let recordedMarker = "5eed5eed5eed5eed"

    func transfers() throws -> [Int: CurlTransfer] {
        let parsed = CurlWriteOut.Reader.records(in: Array(try Fixture.text("curl-7.88.1-parallel-records.txt").utf8), marker: Self.recordedMarker)
        #expect(parsed.count == 8)
        var byNumber: [Int: CurlTransfer] = [:]
        for transfer in parsed { byNumber[try #require(transfer.urlNumber)] = transfer }
        return byNumber
    }

    @Test func parsesEveryRecordedTransfer() throws {
        let all = try transfers()
        #expect(all.keys.sorted() == Array(0..<8))
        let ok = try #require(all[0])
        #expect(ok.httpCode == 200)
        #expect(ok.exitCode == 0)
        #expect(ok.errorMessage == nil)
        #expect(ok.timeTotal == 0.082522)
        #expect(ok.urlEffective?.hasSuffix("/ok") == true)
        #expect(all[1]?.httpCode == 500)
        #expect(all[2]?.exitCode == 28)
        #expect(all[3]?.errorMessage == "Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server")
        #expect(all[4]?.exitCode == 6)
        #expect(all[6]?.errorMessage == "SSL certificate problem: self-signed certificate")
        #expect(all[7]?.method == "HEAD")
    }

    @Test func certificateExpiryFromCerts() throws {
        let tls = try #require(try transfers()[5])
        #expect(tls.certificateCount == 1)
        let expiry = try #require(tls.earliestCertificateExpiry)
        // notAfter=Jan  6 18:03:07 2027 GMT
        #expect(expiry == Date(timeIntervalSince1970: 1_799_258_587))
        #expect(tls.timeAppConnect ?? 0 > 0)
        #expect(try transfers()[0]?.earliestCertificateExpiry == nil)
    }

    @Test func certificateDateParsing() {
        #expect(CertificateDate.parse("Jan  1 00:00:00 1970 GMT") == Date(timeIntervalSince1970: 0))
        #expect(CertificateDate.parse("Feb 29 12:00:00 2028 GMT") == Date(timeIntervalSince1970: 1_835_438_400))
        #expect(CertificateDate.parse("Foo 1 00:00:00 2020 GMT") == nil)
        #expect(CertificateDate.daysLeft(until: Date(timeIntervalSince1970: 86400 * 10), now: Date(timeIntervalSince1970: 3600)) == 9)
        #expect(CertificateDate.daysLeft(until: Date(timeIntervalSince1970: 0), now: Date(timeIntervalSince1970: 3600)) == -1)
    }

    @Test func aCutRecordIsNotReported() throws {
        let recorded = Array(try Fixture.text("curl-7.88.1-parallel-records.txt").utf8)
        let lastStart = try #require(recorded.lastIndex(of: 0x1E))
        #expect(CurlWriteOut.Reader.records(in: Array(recorded[..<(lastStart + 20)]), marker: Self.recordedMarker).count == 7)
    }

    @Test func recordsArriveWhateverThePipeCutsThemInto() throws {
        let recorded = Array(try Fixture.text("curl-7.88.1-parallel-records.txt").utf8)
        let whole = CurlWriteOut.Reader.records(in: recorded, marker: Self.recordedMarker)
        for size in [1, 2, 7, 64, 4096] {
            var reader = CurlWriteOut.Reader(marker: Self.recordedMarker)
            var pieces: [CurlTransfer] = []
            var start = 0
            while start < recorded.count {
                pieces += reader.feed(recorded[start..<min(start + size, recorded.count)])
                start += size
            }
            #expect(pieces == whole, "pieces of \(size) bytes")
            // curl's own messages stay apart from the records, for a failed run's reason.
            let other = String(decoding: reader.otherText, as: UTF8.self)
            #expect(other.hasPrefix("curl: (7) Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server\n"))
            #expect(other.contains("\ncurl: (6) Could not resolve host: no-such-host.invalid\n"))
            #expect(other.hasSuffix("\ncurl: (28) Operation timed out after 1001 milliseconds with 0 bytes received\n"))
            #expect(!reader.otherText.contains(0x1E) && !reader.otherText.contains(0x1F) && !reader.otherText.contains(0x1D))

        }
    }

    @Test func aRecordWithTheWrongFieldCountIsDropped() {
        let record: [UInt8] = [0x1E] + Array("m\u{1F}0\u{1F}200".utf8) + [0x1D, 0x0A]
        #expect(CurlWriteOut.Reader.records(in: record, marker: "m").isEmpty)
    }

    /// A server controls some of what curl writes (a certificate's fields, an error's words): a
    /// record it forged there lacks the run's marker, and nothing in the run is taken from it.
    @Test func aRecordWithoutTheRunsMarkerIsDropped() throws {
        let recorded = Array(try Fixture.text("curl-7.88.1-parallel-records.txt").utf8)
        #expect(CurlWriteOut.Reader.records(in: recorded, marker: Self.recordedMarker).count == 8)
        #expect(CurlWriteOut.Reader.records(in: recorded, marker: "0000000000000000").isEmpty)
        // A forged record for check 1 inside check 5's certificate text: both are lost, not swapped.
        let forged = Array("\u{1E}0000000000000000\u{1F}1\u{1F}200".utf8) + Array(repeating: 0x1F, count: 15) + [0x1D]
        let start = try #require(recorded.firstRange(of: Array("Subject:".utf8))).lowerBound
        let tampered = Array(recorded[..<start]) + forged + Array(recorded[start...])
        let read = CurlWriteOut.Reader.records(in: tampered, marker: Self.recordedMarker)
        #expect(read.count == 7)
        #expect(!read.contains { $0.urlNumber == 5 })
        #expect(read.first { $0.urlNumber == 1 }?.httpCode == 500)
        #expect(CurlWriteOut.newMarker() != CurlWriteOut.newMarker())
        #expect(CurlWriteOut.newMarker().utf8.count == 16)
    }

    @Test func assignsByUrlNumberThenByURL() {
        let transfers = [
            CurlTransfer(urlNumber: 1, url: "http://b"), CurlTransfer(url: "http://a"), CurlTransfer(url: "http://a"),
            CurlTransfer(urlNumber: 9, url: "http://c"),
        ]
        let assigned = CurlTransfer.assign(transfers, toRequestURLs: ["http://a", "http://b", "http://a", "http://c"])
        #expect(assigned[0]?.url == "http://a")
        #expect(assigned[1]?.urlNumber == 1)
        #expect(assigned[2]?.url == "http://a")
        #expect(assigned[3]?.urlNumber == 9, "an out-of-range urlnum falls back to the URL")
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let index: Int
        let spec: HTTPCheckSpec
        let state: HealthState
        let reason: String?
        var testDescription: String { "\(CurlParsingTests.recordedURLs[index]) → \(state)" }
    }

    static let rows: [Row] = [
        Row(index: 0, spec: HTTPCheckSpec(name: "ok", url: "u"), state: .ok, reason: nil),
        Row(index: 0, spec: HTTPCheckSpec(name: "fast enough?", url: "u", warnLatency: .milliseconds(10)), state: .warn, reason: "slow: 82ms ≥ 10ms"),
        Row(index: 0, spec: HTTPCheckSpec(name: "wants 204", url: "u", expectStatus: .codes([204])), state: .crit, reason: "HTTP 200 (expected 204)"),
        Row(index: 1, spec: HTTPCheckSpec(name: "500", url: "u"), state: .crit, reason: "HTTP 500 (expected 2xx)"),
        Row(index: 1, spec: HTTPCheckSpec(name: "500 expected", url: "u", expectStatus: .codes([500, 503])), state: .ok, reason: nil),
        Row(index: 2, spec: HTTPCheckSpec(name: "slow", url: "u", timeout: .seconds(1)), state: .crit, reason: "timed out after 1s"),
        Row(index: 3, spec: HTTPCheckSpec(name: "refused", url: "u"), state: .crit, reason: "Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server"),
        Row(index: 4, spec: HTTPCheckSpec(name: "dns", url: "u"), state: .crit, reason: "Could not resolve host: no-such-host.invalid"),
        Row(index: 6, spec: HTTPCheckSpec(name: "tls", url: "u"), state: .crit, reason: "SSL certificate problem: self-signed certificate"),
        Row(index: 7, spec: HTTPCheckSpec(name: "head", url: "u", method: "HEAD"), state: .ok, reason: nil),
    ]

    @Test(arguments: rows)
    func judgesRecordedTransfers(_ row: Row) throws {
        let transfer = try #require(try transfers()[row.index])
        let result = HTTPCheckEvaluator.evaluate(row.spec, transfer: transfer, body: nil, batchFailure: nil, now: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(result.state == row.state)
        #expect(result.reason == row.reason)
    }

    @Test func certificateDaysDriveTheState() throws {
        let tls = try #require(try transfers()[5])
        let spec = HTTPCheckSpec(name: "tls", url: "u", verifyTLS: false)
        let expiry = 1_799_258_587.0
        let early = HTTPCheckEvaluator.evaluate(spec, transfer: tls, body: nil, batchFailure: nil, now: Date(timeIntervalSince1970: expiry - 30 * 86400))
        #expect(early.state == .ok)
        #expect(early.certificateDaysLeft == 30)
        #expect(early.timings.tlsHandshake != nil)
        let close = HTTPCheckEvaluator.evaluate(spec, transfer: tls, body: nil, batchFailure: nil, now: Date(timeIntervalSince1970: expiry - 5.5 * 86400))
        #expect(close.state == .warn)
        #expect(close.reason == "certificate expires in 5d")
        let late = HTTPCheckEvaluator.evaluate(spec, transfer: tls, body: nil, batchFailure: nil, now: Date(timeIntervalSince1970: expiry + 2.5 * 86400))
        #expect(late.state == .crit)
        // Whole days since expiry, rounded down, as "expires in" counts whole days left.
        #expect(late.reason == "certificate expired 2d ago")
    }

    @Test func missingTransferUsesTheBatchReason() {
        let result = HTTPCheckEvaluator.evaluate(HTTPCheckSpec(name: "x", url: "u"), transfer: nil, body: nil, batchFailure: "curl: not found on PATH", now: Date())
        #expect(result.state == .unknown)
        #expect(result.reason == "curl: not found on PATH")
    }

    @Test func configEscapesAndDropsLineBreaks() {
        let request = CurlRequest(
            url: "http://h/a{b}[c]", method: "POST", headers: [HTTPHeader(name: "Authorization", value: "Bearer \"x\"\\y\r\nX-Evil: 1")],
            maxTime: .milliseconds(2500), verifyTLS: false, queryParameters: [("query", "up{job=\"web\"}")])
        let config = CurlConfigWriter.render([request, CurlRequest(url: "http://h/2", method: "HEAD")], marker: "m")
        #expect(config == """
            url = "http://h/a{b}[c]"
            globoff
            max-time = 2.500
            output = "/dev/null"
            write-out = "\(CurlWriteOut.format(marker: "m"))"
            user-agent = "triage"
            request = "POST"
            header = "Authorization: Bearer \\"x\\"\\\\yX-Evil: 1"
            insecure
            get
            data-urlencode = "query=up{job=\\"web\\"}"
            next
            url = "http://h/2"
            globoff
            max-time = 5
            output = "/dev/null"
            write-out = "\(CurlWriteOut.format(marker: "m"))"
            user-agent = "triage"
            head

            """)
    }
}
