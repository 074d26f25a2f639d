import Foundation
import TriageCore

/// Walks a runbook's Markdown tree once, in document order, and gathers what `Runbook` holds.
///
/// Headings open sections; every other block belongs to the section of the last heading above it.
/// What a block means depends on where it sits: a table under "Severity" defines levels, a list
/// under "Escalate to L2 if:" holds triggers, an unlabelled fence under "Status updates" is a template.
struct RunbookAssembler {
    struct ItemDraft {
        var text: String
        var checked: Bool
        var line: Int
        var kind: ChecklistItem.Kind
        var depth: Int
        var details: [String]
        /// Texts of the list items this one is nested under (part of its key).
        var context: [String]
    }

    struct SectionDraft {
        var title: String
        var level: Int
        var line: Int
        var parentIndex: Int?
        var tasks: [ItemDraft] = []
        /// Numbered lists, read as steps in `finish` only when the section has no task list (steps
        /// of a section with tasks are never shown, so they are not worked out).
        var numberedLists: [MarkdownNode] = []
        var commands: [RunbookCommand] = []
        var templates: [RunbookTemplate] = []
        /// The severity this heading defines ("### Complete Outage (P0)").
        var severityName: String?
        /// What this heading's own title is about, and what the headings above it are about (the
        /// document title excepted): worked out once, when the section opens, not per line under it.
        var own = Topics()
        var inherited = Topics()
    }

    struct Topics {
        var severity = false
        var escalation = false
        var communication = false

        init() {}

        init(title: String) {
            severity = RunbookPhrases.mentionsAny(title, RunbookPhrases.severityHeadingWords)
            escalation = RunbookPhrases.mentionsAny(title, ["escalat"])
            communication = RunbookPhrases.mentionsAny(title, RunbookPhrases.communicationWords)
        }

        func union(_ other: Topics) -> Topics {
            var out = Topics()
            out.severity = severity || other.severity
            out.escalation = escalation || other.escalation
            out.communication = communication || other.communication
            return out
        }
    }

    private(set) var sections: [SectionDraft] = []
    private var current: Int?
    private var severities: [SeverityLevel] = []
    private var phases: [PhaseWindow] = []
    private var escalations: [EscalationTrigger] = []
    private var statusUpdateMinutes: Int?
    private var contacts: [RunbookContact] = []
    /// What `**Severity:** Critical` / `**Expected Response Time:** < 5 minutes` say of the whole runbook.
    private var declaredSeverity: String?
    private var declaredResponseMinutes: Int?
    /// The severity the last `**Severity:**` line named, and in which section, for the target line after it.
    private var lastDeclared: (name: String, section: Int)?
    private var warnings: [RunbookWarning] = []
    /// The paragraph just before the block being visited ("**Update Template:**").
    private var leadIn: String?
    private let sourceLines: [Substring]
    /// The first `#` heading: the document's title, which gives no context to what is below it.
    private var titleSection: Int?

    /// Share of the text's characters that are controls other than line breaks and tabs.
    private let controlShare: Double
    private var sawList = false
    /// Variables the prose explains (`$NAMESPACE` in a sentence): a command using them is not warned about.
    private var documentedVariables = Set<String>()
    private var sawTable = false
    /// Each distinct command text judged once per parse (runbooks repeat their commands).
    private(set) var destructiveFindings = DestructiveFindingCache()

    init(text: String) {
        sourceLines = Self.lines(of: text)
        // Counted on UTF-8 bytes: a scalar starts at every byte that is not a continuation byte,
        // and U+FFFD is EF BF BD.
        var controls = 0
        var total = 0
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte & 0xC0 != 0x80 { total += 1 }
            if (byte < 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D) || byte == 0x7F
                || (previous == (0xEF, 0xBF) && byte == 0xBD)
            {
                controls += 1
            }
            previous = (previous.1, byte)
        }
        controlShare = total == 0 ? 0 : Double(controls) / Double(total)
    }

    /// `text.split(separator: "\n", omittingEmptySubsequences: false)`, found on UTF-8 bytes: a line
    /// feed is always a character of its own, and splitting by `Character` costs a grapheme
    /// break check for every character of the file.
    static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        while let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(text[start..<newline])
            start = utf8.index(after: newline)
        }
        lines.append(text[start...])
        return lines
    }

    // MARK: Walk

    mutating func visit(document: MarkdownNode) {
        for block in document.children { visitBlock(block) }
    }

    private mutating func visitBlock(_ node: MarkdownNode) {
        var nextLeadIn: String?
        switch node.kind {
        case .heading(let level):
            openSection(node, level: level)
        case .paragraph:
            let text = node.plainText
            analyzeProse(text, line: node.line, listDepth: nil, nested: [])
            for (offset, line) in node.plainLines.enumerated() { readKeyValue(line, line: node.line + offset) }
            nextLeadIn = text
        case .list:
            sawList = true
            handleList(node)
        case .codeBlock(let info, _):
            handleCode(node, info: info, leadIn: leadIn)
        case .blockQuote:
            if isCommunicationContext(current) || RunbookPhrases.isChannelLeadIn(leadIn), !node.containsTask {
                addTemplate(body: quotedSource(node), line: node.line, leadIn: leadIn)
            } else {
                for child in node.children { visitBlock(child) }
            }
        case .table:
            sawTable = true
            handleTable(node)
        case .htmlBlock, .thematicBreak:
            break
        default:
            for child in node.children { visitBlock(child) }
        }
        leadIn = nextLeadIn
    }

    // MARK: Sections

    private mutating func openSection(_ node: MarkdownNode, level: Int) {
        let title = node.plainText
        var parent = current
        while let candidate = parent, sections[candidate].level >= level || sections[candidate].level == 0 {
            parent = sections[candidate].parentIndex
        }
        var draft = SectionDraft(title: title, level: level, line: node.line, parentIndex: parent)
        draft.own = Topics(title: title)
        if let parent {
            draft.inherited = parent == titleSection ? sections[parent].inherited
                : sections[parent].inherited.union(sections[parent].own)
        }
        sections.append(draft)
        let index = sections.count - 1
        current = index
        if level == 1, titleSection == nil { titleSection = index }

        // A numbered heading ("### 2. Quick Status Check") is a section, never also a step: its
        // content is what gets ticked, in document order.
        if let minutes = RunbookPhrases.statusUpdateMinutes(in: title) {
            // "Status Update (Every 15 minutes)": the cadence, not a phase window.
            if statusUpdateMinutes == nil { statusUpdateMinutes = minutes }
            return
        }
        let definedSeverity = defineSeverity(fromHeading: title, line: node.line, section: index)
        if !definedSeverity, !RunbookPhrases.mentionsAny(title, ["escalat"]),
            let window = DurationPhrase.window(in: title)
        {
            phases.append(
                PhaseWindow(title: title, startMinutes: window.start, endMinutes: window.end, line: node.line,
                            sectionIndex: index))
        }
    }

    /// The section content goes into, creating a level-0 preamble for content above the first heading.
    private mutating func contentSection() -> Int {
        if let current { return current }
        sections.append(SectionDraft(title: "", level: 0, line: 1, parentIndex: nil))
        current = sections.count - 1
        return sections.count - 1
    }

    /// `index`, its parent, its grandparent… up to the top.
    private func ancestry(_ index: Int?) -> [Int] {
        var chain: [Int] = []
        var next = index
        while let here = next, chain.count <= sections.count {
            chain.append(here)
            next = sections[here].parentIndex
        }
        return chain
    }

    /// Whether the section or one of its enclosing sections is "about" one of `words`.
    ///
    /// The document title (the first `#` heading) counts only for content directly under it: a
    /// runbook called "Escalation Runbook" is not one long escalation list.
    private func ancestryMentions(_ index: Int?, _ words: [String]) -> Bool {
        ancestry(index).contains { here in
            (here == index || here != titleSection) && RunbookPhrases.mentionsAny(sections[here].title, words)
        }
    }

    /// What a section is about: its own title and those above it, as `ancestryMentions` reads them.
    private func topics(_ index: Int?) -> Topics {
        guard let index else { return Topics() }
        return sections[index].own.union(sections[index].inherited)
    }

    private func isSeverityContext(_ index: Int?) -> Bool { topics(index).severity }

    private func isEscalationContext(_ index: Int?) -> Bool { topics(index).escalation }

    private func isCommunicationContext(_ index: Int?) -> Bool { topics(index).communication }

    /// The escalation level named by the nearest "Escalate to L2 if:"-style heading above `index`.
    private func headingEscalationLevel(_ index: Int?) -> String {
        for here in ancestry(index) where RunbookPhrases.mentionsAny(sections[here].title, ["escalat"]) {
            if let level = RunbookPhrases.escalationLevel(in: sections[here].title) { return level }
        }
        return ""
    }

    // MARK: Lists

    private mutating func handleList(_ list: MarkdownNode) {
        guard case .list(let ordered) = list.kind else { return }
        let section = contentSection()
        // Each item's text is worked out once, here, and handed to every recognizer below.
        let texts = collectTasks(list, depth: 0, context: [], into: section)
        if ordered { sections[section].numberedLists.append(list) }

        // "**Escalate to L2 if:**" makes the list after it a list of triggers, wherever it stands.
        let escalationLeadIn = leadIn.flatMap { text -> String? in
            guard RunbookPhrases.mentionsAny(text, ["escalat"]), text.hasSuffix(":") else { return nil }
            return RunbookPhrases.escalationLevel(in: text) ?? headingEscalationLevel(current)
        }
        for (item, text) in zip(list.children, texts) {
            readKeyValue(text, line: item.line)
            if let level = escalationLeadIn, !text.isEmpty, ContactLine.parse(text) == nil {
                addEscalation(level: level, condition: text, line: item.line)
            } else {
                analyzeProse(text, line: item.line, listDepth: 0, nested: isSeverityContext(current) ? Self.nestedItems(item) : [])
            }
            visitNestedBlocks(of: item, leadIn: text)
        }
    }

    /// Code blocks, tables and quotes inside list items, and prose of nested items.
    private mutating func visitNestedBlocks(of item: MarkdownNode, leadIn itemText: String) {
        var previousParagraph: String? = itemText
        for child in item.children {
            switch child.kind {
            case .codeBlock(let info, _):
                handleCode(child, info: info, leadIn: previousParagraph)
            case .table:
                handleTable(child)
            case .list:
                for nested in child.children {
                    let text = Self.itemText(nested)
                    analyzeProse(
                        text, line: nested.line, listDepth: 1,
                        nested: isSeverityContext(current) ? Self.nestedItems(nested) : [])
                    visitNestedBlocks(of: nested, leadIn: text)
                }
            case .blockQuote:
                visitNestedBlocks(of: child, leadIn: previousParagraph ?? "")
            default:
                break
            }
            previousParagraph = child.kind == .paragraph ? child.plainText : nil
        }
    }

    /// Whether a list item is a task, and ticked: cmark's tasklist node, or, where cmark-gfm's
    /// extension does not reach (inside block quotes), an item whose text starts with `[ ]`/`[x]`.
    static func taskState(_ item: MarkdownNode) -> Bool? {
        if case .taskItem(let checked) = item.kind { return checked }
        guard item.kind == .item, let first = item.firstParagraph?.children.first, first.kind == .text else {
            return nil
        }
        let literal = first.literal
        for (marker, checked) in [("[ ]", false), ("[x]", true), ("[X]", true)] where literal.hasPrefix(marker) {
            let rest = literal.dropFirst(3)
            if rest.isEmpty || rest.first == " " || rest.first == "\t" { return checked }
        }
        return nil
    }

    /// An item's own text: its first paragraph, without a `[ ]` marker cmark left in place.
    static func itemText(_ item: MarkdownNode) -> String {
        guard let paragraph = item.firstParagraph else { return "" }
        let text = paragraph.plainText
        if item.kind == .item, taskState(item) != nil {
            return String(text.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// Texts of the items nested under `item`, depth-first (for "Response Time:" sub-bullets).
    static func nestedItems(_ item: MarkdownNode) -> [String] {
        var texts: [String] = []
        for child in item.children where child.isList {
            for nested in child.children {
                texts.append(itemText(nested))
                texts += nestedItems(nested)
            }
        }
        return texts
    }

    /// Gathers the tasks of `list` and the lists nested in it; returns the texts of `list`'s own items.
    @discardableResult
    private mutating func collectTasks(_ list: MarkdownNode, depth: Int, context: [String], into section: Int) -> [String] {
        var texts: [String] = []
        texts.reserveCapacity(list.children.count)
        for item in list.children {
            let text = Self.itemText(item)
            texts.append(text)
            var childLists: [MarkdownNode] = []
            for child in item.children {
                if child.isList { childLists.append(child) }
                if child.kind == .blockQuote { childLists += child.children.filter(\.isList) }
            }
            if let checked = Self.taskState(item) {
                var details: [String] = item.children.filter { $0.kind == .paragraph }.dropFirst().map(\.plainText)
                for nested in childLists { details += Self.nonTaskTexts(nested, indent: "") }
                sections[section].tasks.append(
                    ItemDraft(text: text, checked: checked, line: item.line, kind: .task, depth: depth,
                              details: details, context: context))
                for nested in childLists { collectTasks(nested, depth: depth + 1, context: context + [text], into: section) }
            } else {
                for nested in childLists { collectTasks(nested, depth: depth, context: context + [text], into: section) }
            }
        }
        return texts
    }

    /// Texts of non-task items in a list and below, indented two spaces per extra level.
    private static func nonTaskTexts(_ list: MarkdownNode, indent: String) -> [String] {
        var texts: [String] = []
        for item in list.children where taskState(item) == nil {
            let text = itemText(item)
            if !text.isEmpty { texts.append(indent + text) }
            for child in item.children where child.isList { texts += nonTaskTexts(child, indent: indent + "  ") }
        }
        return texts
    }

    /// The steps of a section's numbered lists that are procedures (`StepClassifier`): each item
    /// that is not a task.
    private func listSteps(of section: SectionDraft) -> [ItemDraft] {
        var steps: [ItemDraft] = []
        for list in section.numberedLists where StepClassifier.isProcedure(list, sectionTitle: section.title) {
            for item in list.children where Self.taskState(item) == nil {
                if let step = stepDraft(item) { steps.append(step) }
            }
        }
        return steps
    }

    /// A numbered item as a step: a bold lead phrase is the title, the rest and nested bullets are details.
    private func stepDraft(_ item: MarkdownNode) -> ItemDraft? {
        var title = ""
        var details: [String] = []
        let paragraphs = item.children.filter { $0.kind == .paragraph }
        if let first = paragraphs.first {
            if let lead = first.children.first, lead.kind == .strong {
                title = lead.plainText
                let rest = MarkdownNode(kind: .paragraph, line: first.line, endLine: first.endLine, literal: "",
                                        children: Array(first.children.dropFirst()))
                let remainder = rest.plainText.drop(while: { " :-–—".contains($0) })
                if !remainder.isEmpty { details.append(String(remainder)) }
            } else {
                title = first.plainText
            }
            details += paragraphs.dropFirst().map(\.plainText)
        }
        while let last = title.last, last == ":" { title.removeLast() }
        title = title.trimmingCharacters(in: .whitespaces)
        for child in item.children where child.isList { details += Self.nonTaskTexts(child, indent: "") }
        guard !title.isEmpty else { return nil }
        return ItemDraft(text: title, checked: false, line: item.line, kind: .step, depth: 0, details: details,
                         context: [])
    }

    // MARK: Code and templates

    private mutating func handleCode(_ node: MarkdownNode, info: String, leadIn: String?) {
        var code = node.literal
        while code.hasSuffix("\n") { code.removeLast() }
        // A visible ASCII byte means the block is not blank; only other blocks need Foundation's trim.
        guard code.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F })
            || !code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return }
        let language = ShellBlock.language(ofInfo: info)
        let section = contentSection()
        let isShell = ShellBlock.shellLanguages.contains(language)
            || (language.isEmpty && !RunbookPhrases.isChannelLeadIn(leadIn) && ShellBlock.looksLikeShell(code))
        if isShell {
            let pieces = ShellBlockSplitter.split(code)
            for piece in pieces {
                // One command: the fence's line; several: each command's own line.
                let line = pieces.count == 1 ? node.line : node.line + piece.offset + (isFenced(node) ? 1 : 0)
                let finding = destructiveFindings.finding(for: piece.code)
                let command = RunbookCommand(
                    language: language, code: piece.code, line: line, destructive: finding != nil,
                    destructiveReason: finding?.reason, note: piece.note)
                sections[section].commands.append(command)
                if command.destructive {
                    let reason = command.destructiveReason ?? "destructive: \(command.summary)"
                    warnings.append(
                        RunbookWarning(
                            kind: .destructiveCommand, line: line,
                            message: "\(reason) in \"\(sections[section].title)\": \(command.summary)"))
                }
            }
        } else if isCommunicationContext(section) || RunbookPhrases.isChannelLeadIn(leadIn)
            || leadIn.map({ RunbookPhrases.mentionsAny($0, RunbookPhrases.templateLeadInWords) }) == true
        {
            addTemplate(body: code, line: node.line, leadIn: leadIn)
        }
    }

    private func isFenced(_ node: MarkdownNode) -> Bool {
        if case .codeBlock(_, let fenced) = node.kind { return fenced }
        return false
    }

    private mutating func addTemplate(body: String, line: Int, leadIn: String?) {
        let section = contentSection()
        var title = sections[section].title
        if let leadIn, leadIn.count <= 80, leadIn.hasSuffix(":") {
            title = String(leadIn.dropLast()).trimmingCharacters(in: .whitespaces)
        }
        sections[section].templates.append(RunbookTemplate(title: title, body: body, line: line))
    }

    /// A block quote's source lines with the `>` markers removed: a template keeps its layout.
    private func quotedSource(_ node: MarkdownNode) -> String {
        let lines = (max(node.line, 1)...max(node.endLine, node.line)).compactMap { number -> String? in
            guard number - 1 < sourceLines.count else { return nil }
            var line = sourceLines[number - 1].drop(while: { $0 == " " })
            if line.first == ">" { line = line.dropFirst() }
            if line.first == " " { line = line.dropFirst() }
            return String(line)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    // MARK: Prose: severities, escalations, update cadence

    /// Looks at one paragraph or list item (`listDepth` nil for a paragraph) for meaning beyond text.
    private mutating func analyzeProse(_ text: String, line: Int, listDepth: Int?, nested: [String]) {
        guard !text.isEmpty else { return }
        if text.containsByte(UInt8(ascii: "$")) { documentedVariables.formUnion(ShellVariables.used(in: text)) }
        if statusUpdateMinutes == nil, let minutes = RunbookPhrases.statusUpdateMinutes(in: text) {
            statusUpdateMinutes = minutes
        }
        defineSeverity(fromProse: text, line: line, nested: nested)

        let escalationContext = isEscalationContext(current)
        if let contact = ContactLine.parse(text) {
            readContact(contact, text: text, line: line, escalationContext: escalationContext)
            return
        }
        if escalationContext, listDepth == nil, !RunbookPhrases.mentionsAny(text, ["escalat"]),
            DurationPhrase.firstMinutes(in: text) == nil
        {
            // A paragraph in an escalation section without a time or "escalate" is explanation, not a trigger.
            return
        }
        if escalationContext, listDepth == 0 || listDepth == nil {
            if let leading = RunbookPhrases.leadingLevel(in: text) {
                addEscalation(level: leading.level, condition: leading.rest, line: line)
            } else if RunbookPhrases.mentionsAny(text, ["escalat"]) {
                addEscalation(
                    level: RunbookPhrases.escalationLevel(in: text) ?? headingEscalationLevel(current),
                    condition: RunbookPhrases.escalationCondition(text), line: line)
            } else {
                addEscalation(level: headingEscalationLevel(current), condition: text, line: line)
            }
            return
        }
        analyzeSentences(text, line: line)
    }

    /// Escalation sentences in prose: "Escalate to L2 if not resolved within 30 minutes." Outside an
    /// escalation section a sentence needs a time to count; inside one it does not.
    private mutating func analyzeSentences(_ text: String, line: Int) {
        let escalationContext = isEscalationContext(current)
        if statusUpdateMinutes == nil, let minutes = RunbookPhrases.statusUpdateMinutes(in: text) {
            statusUpdateMinutes = minutes
        }
        // Splitting into sentences is for escalation sentences only; most text has none.
        guard RunbookPhrases.mentionsAny(text, ["escalat"]) else { return }
        for sentence in RunbookPhrases.sentences(text) where RunbookPhrases.mentionsAny(sentence, ["escalat"]) {
            // An "Escalate to L2 if:" lead-in introduces the list after it; it is not a trigger itself.
            if sentence.hasSuffix(":") { continue }
            let minutes = DurationPhrase.firstMinutes(in: sentence)
            guard minutes != nil || escalationContext else { continue }
            addEscalation(
                level: RunbookPhrases.escalationLevel(in: sentence) ?? headingEscalationLevel(current),
                condition: RunbookPhrases.escalationCondition(sentence), line: line)
        }
    }

    private mutating func addEscalation(level: String, condition: String, line: Int, contact: String? = nil) {
        var condition = condition.trimmingWhitespaces
        while let last = condition.last, ".:;".contains(last) { condition.removeLast() }
        guard !condition.isEmpty else { return }
        let severity = RunbookPhrases.severityTokens(in: condition).first?.name ?? sectionSeverity(current)
        appendEscalation(
            EscalationTrigger(level: level, afterMinutes: DurationPhrase.firstMinutes(in: condition),
                              condition: condition, line: line, severity: severity, contact: contact))
    }

    /// Adds an escalation unless the same one (whom, when, for which severity) is already known:
    /// a runbook that states it twice must not show it twice.
    private mutating func appendEscalation(_ trigger: EscalationTrigger) {
        let duplicate = escalations.contains {
            ChecklistItem.normalized($0.level) == ChecklistItem.normalized(trigger.level)
                && $0.afterMinutes == trigger.afterMinutes && $0.severity == trigger.severity
                && (trigger.afterMinutes != nil
                    || ChecklistItem.normalized($0.condition) == ChecklistItem.normalized(trigger.condition))
        }
        if !duplicate { escalations.append(trigger) }
    }

    /// The severity a section is about ("### SEV1 escalation"), from its title or an enclosing one.
    private func sectionSeverity(_ index: Int?) -> String? {
        for here in ancestry(index) where here != titleSection {
            if let name = sections[here].severityName { return name }
            if let token = RunbookPhrases.severityTokens(in: sections[here].title).first { return token.name }
        }
        return nil
    }

    /// A "Role: how to reach" line: a contact, and a timed escalation when it says when
    /// ("Team Lead: @lead (if > 15 min)").
    private mutating func readContact(_ contact: ContactLine, text: String, line: Int, escalationContext: Bool) {
        if !contacts.contains(where: { $0.role == contact.role && $0.detail == contact.detail }) {
            contacts.append(RunbookContact(role: contact.role, detail: contact.detail, line: line))
        }
        guard let condition = contact.condition, escalationContext || DurationPhrase.firstMinutes(in: condition) != nil
        else { return }
        addEscalation(level: contact.role, condition: condition, line: line, contact: contact.detail)
    }

    /// `**Severity:** Critical` and `**Expected Response Time:** < 5 minutes` outside a severity
    /// section: facts of the runbook as a whole (an alert's runbook states its own level and target).
    private mutating func readKeyValue(_ text: String, line: Int) {
        guard text.containsByte(UInt8(ascii: ":")), let colon = text.firstIndex(of: ":"), !isSeverityContext(current), sectionSeverity(current) == nil
        else { return }
        let key = ChecklistItem.normalized(String(text[..<colon]))
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, key.split(separator: " ").count <= 4 else { return }
        let keyWords = Set(key.split(separator: " "))
        if keyWords.contains("severity") || keyWords.contains("priority") || keyWords.contains("sev") {
            guard !keyWords.contains("response"), !keyWords.contains("time") else { return }
            var name = RunbookTable.severityName(in: value)?.name
            if name == nil, value.count <= 20, value.split(separator: " ").count <= 2 { name = value }
            guard let name else { return }
            if declaredSeverity == nil { declaredSeverity = name }
            addSeverity(name: name, description: "", response: nil, line: line)
            lastDeclared = (name, current ?? 0)
            return
        }
        let isTarget = (keyWords.contains("response") || keyWords.contains("ack") || keyWords.contains("acknowledge")
            || keyWords.contains("acknowledgement") || keyWords.contains("sla")) && !keyWords.contains("resolution")
        // "**Response Time:** Should be <2s" under "Key Metrics" is how fast the service answers, not
        // how fast a person must: seconds and monitoring sections are not response targets.
        let inSeconds = DurationPhrase.tokens(value).contains { token in
            if case .word(let word) = token { return ["s", "sec", "secs", "second", "seconds", "ms"].contains(word) }
            return false
        }
        guard isTarget, !inSeconds, !ancestryMentions(current, ["monitor", "metric", "sli", "slo", "performance"]),
            let minutes = DurationPhrase.targetMinutes(in: value)
        else { return }
        if declaredResponseMinutes == nil { declaredResponseMinutes = minutes }
        if let last = lastDeclared, last.section == (current ?? 0),
            let index = severities.firstIndex(where: { $0.name == last.name }), severities[index].responseMinutes == nil
        {
            severities[index].responseMinutes = minutes
        }
    }

    /// A severity defined by a heading: one name in a severity section, or "SEV1: …" / "… (P0)" anywhere.
    private mutating func defineSeverity(fromHeading title: String, line: Int, section: Int) -> Bool {
        var names: [RunbookPhrases.SeverityToken] = []
        for token in RunbookPhrases.severityTokens(in: title) where !names.contains(where: { $0.name == token.name }) {
            names.append(token)
        }
        let context = isSeverityContext(section)
        var name: String?
        var description = ""
        if names.count == 1, let token = names.first {
            let trimmed = title.trimmingCharacters(in: .whitespaces)
            let explicit = trimmed.hasSuffix("(\(title[token.range]))")
                || (token.range.lowerBound == title.startIndex
                    && title[token.range.upperBound...].drop(while: { $0 == " " }).first.map { ":-–—".contains($0) }
                        == true)
            guard context || explicit else { return false }
            name = token.name
            description = RunbookPhrases.severityDescription(title, removing: token.range)
        } else if names.isEmpty, context, let parent = sections[section].parentIndex, isSeverityContext(parent),
            let level = RunbookPhrases.leadingLevelWord(in: title)
        {
            name = level.name
            description = RunbookPhrases.severityDescription(String(level.rest), removing: nil)
        }
        guard let name else { return false }
        var response = RunbookPhrases.responseMinutes(inLine: title)
        if response == nil, !RunbookPhrases.mentionsAny(title, ["resol"]) {
            response = DurationPhrase.firstMinutes(in: title)
        }
        addSeverity(name: name, description: description, response: response, line: line)
        sections[section].severityName = name
        return true
    }

    /// A severity defined by a paragraph or list item in a severity section ("P0 (Critical): …"),
    /// or a "Response Time: 15 minutes" line for the severity heading above it.
    private mutating func defineSeverity(fromProse text: String, line: Int, nested: [String]) {
        if isSeverityContext(current) {
            let nestedResponse = nested.lazy.compactMap(RunbookPhrases.responseMinutes(inLine:)).first
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let token = RunbookPhrases.severityTokens(in: trimmed).first, token.range.lowerBound == trimmed.startIndex {
                let next = trimmed[token.range.upperBound...].drop(while: { $0 == " " }).first
                if next == nil || ":(-–—|,".contains(next!) {
                    addSeverity(
                        name: token.name,
                        description: RunbookPhrases.severityDescription(trimmed, removing: token.range),
                        response: RunbookPhrases.responseMinutes(inLine: trimmed) ?? nestedResponse, line: line)
                    return
                }
            }
            if let level = RunbookPhrases.leadingLevelWord(in: trimmed) {
                addSeverity(
                    name: level.name, description: RunbookPhrases.severityDescription(String(level.rest), removing: nil),
                    response: RunbookPhrases.responseMinutes(inLine: trimmed) ?? nestedResponse, line: line)
                return
            }
        }
        guard let minutes = RunbookPhrases.responseMinutes(inLine: text) else { return }
        for here in ancestry(current) {
            guard let name = sections[here].severityName else { continue }
            if let index = severities.firstIndex(where: { $0.name == name }), severities[index].responseMinutes == nil {
                severities[index].responseMinutes = minutes
            }
            return
        }
    }

    /// Adds a level, or completes one already known (a later line may give the missing target).
    private mutating func addSeverity(name: String, description: String, response: Int?, line: Int) {
        if let index = severities.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            if severities[index].responseMinutes == nil { severities[index].responseMinutes = response }
            if severities[index].description.isEmpty { severities[index].description = description }
            return
        }
        severities.append(SeverityLevel(name: name, description: description, responseMinutes: response, line: line))
    }

    // MARK: Tables

    private mutating func handleTable(_ node: MarkdownNode) {
        let rows: [(cells: [String], line: Int, header: Bool)] = node.children.compactMap { row in
            guard case .tableRow(let header) = row.kind else { return nil }
            return (row.children.map(\.plainText), row.line, header)
        }
        guard let header = rows.first, header.header else { return }
        let data = rows.dropFirst().map { RunbookTable.Row(cells: $0.cells, line: $0.line) }
        let table = RunbookTable(header: header.cells, rows: data)
        if !handleKeyValueSeverityTable(table) { handleSeverityTable(table) }
        handleEscalationTable(table)
        if !table.isEscalationTable, !table.isSeverityTable { handleContactTable(table) }
        // Outside an escalation section a cell can still say "Escalate to L2 after 30 minutes".
        if !isEscalationContext(current), !table.isEscalationTable {
            for row in data {
                for cell in row.cells { analyzeSentences(cell, line: row.line) }
            }
        }
    }

    /// "| Role | Primary Contact | Secondary |" under a contacts heading: contacts, one a row.
    private mutating func handleContactTable(_ table: RunbookTable) {
        let aboutContacts = ancestryMentions(current, ["contact", "on-call", "oncall", "who to call", "people"])
        guard aboutContacts || table.header.first.map({ ContactLine.roleWords.contains(where: $0.lowercased().contains) }) == true,
            table.column(.contact) != nil
        else { return }
        for row in table.rows {
            guard let role = row.cell(0) else { continue }
            let detail = row.cells.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .joined(separator: " / ")
            contacts.append(RunbookContact(role: role, detail: detail, line: row.line))
        }
    }

    /// Key-value layout: "| **Default Severity** | P1 - Critical |", "| **Response Time** | 15 minutes |".
    private mutating func handleKeyValueSeverityTable(_ table: RunbookTable) -> Bool {
        var definedHere: [String] = []
        for row in table.rows where row.cells.count >= 2 {
            let key = row.cells[0].lowercased()
            guard key.contains("severity") || key.contains("priority") else { continue }
            for cell in row.cells.dropFirst() {
                guard let token = RunbookPhrases.severityTokens(in: cell).first else { continue }
                addSeverity(name: token.name, description: RunbookPhrases.severityDescription(cell, removing: token.range),
                            response: nil, line: row.line)
                definedHere.append(token.name)
                break
            }
        }
        guard !definedHere.isEmpty else { return false }
        for row in table.rows where row.cells.count >= 2 {
            let key = row.cells[0].lowercased()
            guard key.contains("respon") || key.contains("acknowledg"), !key.contains("resol"),
                let minutes = row.cells.dropFirst().lazy.compactMap(DurationPhrase.targetMinutes(in:)).first
            else { continue }
            for name in definedHere {
                if let index = severities.firstIndex(where: { $0.name == name }), severities[index].responseMinutes == nil {
                    severities[index].responseMinutes = minutes
                }
            }
        }
        return true
    }

    /// Column layout, columns in any order: "| Level | Response Time | Description |".
    private mutating func handleSeverityTable(_ table: RunbookTable) {
        var nameColumn = table.column(.severity)
        if nameColumn == nil, isSeverityContext(current), !table.isEscalationTable { nameColumn = 0 }
        guard let nameColumn else { return }
        let responseColumn = table.column(.response)
        let descriptionColumn = table.column(.description)
            ?? table.header.indices.first { index in
                index != nameColumn && index != responseColumn && index != table.column(.escalateTo)
                    && index != table.column(.escalateAfter) && index != table.column(.resolution)
            }
        for row in table.rows {
            guard let cell = row.cell(nameColumn), let named = RunbookTable.severityName(in: cell) else { continue }
            var description = named.description
            if let descriptionColumn, descriptionColumn != nameColumn, let extra = row.cell(descriptionColumn) {
                description = [description, extra].filter { !$0.isEmpty }.joined(separator: ": ")
            }
            let response = row.cell(responseColumn).flatMap(DurationPhrase.targetMinutes(in:))
            addSeverity(name: named.name.trimmingCharacters(in: .whitespaces), description: description,
                        response: response, line: row.line)
        }
    }

    /// Escalations from a table, read by header: whom ("Escalate To", "Contact"), when ("Escalate
    /// After"), under what condition, and for which severity ("Severity" column) each row holds.
    private mutating func handleEscalationTable(_ table: RunbookTable) {
        let context = isEscalationContext(current)
        guard table.isEscalationTable || (context && (table.column(.tier) != nil || table.column(.contact) != nil))
        else { return }
        let severityColumn = table.column(.severity)
        for row in table.rows {
            let severity = row.cell(severityColumn).flatMap { RunbookTable.severityName(in: $0)?.name }
            let whom = row.cell(table.column(.escalateTo)) ?? row.cell(table.column(.tier))
                ?? row.cell(table.column(.contact))
            var level = whom ?? headingEscalationLevel(current)
            // "Page the CTO after 30 min" in an "Escalation" cell: whom is what the cell names.
            if let whom, let named = RunbookPhrases.escalationLevel(in: whom) { level = named }
            let contact = table.column(.contact).flatMap { $0 == table.column(.escalateTo) ? nil : row.cell($0) }
            let conditionCell = row.cell(table.column(.condition))
            let minutes = row.cell(table.column(.escalateAfter)).flatMap(DurationPhrase.targetMinutes(in:))
                ?? conditionCell.flatMap(DurationPhrase.firstMinutes(in:))
                ?? (table.column(.escalateAfter) == nil ? whom.flatMap(DurationPhrase.firstMinutes(in:)) : nil)
            var condition = conditionCell ?? ""
            if condition.isEmpty, let severity { condition = "\(severity) incident" }
            if condition.isEmpty, let after = row.cell(table.column(.escalateAfter)) { condition = "after \(after)" }
            // A trigger needs a time or a condition, and someone to escalate to.
            guard !level.isEmpty || !condition.isEmpty, minutes != nil || !condition.isEmpty else { continue }
            appendEscalation(
                EscalationTrigger(level: level, afterMinutes: minutes, condition: condition, line: row.line,
                                  severity: severity, contact: contact))
        }
    }

    // MARK: Result

    mutating func finish(title fallbackTitle: String, sourcePath: String?, extraWarnings: [RunbookWarning]) -> Runbook {
        let effective: [[ItemDraft]] = sections.map { $0.tasks.isEmpty ? listSteps(of: $0) : $0.tasks }

        var built: [RunbookSection] = []
        var duplicateWarnings: [RunbookWarning] = []
        // Each section's path, normalized once for all its items (what `ChecklistItem.makeKey`
        // does): its parent's path and its own title, since a parent comes before its children.
        var pathKeys: [[String]] = []
        pathKeys.reserveCapacity(sections.count)
        for (index, draft) in sections.enumerated() {
            let parentPath = draft.parentIndex.flatMap { $0 < index ? pathKeys[$0] : nil }
            let pathKey = (parentPath ?? ancestry(draft.parentIndex).reversed().map { ChecklistItem.normalized(sections[$0].title) })
                + [ChecklistItem.normalized(draft.title)]
            pathKeys.append(pathKey)
            // The path is the same for every item of the section: joined once, not per item.
            let keyPrefix = pathKey.joined(separator: "/") + "/"
            var seen: [String: Int] = [:]
            var firstLine: [String: Int] = [:]
            let drafts = effective[index].sorted { $0.line < $1.line }
            let items = drafts.map { item -> ChecklistItem in
                let identity = item.context.isEmpty
                    ? ChecklistItem.normalized(item.text)
                    : (item.context + [item.text]).map(ChecklistItem.normalized).joined(separator: "/")
                let key = keyPrefix + identity
                let occurrence = seen[identity, default: 0]
                seen[identity] = occurrence + 1
                if occurrence == 0 {
                    firstLine[identity] = item.line
                } else {
                    duplicateWarnings.append(
                        RunbookWarning(
                            kind: .duplicateItem, line: item.line,
                            message: "duplicate item \"\(item.text)\" in \"\(draft.title)\" (first on line \(firstLine[identity] ?? 0))"))
                }
                return ChecklistItem(
                    text: item.text, checked: item.checked, line: item.line, kind: item.kind, depth: item.depth,
                    details: item.details,
                    key: key + "#" + String(occurrence))
            }
            built.append(
                RunbookSection(title: draft.title, level: draft.level, line: draft.line, parentIndex: draft.parentIndex,
                               items: items, commands: draft.commands, templates: draft.templates))
        }

        let timeline = PhaseTimeline.reading(phases)
        var allWarnings = extraWarnings + warnings + duplicateWarnings + timeline.warnings
        for severity in severities where severity.responseMinutes == nil {
            allWarnings.append(
                RunbookWarning(kind: .severityWithoutTarget, line: severity.line,
                               message: "severity \(severity.name) has no response-time target"))
        }
        let linked = escalations.map { trigger -> EscalationTrigger in
            var trigger = trigger
            if trigger.contact == nil,
                let contact = contacts.first(where: { ChecklistItem.normalized($0.role) == ChecklistItem.normalized(trigger.level) })
            {
                trigger.contact = contact.detail
            }
            return trigger
        }
        let isRunbook = looksLikeRunbook(built)
        if !isRunbook {
            allWarnings.append(
                RunbookWarning(kind: .notARunbook, line: nil,
                               message: "this file does not look like a runbook: no headings, lists, tables or commands in readable text"))
        } else if built.allSatisfy({ $0.items.isEmpty }) {
            allWarnings.append(
                RunbookWarning(kind: .noChecklist, line: nil,
                               message: "no checklist found: no task list (- [ ]) and no numbered procedure"))
        }
        allWarnings += RunbookAdvice.warnings(sections: built, escalations: linked, documented: documentedVariables)
        let ordered = allWarnings.enumerated().sorted {
            ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
        }.map(\.element)

        let heading = isRunbook
            ? built.first(where: { $0.level == 1 && !$0.title.isEmpty })?.title
                ?? built.first(where: { $0.level > 0 && !$0.title.isEmpty })?.title
            : nil
        return Runbook(
            title: Self.cappedTitle(heading ?? fallbackTitle), sections: built, severities: severities,
            phases: timeline.phases, escalations: linked, statusUpdateMinutes: statusUpdateMinutes, contacts: contacts,
            declaredSeverity: declaredSeverity, responseMinutes: declaredResponseMinutes, warnings: ordered,
            sourcePath: sourcePath)
    }

    /// Longest title kept, in characters: a title is a line in a header, never a page.
    static let titleLimit = 120

    static func cappedTitle(_ title: String) -> String {
        title.count > titleLimit ? String(title.prefix(titleLimit - 1)) + "…" : title
    }

    /// Whether the text has any structure a runbook has, and reads as text: a random or binary file
    /// decodes to something, but mostly control characters and no headings, lists or commands.
    private func looksLikeRunbook(_ built: [RunbookSection]) -> Bool {
        // Mostly control characters and nothing to do or run: bytes, not a document. (A hostile
        // title with escapes in it over a real checklist is still a runbook.)
        let hasWork = built.contains { !$0.items.isEmpty || !$0.commands.isEmpty }
        if controlShare > 0.02, !hasWork { return false }
        // An empty file is an empty runbook ("no checklist"), not something else.
        if sourceLines.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { return true }
        return built.contains { $0.level > 0 || !$0.items.isEmpty || !$0.commands.isEmpty || !$0.templates.isEmpty }
            || !severities.isEmpty || !escalations.isEmpty || sawList || sawTable
    }
}
