import TriageCore

/// One transfer in a batch run by a single `curl --parallel` process.
public struct CurlRequest: Sendable, Equatable {
    public var url: String
    /// `GET`, `HEAD` (sent with curl's `head`), `POST`, …
    public var method: String
    /// Sent through the config on stdin: never on argv, never on disk, never on screen.
    public var headers: [HTTPHeader]
    public var maxTime: Duration
    public var verifyTLS: Bool
    /// Where curl writes the body; nil discards it (`/dev/null`).
    public var bodyPath: String?
    /// Appended to the URL's query string, URL-encoded by curl (`get` + `data-urlencode`).
    public var queryParameters: [(name: String, value: String)]
    /// Where curl writes the response headers (`dump-header`); nil: not kept.
    public var headerPath: String?
    /// Follow redirects (`location`, at most 10).
    public var followRedirects: Bool = false
    /// Sent as the request body (`data-raw`) inside the config on curl's stdin: never on argv,
    /// never through a shell, never on disk. Control characters are dropped (JSON has none raw).
    public var body: String?

    public init(
        url: String, method: String = "GET", headers: [HTTPHeader] = [], maxTime: Duration = .seconds(5),
        verifyTLS: Bool = true, bodyPath: String? = nil, queryParameters: [(name: String, value: String)] = []
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.maxTime = maxTime
        self.verifyTLS = verifyTLS
        self.bodyPath = bodyPath
        self.queryParameters = queryParameters
    }

    public static func == (lhs: CurlRequest, rhs: CurlRequest) -> Bool {
        lhs.url == rhs.url && lhs.method == rhs.method && lhs.headers == rhs.headers && lhs.maxTime == rhs.maxTime
            && lhs.verifyTLS == rhs.verifyTLS && lhs.bodyPath == rhs.bodyPath && lhs.headerPath == rhs.headerPath
            && lhs.followRedirects == rhs.followRedirects && lhs.body == rhs.body
            && lhs.queryParameters.map(\.name) == rhs.queryParameters.map(\.name)
            && lhs.queryParameters.map(\.value) == rhs.queryParameters.map(\.value)
    }
}
