import TriageCore

/// Reads a Markdown runbook into a `Runbook`: sections, checklist, commands, templates, severities,
/// phase windows and escalation triggers.
///
/// Pure and total: any bytes give a `Runbook` (possibly empty, with warnings), never an error,
/// because a runbook is opened in the middle of an outage and a half-understood runbook is still
/// better than none. Markdown structure comes from cmark-gfm, never from regular expressions
/// over lines, so nothing inside a code fence is ever taken for a checklist item.
public enum RunbookParser {
    /// Parses a runbook file's raw bytes (UTF-8 with or without BOM, CRLF, Windows-1252, mojibake).
    ///
    /// - Parameter path: where the bytes came from; kept as `sourcePath`, and its file name is the
    ///   title when the runbook has no heading.
    public static func parse(bytes: [UInt8], path: String?) -> Runbook {
        let decoded = RunbookTextDecoder.decode(bytes)
        return assemble(text: decoded.text, path: path, warnings: decoded.warnings)
    }

    /// Parses runbook text already in memory (the built-in runbook, tests).
    public static func parse(text: String, path: String? = nil) -> Runbook {
        parse(bytes: Array(text.utf8), path: path)
    }

    private static func assemble(text: String, path: String?, warnings: [RunbookWarning]) -> Runbook {
        let parsed = MarkdownNode.parse(text)
        var extra = warnings
        if parsed.truncated {
            extra.append(
                RunbookWarning(kind: .nestingTooDeep, line: nil,
                               message: "Markdown nested deeper than \(MarkdownNode.maxDepth) levels; the deeper part was ignored"))
        }
        var assembler = RunbookAssembler(text: text)
        assembler.visit(document: parsed.root)
        return assembler.finish(title: fallbackTitle(path), sourcePath: path, extraWarnings: extra)
    }

    /// The file name without its extension, or "Untitled runbook".
    static func fallbackTitle(_ path: String?) -> String {
        guard let path, let name = path.split(separator: "/").last, !name.isEmpty else { return "Untitled runbook" }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return String(name)
    }
}
