#if canImport(Glibc)
import Glibc
#endif

/// The one way triage's commands write to standard output and standard error.
///
/// Standard error carries messages for people that quote outside text (config values, paths,
/// store errors, runbook names): the values are made one-line by `OutsideText.inline` where the
/// message is built, and here every remaining control but newline and tab is shown as a picture,
/// so a raw escape never reaches the terminal. Standard output carries documents (tables, JSON,
/// exports) that were made safe by their renderers; the same neutralisation runs over them as a
/// last guard and leaves clean text byte for byte.
public enum StandardStreams {
    public static func writeOutput(_ text: String) {
        write(TerminalControl.neutralized(text), to: 1)
    }

    public static func writeError(_ text: String) {
        write(TerminalControl.neutralized(text), to: 2)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return  // A closed pipe or full disk: nothing left to tell.
            }
            offset += written
        }
    }
}
