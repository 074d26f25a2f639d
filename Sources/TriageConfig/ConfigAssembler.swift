import Foundation
import TriageCore

/// Reads a configuration with everything it includes: `include:` entries (relative to the file that
/// names them, depth first, in order) and the files of a conf.d directory, so a team can keep one
/// file per service or cluster.
///
/// Included files only add entries (services, checks, prometheus, docker, kubernetes, logs) and may
/// include others; the main file alone sets refresh, runbook, theme, state, host, vars and severity_rules. Every
/// problem names its own file: an error inside an included file is that file's `file:line:column`,
/// a file that cannot be read or is included twice is reported at the `include:` entry naming it,
/// a service, check or query name already used is reported at its own place in the later file.
/// `contentHash` covers every file read, so trusting the main file trusts exactly these contents.
public enum ConfigAssembler {
    /// Deeper than this is a mistake (or a cycle the path check could not see through).
    public static let maximumDepth = 8

    public struct Assembled: Sendable {
        public var configuration: TriageConfiguration
        /// Every file read, the main one first, in the order they were merged.
        public var files: [String]
        /// SHA-256 of the main file alone when it includes nothing (as `triage trust` always
        /// recorded), else of every file's path and SHA-256 in order: an edit to any of them, or
        /// an include added or removed, changes it.
        public var contentHash: String
    }

    /// Parses `contents` (read from `path`) and merges what it includes, then `directoryFiles`.
    public static func load(path: String, contents: Data, directoryFiles: [String] = []) throws(ConfigurationError) -> Assembled {
        var main = try ConfigParser.load(path: path, contents: contents)
        var merger = Merger(files: [(canonical(path), path, ContentHash.sha256Hex(Array(contents)))])
        merger.merge(main.includes + directoryFiles.map { ConfigInclude(path: $0, from: $0, line: 1, column: 1) }, into: &main, depth: 1)
        if !merger.issues.isEmpty { throw ConfigurationError(issues: merger.issues) }
        return Assembled(configuration: main, files: merger.files.map(\.path), contentHash: merger.contentHash)
    }

    /// The conf.d files alone, when there is no main file: an empty configuration plus their entries.
    public static func load(directoryFiles: [String], directory: String) throws(ConfigurationError) -> Assembled {
        var main = TriageConfiguration(sourcePath: directory)
        var merger = Merger(files: [])
        merger.merge(directoryFiles.map { ConfigInclude(path: $0, from: $0, line: 1, column: 1) }, into: &main, depth: 1)
        if !merger.issues.isEmpty { throw ConfigurationError(issues: merger.issues) }
        return Assembled(configuration: main, files: merger.files.map(\.path), contentHash: merger.contentHash)
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private struct Merger {
        var files: [(canonical: String, path: String, sha256: String)]
        var issues: [ConfigIssue] = []

        var contentHash: String {
            if files.count == 1 { return files[0].sha256 }
            return ContentHash.sha256Hex(Array(files.map { "\($0.path)\u{0}\($0.sha256)\n" }.joined().utf8))
        }

        mutating func merge(_ includes: [ConfigInclude], into config: inout TriageConfiguration, depth: Int) {
            for include in includes {
                func refuse(_ message: String) {
                    issues.append(ConfigIssue(file: include.from, line: include.line, column: include.column, key: "include", message: message))
                }
                let canonicalPath = ConfigAssembler.canonical(include.path)
                if files.contains(where: { $0.canonical == canonicalPath }) {
                    refuse("\(include.path) is already part of the configuration (included twice, or an include cycle)")
                    continue
                }
                guard depth <= ConfigAssembler.maximumDepth else {
                    refuse("includes nest deeper than \(ConfigAssembler.maximumDepth) files")
                    continue
                }
                guard let contents = FileManager.default.contents(atPath: include.path) else {
                    let reason = FileManager.default.fileExists(atPath: include.path) ? "cannot be read (no permission, or a directory)" : "does not exist"
                    refuse("\(include.path) \(reason)")
                    continue
                }
                files.append((canonicalPath, include.path, ContentHash.sha256Hex(Array(contents))))
                let included: TriageConfiguration
                do {
                    included = try ConfigParser.load(path: include.path, contents: contents, included: true)
                } catch {
                    issues += error.issues
                    continue
                }
                config.services += unique(included.services, \.name, "services", in: config.services, included)
                config.checks += unique(included.checks, \.name, "checks", in: config.checks, included)
                config.prometheus += unique(included.prometheus, \.name, "prometheus", in: config.prometheus, included)
                config.alertmanager += unique(included.alertmanager, \.name, "alertmanager", in: config.alertmanager, included)
                config.docker += included.docker
                config.kubernetes += included.kubernetes
                config.logs += included.logs
                merge(included.includes, into: &config, depth: depth + 1)
            }
        }

        /// The entries of `added` whose names are new; each repeat is an issue at its own place.
        mutating func unique<Entry>(
            _ added: [Entry], _ name: KeyPath<Entry, String>, _ section: String, in existing: [Entry], _ file: TriageConfiguration
        ) -> [Entry] {
            let taken = Set(existing.map { $0[keyPath: name] })
            return added.filter { entry in
                let entryName = entry[keyPath: name]
                guard taken.contains(entryName) else { return true }
                let position = file.namePositions[section + "/" + entryName] ?? ConfigPosition(line: 1, column: 1)
                issues.append(ConfigIssue(
                    file: file.sourcePath ?? "", line: position.line, column: position.column, key: section + ".name",
                    message: "duplicate name \"\(entryName)\": another file of the configuration already uses it; names identify rows"))
                return false
            }
        }
    }
}
