import TriageCore

/// Renders a batch of requests as a curl config file (`-K -`), one `next`-separated group per request.
///
/// Everything per transfer lives in the config, including `write-out` (`CurlWriteOut`): on the
/// command line, `-w` would apply only to the last group. `globoff` keeps `{}`/`[]` in URLs (PromQL!) from being
/// expanded into extra transfers, which would shift curl's `urlnum` that maps results back.
/// Values are quoted with curl's escapes; CR and LF are dropped so a header value cannot smuggle a
/// second header or config line.
public enum CurlConfigWriter {
    /// `marker` opens each transfer's write-out record (`CurlWriteOut.format(marker:)`).
    public static func render(_ requests: [CurlRequest], marker: String) -> String {
        var lines: [String] = []
        for (index, request) in requests.enumerated() {
            if index > 0 { lines.append("next") }
            lines.append("url = \(quote(request.url))")
            lines.append("globoff")
            lines.append("max-time = \(seconds(request.maxTime))")
            lines.append("output = \(quote(request.bodyPath ?? "/dev/null"))")
            // Not through `quote`: the record's separators are control bytes (`CurlWriteOut`).
            lines.append("write-out = \"\(CurlWriteOut.format(marker: marker))\"")
            lines.append("user-agent = \"triage\"")
            switch request.method.uppercased() {
            case "GET": break
            case "HEAD": lines.append("head")
            default: lines.append("request = \(quote(request.method.uppercased()))")
            }
            for header in request.headers {
                lines.append("header = \(quote("\(header.name): \(header.value)"))")
            }
            if !request.verifyTLS { lines.append("insecure") }
            if let headerPath = request.headerPath { lines.append("dump-header = \(quote(headerPath))") }
            if request.followRedirects {
                lines.append("location")
                lines.append("max-redirs = 10")
            }
            // `data-raw`, not `data-binary`: a body starting with "@" is sent as it is, never read as a file name.
            if let body = request.body { lines.append("data-raw = \(quote(body))") }
            if !request.queryParameters.isEmpty {
                lines.append("get")
                for parameter in request.queryParameters {
                    lines.append("data-urlencode = \(quote("\(parameter.name)=\(parameter.value)"))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A double-quoted config value: backslash and quote escaped, tab kept, CR/LF and other controls dropped.
    static func quote(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func seconds(_ duration: Duration) -> String {
        let ms = max(1, duration.milliseconds)
        let whole = ms / 1000, fraction = ms % 1000
        if fraction == 0 { return "\(whole)" }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
    }
}
