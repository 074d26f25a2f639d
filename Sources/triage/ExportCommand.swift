import ArgumentParser
import Foundation
import TriageCore
import TriageExport
import TriageRunbook
import TriageStore

/// `triage export status|resolution|postmortem|timeline`: writes an incident's communication from
/// the store, and records in the timeline that it was issued.
///
/// It runs no probes, so the exports say that live probe data was not collected rather than
/// claiming nothing is broken; the dashboard's `y` has fresh probe data. Issuing a status update
/// records "Status update #N issued", which restarts the update timer everywhere.
struct ExportCommand: ParsableCommand {
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case status
        case resolution
        case postmortem
        case timeline
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a status update, resolution notice, post-mortem draft or the timeline.",
        discussion: """
            Reads the incident from the state directory (most recent open incident by default), fills \
            the runbook's communication template when it has one, redacts secrets, and records the \
            export in the incident's timeline. No probes run here: use `y` in the dashboard for an \
            update with live probe data.
            """
    )

    @Argument(help: ArgumentHelp("What to export: status, resolution, postmortem or timeline."))
    var kind: Kind

    @Option(help: ArgumentHelp("Incident id (default: the most recent open incident, else the most recent).", valueName: "id"))
    var incident: String?

    @Option(help: ArgumentHelp("markdown, text or json (post-mortems are Markdown only).", valueName: "format"))
    var format: String = "markdown"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var state: StateOption

    @Flag(help: "Preview only: do not record the export in the timeline.")
    var noRecord = false

    func validate() throws {
        guard let parsed = ExportFormat(rawValue: format.lowercased()) else {
            throw ValidationError("--format: expected markdown, text or json, got \(OutsideText.inline(format))")
        }
        // A post-mortem draft is a Markdown document to edit; `text` used to print that Markdown
        // as if it were text, and `json` failed without saying what to use instead.
        if kind == .postmortem, parsed != .markdown {
            throw ValidationError(
                "--format: a post-mortem draft is a Markdown document to edit, so it has no \(parsed.rawValue) form; "
                    + "for the events as JSON use `triage export timeline --format json`, for plain text `triage export status --format text`")
        }
    }

    func run() throws {
        let exportFormat = ExportFormat(rawValue: format.lowercased()) ?? .markdown
        let environment = ProcessInfo.processInfo.environment
        let actor = ActorName.current(environment: environment)
        let store: IncidentStore
        do {
            let directory = try StateDirectory.resolve(explicit: state.directory, environment: environment)
            store = try IncidentStore(stateDirectory: directory)
        } catch {
            throw Self.fail(error)
        }
        defer { try? store.close() }

        let chosen: Incident
        do {
            if let incident {
                chosen = try store.incident(id: incident)
            } else if let open = try store.latestOpenIncident() ?? store.listIncidents().first {
                chosen = open
            } else {
                throw Self.fail("no incidents in \(store.path); declare one first", status: .warningOrNotFound)
            }
            let now = Date()
            let events = try store.events(incidentID: chosen.id)
            // A drill's export says so in its title (its first line), wherever it is pasted.
            let isDrill = try store.isDrill(incidentID: chosen.id)
            var titled = chosen
            if isDrill { titled.title = DrillTitle.shown(chosen.title) }
            let input = ExportInput(
                incident: titled, events: events, ticks: try store.ticks(incidentID: chosen.id),
                runbook: Self.loadRunbook(path: chosen.runbookPath), live: .notCollected(reason: LiveFacts.cliReason),
                now: now, timeZone: .current, actor: actor,
                recording: kind == .postmortem ? try store.pictureRecording(incidentID: chosen.id) : nil)

            let text: String
            let record: String
            switch kind {
            case .status:
                text = StatusUpdate.render(input, format: exportFormat)
                record = StatusUpdateLog.issuedText(number: StatusUpdateLog.nextNumber(in: events))
            case .resolution:
                text = ResolutionNotice.render(input, format: exportFormat)
                record = "Resolution notice issued"
            case .postmortem:
                text = PostmortemDraft.render(input)
                record = "Post-mortem draft exported"
            case .timeline:
                text = TimelineExport.render(input, format: exportFormat)
                record = "Timeline exported (\(exportFormat.rawValue), \(events.count) events)"
            }
            try write(isDrill && exportFormat != .json ? DrillTitle.marking(text) : text)
            if !noRecord {
                let destination = output.map { " to \($0)" } ?? ""
                try store.appendEvent(
                    incidentID: chosen.id, kind: .export, text: record + destination, actor: actor, at: now)
            }
        } catch let error as ExitCode {
            throw error
        } catch let error as StoreError {
            throw Self.fail(error)
        } catch {
            throw Self.fail("\(error)", status: .failure)
        }
    }

    /// Writes the export to `--output` (replaced atomically) or standard output.
    private func write(_ text: String) throws {
        guard let output else {
            CommandFailure.write(text)
            return
        }
        do {
            // 0600 whatever the umask: an export is the incident's story, names and command output included.
            try PrivateFile.write(Data(text.utf8), to: output)
        } catch {
            throw Self.fail("\(error)", status: .failure)
        }
    }

    /// The incident's runbook, or the built-in one when it has none or the file cannot be read.
    static func loadRunbook(path: String?) -> Runbook {
        guard let path, path != BuiltinRunbook.sourceName else { return BuiltinRunbook.parsed }
        guard let data = FileManager.default.contents(atPath: path) else {
            CommandFailure.note("cannot read the runbook \(path); using the built-in runbook", prefix: "triage export")
            return BuiltinRunbook.parsed
        }
        return RunbookParser.parse(bytes: Array(data), path: path)
    }

    /// Exit statuses as docs/EXPORTS.md lists them (`ExitStatus`): 1 no such incident, 2 the state
    /// directory, database or output file could not be used.
    private static func fail(_ message: String, status: ExitStatus) -> ExitCode {
        CommandFailure.fail(message, status: status, prefix: "triage export")
    }

    private static func fail(_ error: StoreError) -> ExitCode {
        CommandFailure.fail(error, prefix: "triage export")
    }
}
