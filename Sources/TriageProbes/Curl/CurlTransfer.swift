import Foundation

/// One transfer's `%{json}` write-out from curl: where it went, what came back and how long it took.
///
/// Fields are optional because curl versions differ in what they write; `urlnum` (0-based, in
/// config order) is how results are mapped back to requests.
public struct CurlTransfer: Sendable, Equatable, Decodable {
    public var urlNumber: Int?
    public var url: String?
    public var urlEffective: String?
    public var method: String?
    /// 0 when no response arrived.
    public var httpCode: Int?
    public var exitCode: Int?
    public var errorMessage: String?
    public var timeTotal: Double?
    public var timeNameLookup: Double?
    public var timeConnect: Double?
    public var timeAppConnect: Double?
    public var timeStartTransfer: Double?
    public var sizeDownload: Double?
    public var remoteIP: String?
    /// curl's text dump of the peer certificate chain (`%{certs}`, curl ≥ 7.88); empty for http.
    public var certificates: String?
    public var certificateCount: Int?
    /// Where a 3xx answer pointed (`redirect_url`); nil when it was not a redirect or it was followed.
    public var redirectURL: String?

    enum CodingKeys: String, CodingKey {
        case urlNumber = "urlnum"
        case url
        case urlEffective = "url_effective"
        case method
        case httpCode = "http_code"
        case exitCode = "exitcode"
        case errorMessage = "errormsg"
        case timeTotal = "time_total"
        case timeNameLookup = "time_namelookup"
        case timeConnect = "time_connect"
        case timeAppConnect = "time_appconnect"
        case timeStartTransfer = "time_starttransfer"
        case sizeDownload = "size_download"
        case remoteIP = "remote_ip"
        case certificates = "certs"
        case certificateCount = "num_certs"
        case redirectURL = "redirect_url"
    }

    public init(
        urlNumber: Int? = nil, url: String? = nil, urlEffective: String? = nil, method: String? = nil,
        httpCode: Int? = nil, exitCode: Int? = nil, errorMessage: String? = nil, timeTotal: Double? = nil,
        timeNameLookup: Double? = nil, timeConnect: Double? = nil, timeAppConnect: Double? = nil,
        timeStartTransfer: Double? = nil, sizeDownload: Double? = nil, remoteIP: String? = nil,
        certificates: String? = nil, certificateCount: Int? = nil
    ) {
        self.urlNumber = urlNumber
        self.url = url
        self.urlEffective = urlEffective
        self.method = method
        self.httpCode = httpCode
        self.exitCode = exitCode
        self.errorMessage = errorMessage
        self.timeTotal = timeTotal
        self.timeNameLookup = timeNameLookup
        self.timeConnect = timeConnect
        self.timeAppConnect = timeAppConnect
        self.timeStartTransfer = timeStartTransfer
        self.sizeDownload = sizeDownload
        self.remoteIP = remoteIP
        self.certificates = certificates
        self.certificateCount = certificateCount
    }

    /// Parses curl's stdout: one JSON object per line; lines that are not (a cut last line) are skipped.
    public static func parseLines(_ text: String) -> [CurlTransfer] {
        let decoder = JSONDecoder()
        var transfers: [CurlTransfer] = []
        for line in text.split(whereSeparator: \.isNewline) where line.first == "{" {
            if let transfer = try? decoder.decode(CurlTransfer.self, from: Data(line.utf8)) {
                transfers.append(transfer)
            }
        }
        return transfers
    }

    /// The earliest "Expire date" in the chain curl reported, nil when there is none.
    public var earliestCertificateExpiry: Date? {
        guard let certificates, !certificates.isEmpty else { return nil }
        return CertificateDate.expiryDates(inCurlCertinfo: certificates).min()
    }

    /// Maps transfers back to request indexes: by `urlnum`, else by URL in order.
    ///
    /// The fallback matters only for a curl that does not write `urlnum`; equal URLs then match in
    /// config order, which `--parallel` does not promise, so each check's URL should be unique.
    public static func assign(_ transfers: [CurlTransfer], toRequestURLs urls: [String]) -> [Int: CurlTransfer] {
        var assigned: [Int: CurlTransfer] = [:]
        var unnumbered: [CurlTransfer] = []
        for transfer in transfers {
            if let number = transfer.urlNumber, urls.indices.contains(number), assigned[number] == nil {
                assigned[number] = transfer
            } else {
                unnumbered.append(transfer)
            }
        }
        for transfer in unnumbered {
            guard let url = transfer.url else { continue }
            if let index = urls.indices.first(where: { urls[$0] == url && assigned[$0] == nil }) {
                assigned[index] = transfer
            }
        }
        return assigned
    }
}
