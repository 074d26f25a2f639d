/// One Alertmanager as configured (`alertmanager:` in triage.yaml): which active alerts to read.
public struct AlertmanagerSpec: Sendable, Equatable {
    public var name: String
    /// The server's base URL, e.g. `http://127.0.0.1:9093`; `/api/v2/…` is appended.
    public var url: String
    /// Alertmanager matchers (`severity=~"critical|warning"`), each sent as one `filter=` parameter.
    public var filter: [String]
    /// Only alerts routed to this receiver (a regular expression, as Alertmanager reads it); nil: all.
    public var receiver: String?
    /// True: silenced alerts count with their severity; false (the default): a silenced alert is
    /// still listed, as ok, "silenced until …", so its silence can be expired from its view.
    public var silenced: Bool
    /// Sent with every request (e.g. `Authorization`), never displayed or exported.
    public var headers: [HTTPHeader]
    public var timeout: Duration
    public var verifyTLS: Bool

    public init(
        name: String, url: String, filter: [String] = [], receiver: String? = nil, silenced: Bool = false,
        headers: [HTTPHeader] = [], timeout: Duration = .seconds(5), verifyTLS: Bool = true
    ) {
        self.name = name
        self.url = url
        self.filter = filter
        self.receiver = receiver
        self.silenced = silenced
        self.headers = headers
        self.timeout = timeout
        self.verifyTLS = verifyTLS
    }

    /// `<url>/api/v2/<path>`, tolerant of a trailing slash in the configured URL.
    public func endpoint(_ path: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/api/v2/" + path
    }
}
