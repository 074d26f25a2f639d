/// The write-out each transfer of a batch sends back, and the reader that finds it in curl's stderr.
///
/// Why stderr: curl 7.88 writes a transfer's `-w` to stdout through stdio's full buffer and does not
/// flush it between transfers, so on a pipe every result waited for curl to exit, and the fastest
/// check of a batch waited for the slowest. stderr is unbuffered: each result arrives the moment its
/// transfer ends, which is what lets checks with different timeouts share one curl process
/// (`CurlBatchSharing`).
///
/// Why not `%{json}` there: on an unbuffered stream curl writes every literal character and every
/// digit with its own `write(2)`, about 1,000 for one `%{json}` object. This record spells no key
/// names: one separator byte between fields, 73 writes for a plain HTTP transfer.
///
/// A record is `RS field US field … GS LF`. The certificate text (`%{certs}`) spans lines, so it is
/// the last field and the record ends at GS, not at the line break. curl's own messages
/// ("curl: (7) Failed to connect …") go to the same stderr between records; they are kept apart
/// as `otherText`, where a failed run's reason is read from.
public enum CurlWriteOut {
    static let recordStart: UInt8 = 0x1E
    static let fieldSeparator: UInt8 = 0x1F
    static let recordEnd: UInt8 = 0x1D

    /// The fields, in record order (certificates last: they may span lines).
    static let fields = [
        "urlnum", "http_code", "exitcode", "errormsg", "time_total", "time_namelookup", "time_connect",
        "time_appconnect", "time_starttransfer", "size_download", "remote_ip", "num_certs", "redirect_url",
        "method", "url", "url_effective", "certs",
    ]

    /// The `write-out` value for a config file (`CurlConfigWriter` writes it unquoted: the separators
    /// are control bytes, which its quoting drops).
    ///
    /// `marker` opens every record and must come back the same: a run's own random one
    /// (`newMarker()`), which no server knew when it made its certificate, so text a server
    /// controls (a certificate's fields, an error message) can never pass for another check's
    /// record. A record whose marker differs is dropped.
    public static func format(marker: String) -> String {
        let rs = String(UnicodeScalar(recordStart)), us = String(UnicodeScalar(fieldSeparator))
        let gs = String(UnicodeScalar(recordEnd))
        return "%{stderr}" + rs + marker + us + fields.map { "%{\($0)}" }.joined(separator: us) + gs + "\\n"
    }

    /// 16 random hex digits, new for every curl run.
    public static func newMarker() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// One record's fields as a transfer; nil when its marker or its field count is not the format's.
    static func transfer(fromRecord bytes: ArraySlice<UInt8>, marker: [UInt8]) -> CurlTransfer? {
        var parts = bytes.split(separator: fieldSeparator, omittingEmptySubsequences: false)
        guard parts.count == fields.count + 1, parts.removeFirst().elementsEqual(marker) else { return nil }
        func text(_ index: Int) -> String? {
            let part = parts[index]
            return part.isEmpty ? nil : String(decoding: part, as: UTF8.self)
        }
        func integer(_ index: Int) -> Int? { text(index).flatMap { Int($0) } }
        func number(_ index: Int) -> Double? { text(index).flatMap { Double($0) } }
        var transfer = CurlTransfer(
            urlNumber: integer(0), url: text(14), urlEffective: text(15), method: text(13), httpCode: integer(1),
            exitCode: integer(2), errorMessage: text(3), timeTotal: number(4), timeNameLookup: number(5),
            timeConnect: number(6), timeAppConnect: number(7), timeStartTransfer: number(8), sizeDownload: number(9),
            remoteIP: text(10), certificates: text(16), certificateCount: integer(11))
        transfer.redirectURL = text(12)
        return transfer
    }

    /// Reads curl's stderr as it comes, in pieces of any size: whole records out, the rest kept.
    public struct Reader: Sendable {
        private let marker: [UInt8]
        private var pending: [UInt8] = []
        private var inRecord = false
        private var justEndedRecord = false
        /// curl's own messages between records: at least the last `otherTextLimit` bytes of them.
        public private(set) var otherText: [UInt8] = []
        public var otherTextLimit = 8 << 10
        /// A record longer than this is dropped (a certificate chain is a few KiB).
        public var recordLimit = 1 << 20

        /// Reads the records that open with `marker` (see `format(marker:)`).
        public init(marker: String) {
            self.marker = Array(marker.utf8)
        }

        /// The transfers whose records `chunk` completed, in the order curl wrote them.
        public mutating func feed(_ chunk: some Sequence<UInt8>) -> [CurlTransfer] {
            var finished: [CurlTransfer] = []
            for byte in chunk {
                if inRecord {
                    switch byte {
                    case CurlWriteOut.recordEnd:
                        if let transfer = CurlWriteOut.transfer(fromRecord: pending[...], marker: marker) { finished.append(transfer) }
                        pending.removeAll(keepingCapacity: true)
                        inRecord = false
                        justEndedRecord = true
                    case CurlWriteOut.recordStart:
                        // A record cut short (it cannot happen with one writer; be strict anyway).
                        pending.removeAll(keepingCapacity: true)
                    default:
                        if pending.count < recordLimit { pending.append(byte) }
                    }
                } else if byte == CurlWriteOut.recordStart {
                    inRecord = true
                    justEndedRecord = false
                } else if justEndedRecord && byte == 0x0A {
                    justEndedRecord = false  // the line break after GS belongs to the record
                } else {
                    justEndedRecord = false
                    otherText.append(byte)
                    // Trimmed in bulk, so a chatty curl costs no quadratic shifting.
                    if otherText.count > 2 * otherTextLimit { otherText.removeFirst(otherText.count - otherTextLimit) }
                }
            }
            return finished
        }

        /// Every record in `bytes` that opens with `marker`, read at once (for a whole recorded stderr).
        public static func records(in bytes: [UInt8], marker: String) -> [CurlTransfer] {
            var reader = Reader(marker: marker)
            return reader.feed(bytes)
        }
    }
}
