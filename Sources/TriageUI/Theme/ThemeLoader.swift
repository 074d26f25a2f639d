import Foundation
import Yams

/// Reads `themes/*.yaml` files and resolves `--theme NAME|PATH`.
///
/// A bad theme is an error that names `file:line:column` and what is wrong, because a typo in a
/// colour should never silently fall back to something unreadable during an outage.
public enum ThemeLoader {
    public struct LoadError: Error, CustomStringConvertible, Equatable {
        public let file: String
        public let line: Int
        public let column: Int
        public let message: String
        public var description: String { "\(file):\(line):\(column): \(message)" }
    }

    /// Built-in themes by name, parsed from the same YAML the repository ships in `themes/`.
    public static let builtinNames = ["default", "light", "high-contrast", "monochrome"]

    /// Whether `nameOrPath` is a path to a theme file rather than a theme's name.
    public static func isPath(_ nameOrPath: String) -> Bool {
        nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
    }

    /// Every theme a name can pick: the built-ins, then the user's (`$XDG_CONFIG_HOME/triage/themes/*.yaml`), sorted.
    public static func availableNames(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: userDirectory(environment) + "/triage/themes")) ?? []
        let user = files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.filter { !builtinNames.contains($0) }.sorted()
        return builtinNames + user
    }

    private static func userDirectory(_ environment: [String: String]) -> String {
        environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (environment["HOME"].map { $0 + "/.config" } ?? "")
    }

    /// Resolves a theme by name (user themes in `$XDG_CONFIG_HOME/triage/themes` first, then the
    /// built-ins) or by path (anything with a `/` or ending in `.yaml`).
    public static func resolve(_ nameOrPath: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        if isPath(nameOrPath) {
            return try load(path: nameOrPath)
        }
        let configHome = userDirectory(environment)
        let userPath = configHome + "/triage/themes/\(nameOrPath).yaml"
        if !configHome.isEmpty, FileManager.default.fileExists(atPath: userPath) {
            return try load(path: userPath)
        }
        if let text = BuiltinThemes.yaml[nameOrPath] {
            return try parse(text, file: "<built-in \(nameOrPath)>")
        }
        throw LoadError(file: nameOrPath, line: 1, column: 1,
                        message: "no such theme; built-in themes are \(builtinNames.joined(separator: ", ")), or give a path to a .yaml file")
    }

    public static func load(path: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(file: path, line: 1, column: 1, message: "cannot read theme file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadError(file: path, line: 1, column: 1, message: "theme file is not UTF-8")
        }
        return try parse(text, file: path)
    }

    /// Parses theme YAML. Roles missing from the file keep the default theme's look.
    public static func parse(_ text: String, file: String) throws -> Theme {
        let root: Node?
        do {
            // No implicit types: the default resolver's rules are regular expressions, and
            // compiling them starts ICU before the first frame; `flag` reads the booleans.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw locate(error, file: file)
        }
        guard let root, case .mapping(let top) = root else {
            throw LoadError(file: file, line: 1, column: 1, message: "a theme is a mapping with `name` and `roles`")
        }
        var name = (file as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
        var monochrome = false
        var appearances: [StyleRole: RoleAppearance] = [:]
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            switch key {
            case "name":
                guard let v = value.string else { throw error(file, value, "`name` must be a string") }
                name = v
            case "monochrome":
                guard let v = flag(value) else { throw error(file, value, "`monochrome` must be true or false") }
                monochrome = v
            case "roles":
                guard case .mapping(let roles) = value else { throw error(file, value, "`roles` must be a mapping of role: colour") }
                for (roleNode, spec) in roles {
                    let roleName = roleNode.string ?? ""
                    guard let role = StyleRole(rawValue: roleName) else {
                        throw error(file, roleNode, "unknown role `\(roleName)`; roles are \(StyleRole.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    appearances[role] = try appearance(spec, file: file, role: roleName)
                }
            default:
                throw error(file, keyNode, "unknown key `\(key)`; a theme has `name`, `monochrome` and `roles`")
            }
        }
        if name != "default", let base = try? parse(BuiltinThemes.yaml["default"] ?? "", file: "<built-in default>") {
            for role in StyleRole.allCases where appearances[role] == nil {
                appearances[role] = monochrome ? RoleAppearance(emphasis: base.appearance(of: role).emphasis) : base.appearance(of: role)
            }
        }
        return Theme(name: name, appearances: appearances, monochrome: monochrome)
    }

    private static func appearance(_ node: Node, file: String, role: String) throws -> RoleAppearance {
        if let text = node.string, case .scalar = node {
            guard let color = ColorSpec(parsing: text) else { throw error(file, node, "`\(text)` is not a colour (a name, 0-255, #rrggbb or default)") }
            return RoleAppearance(foreground: color)
        }
        guard case .mapping(let map) = node else { throw error(file, node, "role `\(role)` needs a colour or a mapping") }
        var look = RoleAppearance()
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            switch key {
            case "fg", "bg":
                guard let text = value.string, let color = ColorSpec(parsing: text) else {
                    throw error(file, value, "`\(value.string ?? "?")` is not a colour (a name, 0-255, #rrggbb or default)")
                }
                if key == "fg" { look.foreground = color } else { look.background = color }
            case "bold", "dim", "reverse", "underline":
                guard let on = flag(value) else { throw error(file, value, "`\(key)` must be true or false") }
                let flag: Emphasis = key == "bold" ? .bold : key == "dim" ? .dim : key == "reverse" ? .reverse : .underline
                if on { look.emphasis.insert(flag) }
            default:
                throw error(file, keyNode, "unknown key `\(key)` in role `\(role)`; use fg, bg, bold, dim, reverse, underline")
            }
        }
        return look
    }

    /// YAML 1.1's booleans (`true`, `False`, `yes`, `OFF`…) in a plain scalar, as Yams' default bool
    /// rule reads them; a quoted "true" is a string, not a boolean.
    private static func flag(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node else { return nil }
        if scalar.tag.description == Tag.Name.bool.rawValue { return Bool.construct(from: scalar) }
        guard scalar.style == .plain else { return nil }
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    private static func error(_ file: String, _ node: Node, _ message: String) -> LoadError {
        LoadError(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
    }

    private static func locate(_ error: YamlError, file: String) -> LoadError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return LoadError(file: file, line: mark.line, column: mark.column, message: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return LoadError(file: file, line: context.mark.line, column: context.mark.column, message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return LoadError(file: file, line: 1, column: 1, message: "\(error)")
        }
    }
}
