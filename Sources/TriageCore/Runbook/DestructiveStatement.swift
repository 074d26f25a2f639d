/// Statements handed to a database client that destroy data, schema or sessions: SQL, Redis
/// commands and MongoDB shell calls. Each check returns a label for the reason ("SQL DROP TABLE",
/// "redis FLUSHALL") or nil.
///
/// SQL is read as words with string literals and comments removed, so `SELECT 'drop table'` and
/// `-- DELETE FROM x` are safe; a statement counts wherever it appears in the text.
enum DestructiveStatement {
    /// Objects after `DROP` that name something a database holds.
    static let droppable: Set<String> = [
        "table", "database", "schema", "index", "view", "materialized", "user", "role", "owned", "extension",
        "function", "procedure", "trigger", "sequence", "type", "collection", "keyspace", "column", "constraint",
        "partition", "publication", "subscription", "tablespace", "policy", "rule", "event", "server", "domain",
    ]

    static func sql(_ text: String) -> String? {
        let tokens = sqlTokens(text)
        for (position, token) in tokens.enumerated() {
            let next = position + 1 < tokens.count ? tokens[position + 1] : ""
            let statementStart = position == 0 || tokens[position - 1] == ";" || tokens[position - 1] == "("
            switch token {
            case "drop":
                var object = next
                if object == "if", position + 3 < tokens.count { object = tokens[position + 3] }  // DROP IF EXISTS x (mysql temporary)
                if object == "temporary", position + 2 < tokens.count { object = tokens[position + 2] }
                if droppable.contains(object) { return "SQL DROP \(object.uppercased())" }
            case "delete" where next == "from" || statementStart:
                return next == "from" ? "SQL DELETE FROM" : "SQL DELETE"
            case "truncate":
                return "SQL TRUNCATE"
            case "update" where statementStart && tokens.dropFirst(position).prefix(64).contains("set"):
                return "SQL UPDATE"
            case "alter" where ["table", "database", "system", "user", "role", "schema"].contains(next):
                return "SQL ALTER \(next.uppercased())"
            case "pg_terminate_backend", "pg_cancel_backend":
                return "SQL \(token)"
            case "kill" where statementStart, "shutdown" where statementStart:
                return "SQL \(token.uppercased())"
            case "flushall", "flushdb":
                return "redis \(token.uppercased())"
            default:
                continue
            }
        }
        return mongo(text)
    }

    /// Lower-cased words and the punctuation `;` and `(`, without string literals or comments.
    static func sqlTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        let scalars = Array(text.lowercased().unicodeScalars)
        var index = 0
        func flush() {
            if !word.isEmpty { tokens.append(word) }
            word = ""
        }
        while index < scalars.count {
            let c = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            if c == "'" {
                flush()
                index += 1
                while index < scalars.count {
                    if scalars[index] == "'" {
                        if index + 1 < scalars.count, scalars[index + 1] == "'" { index += 2; continue }
                        break
                    }
                    index += 1
                }
                index += 1
            } else if c == "-", next == "-" {
                flush()
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else if c == "/", next == "*" {
                flush()
                index += 2
                while index + 1 < scalars.count, !(scalars[index] == "*" && scalars[index + 1] == "/") { index += 1 }
                index += 2
            } else if ShellScript.isNameCharacter(c) {
                word.unicodeScalars.append(c)
                index += 1
            } else {
                flush()
                if c == ";" || c == "(" { tokens.append(String(c)) }
                index += 1
            }
        }
        flush()
        return tokens
    }

    /// MongoDB shell calls that drop or delete (`db.users.drop()`, `db.dropDatabase()`).
    static func mongo(_ text: String) -> String? {
        let lowered = text.lowercased()
        for call in [".dropdatabase(", ".drop(", ".deletemany(", ".deleteone(", ".remove(", ".shutdownserver(", ".killop(",
                     ".dropindex(", ".dropindexes(", ".updatemany("] where lowered.contains(call) {
            return "mongo " + String(call.dropFirst()) + ")"
        }
        return nil
    }

    /// Redis commands that delete keys, wipe databases or change the server.
    static let redisVerbs: Set<String> = [
        "flushall", "flushdb", "del", "unlink", "getdel", "hdel", "srem", "zrem", "lrem", "ltrim", "xdel", "xtrim",
        "zremrangebyscore", "zremrangebyrank", "zremrangebylex", "shutdown", "debug", "replicaof", "slaveof", "swapdb",
        "failover", "rename", "migrate",
    ]

    /// Redis commands whose first argument makes them destructive: `CONFIG SET`, `CLIENT KILL`.
    static let redisSubcommands: [String: Set<String>] = [
        "config": ["set", "rewrite", "resetstat"], "script": ["flush", "kill"], "function": ["flush", "delete"],
        "client": ["kill"], "cluster": ["reset", "failover", "forget", "delslots"], "acl": ["deluser"],
    ]

    /// One Redis command as words (`["FLUSHALL"]`, `["config", "set", …]`).
    static func redis(_ words: [String]) -> String? {
        guard let verb = words.first?.lowercased() else { return nil }
        if redisVerbs.contains(verb) { return "redis \(verb.uppercased())" }
        if let subcommands = redisSubcommands[verb], words.count > 1, subcommands.contains(words[1].lowercased()) {
            return "redis \(verb.uppercased()) \(words[1].uppercased())"
        }
        return nil
    }

    /// Redis commands one per line, as in a here-document piped to `redis-cli`.
    static func redisLines(_ text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            if let label = redis(line.split(whereSeparator: \.isWhitespace).map(String.init)) { return label }
        }
        return nil
    }
}
