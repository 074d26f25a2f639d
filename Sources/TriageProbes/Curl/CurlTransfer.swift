import Foundation

/// One transfer's write-out from curl (`CurlWriteOut`): where it went, what came back and how long it took.
///
/// Fields are optional because curl leaves some empty (no error, no redirect); `urlnum` (0-based,
/// in config order) is how results are mapped back to requests.
public struct CurlTransfer: Sendable, Equatable {
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
