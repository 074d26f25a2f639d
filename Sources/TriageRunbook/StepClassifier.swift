/// Decides whether a numbered list is a procedure, so that only actions become tickable steps.
///
/// Runbooks number many things that are not things to do: a table of contents (`1. [Detect](#detect)`),
/// "Common Causes", contact lists (`1. **CTO:** [Contact Info]`). A list is a procedure when most of
/// its items are actions: they start with an imperative verb or a command, or carry a command
/// (inline code or a code block). Link-only items and contacts never are, and a list under a
/// heading about causes, symptoms, contacts or references is not a procedure.
enum StepClassifier {
    /// Whether the numbered `list`, under a section titled `sectionTitle`, is a procedure.
    static func isProcedure(_ list: MarkdownNode, sectionTitle: String) -> Bool {
        // ASCII titles are searched on bytes; Foundation's `contains` (one `range(of:)` a word)
        // cost more than the rest of reading the list.
        let aboutNonProcedure = sectionTitle.utf8.allSatisfy { $0 < 0x80 }
            ? RunbookPhrases.mentionsAny(sectionTitle, nonProcedureHeadingWords)
            : nonProcedureHeadingWords.contains(where: sectionTitle.lowercased().contains)
        if aboutNonProcedure { return false }
        let items = list.children
        guard !items.isEmpty else { return false }
        var actions = 0
        for item in items {
            if isLinkOnly(item) || isContact(item) { return false }
            if isAction(item) { actions += 1 }
        }
        return actions * 2 >= items.count
    }

    static let nonProcedureHeadingWords = [
        "contents", "table of content", "causes", "common cause", "possible cause", "likely cause", "symptom", "contact", "reference", "resource", "related",
        "glossary", "appendix", "links", "further reading", "see also", "overview", "owner", "stakeholder",
    ]

    /// An item that is an action: an imperative lead, a command name, or a command in it.
    static func isAction(_ item: MarkdownNode) -> Bool {
        if item.children.contains(where: { if case .codeBlock = $0.kind { return true } else { return false } }) {
            return true
        }
        guard let paragraph = item.firstParagraph else { return false }
        if paragraph.children.contains(where: { $0.kind == .code }) { return true }
        var lead = paragraph.plainText
        if let strong = paragraph.children.first, strong.kind == .strong { lead = strong.plainText }
        if startsWithAction(lead) { return true }
        // "**Initial Communication**" over "- Update the status page", "- Notify stakeholders": a
        // step named by a noun, whose bullets say what to do.
        let nested = item.children.filter(\.isList).flatMap(\.children)
        guard !nested.isEmpty else { return false }
        let nestedActions = nested.count { child in
            child.firstParagraph.map { startsWithAction($0.plainText) } ?? false
        }
        return nestedActions * 2 > nested.count
    }

    /// Whether `text` starts with an imperative verb ("Check …", "Roll back …") or a command ("kubectl …").
    static func startsWithAction(_ text: String) -> Bool {
        var words = text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "_" }).prefix(3)
        // "If the pods crash, restart them", "Then verify": a leading condition or "then" does not count.
        if let first = words.first, ["then", "next", "finally", "first", "immediately", "quickly", "also", "please"]
            .contains(String(first))
        {
            words = words.dropFirst()
        }
        guard let first = words.first.map(String.init) else { return false }
        if first == "if" || first == "when" || first == "once" { return true }
        return imperativeVerbs.contains(first) || ShellBlock.knownCommands.contains(first)
    }

    /// An item that is only links: a table-of-contents entry.
    static func isLinkOnly(_ item: MarkdownNode) -> Bool {
        guard let paragraph = item.firstParagraph else { return false }
        var sawLink = false
        for child in paragraph.children {
            switch child.kind {
            case .link: sawLink = true
            case .text, .softBreak, .lineBreak:
                if !child.literal.allSatisfy({ $0.isWhitespace || $0.isPunctuation }) { return false }
            default: return false
            }
        }
        return sawLink
    }

    /// A `**Role:** how to reach` entry, or a bare `@handle` / e-mail / phone line.
    static func isContact(_ item: MarkdownNode) -> Bool {
        guard let paragraph = item.firstParagraph else { return false }
        return ContactLine.parse(paragraph.plainText) != nil
    }

    static let imperativeVerbs: Set<String> = [
        "acknowledge", "ack", "add", "assemble", "begin", "initiate", "convene", "conduct", "draft", "publish",
        "hand", "hold", "plan", "organize", "organise", "alert", "allocate", "analyze", "analyse", "announce", "apply", "approve",
        "archive", "assess", "assign", "attach", "audit", "back", "backup", "block", "bounce", "build", "bump",
        "call", "cancel", "capture", "change", "check", "clean", "clear", "close", "collect", "commit", "communicate",
        "compare", "configure", "confirm", "connect", "consider", "contact", "contain", "coordinate", "copy", "cordon",
        "create", "declare", "decrease", "delete", "deploy", "describe", "determine", "diagnose", "disable",
        "disconnect", "dispatch", "document", "double-check", "download", "drain", "drop", "dump", "edit", "enable",
        "engage", "ensure", "escalate", "establish", "evaluate", "examine", "execute", "export", "extend", "fail",
        "failover", "fetch", "file", "fill", "find", "fix", "flush", "follow", "force", "gather", "get", "go", "grant",
        "grep", "halt", "identify", "implement", "import", "increase", "inform", "inspect", "install", "investigate",
        "isolate", "join", "kill", "launch", "list", "load", "locate", "lock", "log", "login", "look", "make", "mark",
        "measure", "merge", "migrate", "mitigate", "monitor", "move", "mute", "navigate", "note", "notify", "observe",
        "obtain", "open", "page", "patch", "pause", "perform", "ping", "pin", "post", "prepare", "press", "prevent",
        "promote", "provision", "pull", "purge", "push", "put", "query", "raise", "re-enable", "re-run", "read",
        "reboot", "rebuild", "record", "recover", "redeploy", "reduce", "refresh", "reindex", "reload", "remove",
        "repair", "replace", "replay", "report", "request", "rerun", "reset", "resize", "resolve", "restart",
        "restore", "resume", "retry", "return", "revert", "review", "revoke", "roll", "rollback", "rotate", "route",
        "run", "save", "scale", "schedule", "scan", "search", "select", "send", "set", "share", "shut", "silence",
        "simulate", "skip", "snapshot", "spin", "ssh", "start", "stop", "submit", "suspend", "switch", "sync", "tag",
        "tail", "take", "tell", "terminate", "test", "throttle", "tick", "toggle", "trace", "track", "trigger",
        "truncate", "try", "tune", "turn", "unblock", "uncordon", "undo", "unlock", "unmute", "update", "upgrade",
        "upload", "use", "validate", "verify", "view", "visit", "wait", "warm", "watch", "wipe", "write",
    ]
}
