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
        var listSteps: [ItemDraft] = []
        /// The step this heading stands for when it is numbered ("### 1. Acknowledge").
        var headingStep: ItemDraft?
        /// Steps contributed by numbered subheadings.
        var childHeadingSteps: [ItemDraft] = []
        var commands: [RunbookCommand] = []
        var templates: [RunbookTemplate] = []
        /// The severity this heading defines ("### Complete Outage (P0)").
        var severityName: String?
    }

    private(set) var sections: [SectionDraft] = []
    private var current: Int?
    private var severities: [SeverityLevel] = []
    private var phases: [PhaseWindow] = []
    private var escalations: [EscalationTrigger] = []
    private var statusUpdateMinutes: Int?
    private var warnings: [RunbookWarning] = []
    /// The paragraph just before the block being visited ("**Update Template:**").
    private var leadIn: String?
    private let sourceLines: [Substring]
    /// The first `#` heading: the document's title, which gives no context to what is below it.
    private var titleSection: Int?

    init(text: String) {
        sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false)
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
            nextLeadIn = text
        case .list:
            handleList(node)
        case .codeBlock(let info, _):
            handleCode(node, info: info, leadIn: leadIn)
        case .blockQuote:
            if isCommunicationContext(current), !node.containsTask {
                addTemplate(body: quotedSource(node), line: node.line, leadIn: leadIn)
            } else {
                for child in node.children { visitBlock(child) }
            }
        case .table:
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
        sections.append(SectionDraft(title: title, level: level, line: node.line, parentIndex: parent))
        let index = sections.count - 1
        current = index
        if level == 1, titleSection == nil { titleSection = index }

        if let stepTitle = RunbookPhrases.numberedHeadingTitle(title) {
            sections[index].headingStep = ItemDraft(
                text: stepTitle, checked: false, line: node.line, kind: .step, depth: 0, details: [], context: [])
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

    private func isSeverityContext(_ index: Int?) -> Bool {
        ancestryMentions(index, RunbookPhrases.severityHeadingWords)
    }

    private func isEscalationContext(_ index: Int?) -> Bool { ancestryMentions(index, ["escalat"]) }

    private func isCommunicationContext(_ index: Int?) -> Bool {
        ancestryMentions(index, RunbookPhrases.communicationWords)
    }

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
        collectTasks(list, depth: 0, context: [], into: section)

        // "**Escalate to L2 if:**" makes the list after it a list of triggers, wherever it stands.
        let escalationLeadIn = leadIn.flatMap { text -> String? in
            guard RunbookPhrases.mentionsAny(text, ["escalat"]), text.hasSuffix(":") else { return nil }
            return RunbookPhrases.escalationLevel(in: text) ?? headingEscalationLevel(current)
        }
        for item in list.children {
            let isTask = Self.taskState(item) != nil
            let text = Self.itemText(item)
            if ordered, !isTask, let step = stepDraft(item) {
                sections[section].listSteps.append(step)
            }
            if !ordered, !isTask, sections[section].headingStep != nil, !text.isEmpty {
                sections[section].headingStep?.details.append(text)
            }
            if let level = escalationLeadIn, !text.isEmpty {
                addEscalation(level: level, condition: text, line: item.line)
            } else {
                analyzeProse(text, line: item.line, listDepth: 0, nested: Self.nestedItems(item))
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
                    analyzeProse(text, line: nested.line, listDepth: 1, nested: Self.nestedItems(nested))
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

    private mutating func collectTasks(_ list: MarkdownNode, depth: Int, context: [String], into section: Int) {
        for item in list.children {
            let text = Self.itemText(item)
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
        guard !code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        let language = ShellBlock.language(ofInfo: info)
        let section = contentSection()
        if ShellBlock.shellLanguages.contains(language) || (language.isEmpty && ShellBlock.looksLikeShell(code)) {
            let command = RunbookCommand(language: language, code: ShellBlock.strippingPrompts(code), line: node.line)
            sections[section].commands.append(command)
            if command.destructive {
                let reason = command.destructiveReason ?? "destructive: \(command.summary)"
                warnings.append(
                    RunbookWarning(
                        kind: .destructiveCommand, line: node.line,
                        message: "\(reason) in \"\(sections[section].title)\": \(command.summary)"))
            }
        } else if isCommunicationContext(section)
            || leadIn.map({ RunbookPhrases.mentionsAny($0, RunbookPhrases.templateLeadInWords) }) == true
        {
            addTemplate(body: code, line: node.line, leadIn: leadIn)
        }
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
        if statusUpdateMinutes == nil, let minutes = RunbookPhrases.statusUpdateMinutes(in: text) {
            statusUpdateMinutes = minutes
        }
        defineSeverity(fromProse: text, line: line, nested: nested)

        let escalationContext = isEscalationContext(current)
        if escalationContext, listDepth == 0 {
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

    private mutating func addEscalation(level: String, condition: String, line: Int) {
        var condition = condition.trimmingCharacters(in: .whitespaces)
        while let last = condition.last, ".:;".contains(last) { condition.removeLast() }
        guard !condition.isEmpty else { return }
        escalations.append(
            EscalationTrigger(level: level, afterMinutes: DurationPhrase.firstMinutes(in: condition),
                              condition: condition, line: line))
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
        let context = isSeverityContext(current)
        let nestedResponse = nested.lazy.compactMap(RunbookPhrases.responseMinutes(inLine:)).first
        if context {
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

    private mutating func handleTable(_ table: MarkdownNode) {
        let rows: [(cells: [String], line: Int, header: Bool)] = table.children.compactMap { row in
            guard case .tableRow(let header) = row.kind else { return nil }
            return (row.children.map(\.plainText), row.line, header)
        }
        guard let header = rows.first, header.header else { return }
        let data = Array(rows.dropFirst())
        handleSeverityTable(header: header.cells, rows: data)
        handleEscalationTable(header: header.cells, rows: data)
        // Outside an escalation section a cell can still say "Escalate to L2 after 30 minutes".
        if !isEscalationContext(current) {
            for row in data {
                for cell in row.cells { analyzeSentences(cell, line: row.line) }
            }
        }
    }

    private mutating func handleSeverityTable(header: [String], rows: [(cells: [String], line: Int, header: Bool)]) {
        // Key-value layout: "| **Default Severity** | P1 - Critical |", "| **Response Time** | 15 minutes |".
        var definedHere: [String] = []
        for row in rows where row.cells.count >= 2 {
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
        if !definedHere.isEmpty {
            for row in rows where row.cells.count >= 2 {
                let key = row.cells[0].lowercased()
                guard key.contains("respon") || key.contains("acknowledg"), !key.contains("resol"),
                    let minutes = row.cells.dropFirst().lazy.compactMap(DurationPhrase.firstMinutes(in:)).first
                else { continue }
                for name in definedHere {
                    if let index = severities.firstIndex(where: { $0.name == name }), severities[index].responseMinutes == nil {
                        severities[index].responseMinutes = minutes
                    }
                }
            }
            return
        }

        // Column layout: "| Severity | Description | Response Time |".
        let lowered = header.map { $0.lowercased() }
        func column(_ words: [String]) -> Int? { lowered.firstIndex { cell in words.contains(where: cell.contains) } }
        var nameColumn = column(["severity", "priority", "sev", "level"])
        if nameColumn == nil, isSeverityContext(current) { nameColumn = 0 }
        guard let nameColumn else { return }
        let responseColumn = column(["respon", "ack", "sla", "target", "time to"])
        let descriptionColumn = column(["descr", "impact", "defin", "criteria", "meaning", "example", "summary"])
            ?? header.indices.first { $0 != nameColumn && $0 != responseColumn }
        for row in rows where nameColumn < row.cells.count {
            let cell = row.cells[nameColumn]
            var name: String
            var description: String
            if let token = RunbookPhrases.severityTokens(in: cell).first {
                name = token.name
                description = RunbookPhrases.severityDescription(cell, removing: token.range)
            } else if let level = RunbookPhrases.leadingLevelWord(in: cell) {
                name = level.name
                description = RunbookPhrases.severityDescription(String(level.rest), removing: nil)
            } else {
                continue
            }
            if let descriptionColumn, descriptionColumn != nameColumn, descriptionColumn < row.cells.count {
                description = [description, row.cells[descriptionColumn]].filter { !$0.isEmpty }.joined(separator: ": ")
            }
            let response = responseColumn.flatMap { $0 < row.cells.count ? DurationPhrase.firstMinutes(in: row.cells[$0]) : nil }
            name = name.trimmingCharacters(in: .whitespaces)
            addSeverity(name: name, description: description, response: response, line: row.line)
        }
    }

    private mutating func handleEscalationTable(header: [String], rows: [(cells: [String], line: Int, header: Bool)]) {
        let lowered = header.map { $0.lowercased() }
        guard isEscalationContext(current) || lowered.contains(where: { $0.contains("escalat") }) else { return }
        func column(_ words: [String]) -> Int? { lowered.firstIndex { cell in words.contains(where: cell.contains) } }
        let levelColumn = column(["level", "tier", "escalat", "who", "contact", "team"])
        let conditionColumn = column(["condition", "trigger", "when", "criteria", "situation", "if"])
        let timeColumn = column(["time", "after", "within", "minute", "delay", "sla"])
        for row in rows {
            let cells = row.cells
            func cell(_ index: Int?) -> String? {
                guard let index, index < cells.count, !cells[index].isEmpty else { return nil }
                return cells[index]
            }
            let condition = cell(conditionColumn) ?? cells.filter { !$0.isEmpty }.joined(separator: " | ")
            guard !condition.isEmpty else { continue }
            let minutes = cell(timeColumn).flatMap(DurationPhrase.firstMinutes(in:))
                ?? DurationPhrase.firstMinutes(in: condition)
            let level = cell(levelColumn) ?? headingEscalationLevel(current)
            escalations.append(
                EscalationTrigger(level: level, afterMinutes: minutes, condition: condition, line: row.line))
        }
    }

    // MARK: Result

    mutating func finish(title fallbackTitle: String, sourcePath: String?, extraWarnings: [RunbookWarning]) -> Runbook {
        var effective: [[ItemDraft]] = sections.map { $0.tasks.isEmpty ? $0.listSteps : $0.tasks }
        var subtreeHasItems = effective.map { !$0.isEmpty }
        for index in sections.indices.reversed() {
            let parent = sections[index].parentIndex
            if let step = sections[index].headingStep, !subtreeHasItems[index], let parent,
                sections[parent].tasks.isEmpty
            {
                effective[parent].append(step)
                subtreeHasItems[parent] = true
            }
            if subtreeHasItems[index], let parent { subtreeHasItems[parent] = true }
        }

        var built: [RunbookSection] = []
        var duplicateWarnings: [RunbookWarning] = []
        for (index, draft) in sections.enumerated() {
            let path = ancestry(index).reversed().map { sections[$0].title }
            var seen: [String: Int] = [:]
            var firstLine: [String: Int] = [:]
            let drafts = effective[index].sorted { $0.line < $1.line }
            let items = drafts.map { item -> ChecklistItem in
                let identity = (item.context + [item.text]).map(ChecklistItem.normalized).joined(separator: "/")
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
                    key: ChecklistItem.makeKey(path: path + item.context, text: item.text, occurrence: occurrence))
            }
            built.append(
                RunbookSection(title: draft.title, level: draft.level, line: draft.line, parentIndex: draft.parentIndex,
                               items: items, commands: draft.commands, templates: draft.templates))
        }

        var allWarnings = extraWarnings + warnings + duplicateWarnings
        for severity in severities where severity.responseMinutes == nil {
            allWarnings.append(
                RunbookWarning(kind: .severityWithoutTarget, line: severity.line,
                               message: "severity \(severity.name) has no response-time target"))
        }
        if built.allSatisfy({ $0.items.isEmpty }) {
            allWarnings.append(
                RunbookWarning(kind: .noChecklist, line: nil,
                               message: "no checklist found: no task list (- [ ]) and no numbered procedure"))
        }
        let ordered = allWarnings.enumerated().sorted {
            ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
        }.map(\.element)

        let title = built.first(where: { $0.level == 1 && !$0.title.isEmpty })?.title
            ?? built.first(where: { $0.level > 0 && !$0.title.isEmpty })?.title ?? fallbackTitle
        return Runbook(
            title: title, sections: built, severities: severities, phases: phases, escalations: escalations,
            statusUpdateMinutes: statusUpdateMinutes, warnings: ordered, sourcePath: sourcePath)
    }
}
