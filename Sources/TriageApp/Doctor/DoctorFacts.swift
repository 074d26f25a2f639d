/// What `triage doctor` found on this machine, gathered once by `DoctorProbe`; `DoctorReport`
/// judges it without touching the system, so every verdict is testable from plain values.
public struct DoctorFacts: Sendable, Equatable {
    public struct Terminal: Sendable, Equatable {
        /// `$TERM`, nil when unset or empty.
        public var term: String?
        /// The terminfo entry's colour count; nil when terminfo has no entry for `term`.
        public var terminfoColours: Int?
        /// `NO_COLOR` is set.
        public var noColor: Bool
        /// The character set of the locale the environment asks for (`LANG`, `LC_ALL`, `LC_CTYPE`).
        public var codeset: String
        /// A UTF-8 locale could be had at all (the environment's, or C.UTF-8 as triage falls back to).
        public var utf8Available: Bool
        /// Columns and rows of standard output; nil when it is not a terminal.
        public var size: Size?

        public init(term: String?, terminfoColours: Int?, noColor: Bool, codeset: String, utf8Available: Bool, size: Size?) {
            self.term = term
            self.terminfoColours = terminfoColours
            self.noColor = noColor
            self.codeset = codeset
            self.utf8Available = utf8Available
            self.size = size
        }
    }

    public struct Size: Sendable, Equatable {
        public var columns: Int
        public var rows: Int
        public init(columns: Int, rows: Int) {
            self.columns = columns
            self.rows = rows
        }
    }

    public struct Tool: Sendable, Equatable {
        /// The command name looked up on PATH.
        public var name: String
        /// Where PATH found it; nil when it did not.
        public var path: String?
        /// The first line of its version output, when it printed one.
        public var version: String?
        /// For docker and kubectl: whether the engine / current context answered; nil when not asked.
        public var reachability: Reachability?

        public init(name: String, path: String?, version: String? = nil, reachability: Reachability? = nil) {
            self.name = name
            self.path = path
            self.version = version
            self.reachability = reachability
        }
    }

    public enum Reachability: Sendable, Equatable {
        case reachable(String)
        case unreachable(String)
    }

    public struct State: Sendable, Equatable {
        public var path: String
        public var exists: Bool
        public var isDirectory: Bool
        /// A file could be created in it (tried, not judged from mode bits: root ignores those).
        /// When the directory does not exist: whether it could be created. Nil with `writeError`.
        public var writable: Bool
        /// Why writing or creating failed.
        public var writeError: String?
        /// Free bytes for an unprivileged user on its file system (or its nearest existing parent's).
        public var freeBytes: Int64?
        public var database: Database

        public init(path: String, exists: Bool, isDirectory: Bool, writable: Bool, writeError: String?, freeBytes: Int64?, database: Database) {
            self.path = path
            self.exists = exists
            self.isDirectory = isDirectory
            self.writable = writable
            self.writeError = writeError
            self.freeBytes = freeBytes
            self.database = database
        }
    }

    public enum Database: Sendable, Equatable {
        /// No incidents.sqlite yet: the first declared incident creates it.
        case absent
        /// Applied and known migrations, as `DatabaseSchemaState` read them.
        case schema(applied: [String], unknown: [String], pending: [String])
        case unreadable(String)
    }

    public enum Config: Sendable, Equatable {
        /// No file anywhere: discovery (docker, kubectl's context, the host).
        case none
        /// Found and parsed; `untrustedNotice` is set when its command checks are withheld.
        case valid(path: String, untrustedNotice: String?)
        /// Found but rejected, with every problem as `file:line:column` lines.
        case invalid(String)
    }

    public var terminal: Terminal
    public var tools: [Tool]
    public var state: State
    public var config: Config

    public init(terminal: Terminal, tools: [Tool], state: State, config: Config) {
        self.terminal = terminal
        self.tools = tools
        self.state = state
        self.config = config
    }
}
