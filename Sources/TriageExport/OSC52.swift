import Foundation

/// Builds the OSC 52 escape sequence that puts text on the clipboard of the terminal the user sits
/// at, even over SSH.
///
/// Outside tmux the plain sequence `ESC ] 52 ; c ; <base64> BEL` goes straight to the terminal.
/// Inside tmux (3.3) an application's OSC 52 is acted on only with `set-clipboard on`: tmux then
/// stores a paste buffer and forwards the copy to the outer terminal itself. The default,
/// `external`, silently drops it. tmux's passthrough (`ESC P tmux; … ESC \`, with every ESC
/// doubled) reaches the outer terminal only with `allow-passthrough on` (off by default since 3.3)
/// and creates no tmux buffer. So inside tmux both are sent, plain first: whichever of the two
/// options is on does the job, the other sequence is discarded by tmux, and with both on the outer
/// terminal simply sets the same text twice.
public enum OSC52 {
    /// Terminals cap what they accept (xterm and many others around 100 KB of payload); larger texts
    /// should be written to a file instead.
    public static let maximumPayloadBytes = 100_000

    /// The bytes to write to the terminal (as a String of ASCII) to copy `text`.
    public static func sequence(for text: String, insideTmux: Bool) -> String {
        let payload = Data(text.utf8).base64EncodedString()
        let plain = "\u{1B}]52;c;\(payload)\u{07}"
        guard insideTmux else { return plain }
        let wrapped = "\u{1B}Ptmux;" + plain.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
        return plain + wrapped
    }

    /// Whether `text` is small enough for terminals to accept as one OSC 52 payload.
    public static func fits(_ text: String) -> Bool {
        (text.utf8.count + 2) / 3 * 4 <= maximumPayloadBytes
    }

    /// Whether this process runs inside tmux, from its environment (`$TMUX` set and not empty).
    public static func isInsideTmux(environment: [String: String]) -> Bool {
        !(environment["TMUX"] ?? "").isEmpty
    }
}
