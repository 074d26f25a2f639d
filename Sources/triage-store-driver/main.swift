// triage-store-driver: exercises the incident store from another process, for multi-process tests.
//
//   create DB TITLE SEVERITY          declare an incident, print its id
//   tick DB INCIDENT N PREFIX         tick PREFIX-0 … PREFIX-(N-1), printing "committed KEY ." after each commit
//   write-readonly DB INCIDENT        open read-only and try to tick: exit 3 if refused as read-only
//   hold-lock DB SECONDS              take the write lock (BEGIN IMMEDIATE), print "holding", keep it
//   forget-sources DB INCIDENT        delete the incident's v4 source recording, leaving the picture
//                                     recording: the incident then reads as one recorded before v4
//
// Lines go straight to the stdout file descriptor (no buffering), so what the test reads is exactly
// what had been committed when the process died. Exit status 2 means a store error.
import Foundation
import GRDB
import TriageCore
import TriageStore

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String, status: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data(("triage-store-driver: " + message + "\n").utf8))
    exit(status)
}

/// Attempts a tick on a read-only store; exit 3 when SQLite refused it as read-only.
func writeReadOnly(_ store: IncidentStore, incidentID: String) throws {
    do {
        try store.setTick(incidentID: incidentID, itemKey: "wall-write", checked: true, actor: "wall")
        say("written")
    } catch {
        guard case .readOnly(_, let reason) = error else { throw error }
        say("refused: \(reason)")
        exit(3)
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail("usage: create|tick|write-readonly|hold-lock|forget-sources …", status: 64) }

do {
    switch (command, arguments.count) {
    case ("create", 4):
        let store = try IncidentStore(path: arguments[1])
        let incident = try store.createIncident(title: arguments[2], severity: arguments[3], actor: "driver")
        say(incident.id)
    case ("tick", 5):
        guard let count = Int(arguments[3]) else { fail("N must be a number", status: 64) }
        let store = try IncidentStore(path: arguments[1])
        let actor = "driver-\(getpid())"
        for index in 0..<count {
            let key = "\(arguments[4])-\(index)"
            try store.setTick(incidentID: arguments[2], itemKey: key, checked: true, actor: actor)
            say("committed \(key) .")
        }
    case ("write-readonly", 3):
        let store = try IncidentStore(path: arguments[1], mode: .readOnly)
        try writeReadOnly(store, incidentID: arguments[2])
    case ("forget-sources", 3):
        let queue = try DatabaseQueue(path: arguments[1])
        try queue.write { db in
            for table in ["sourceRowChange", "sourceKeyFrame", "sourceLogLine"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE incidentID = ?", arguments: [arguments[2]])
            }
        }
        say("forgotten")
    case ("hold-lock", 3):
        guard let seconds = Double(arguments[2]) else { fail("SECONDS must be a number", status: 64) }
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let queue = try DatabaseQueue(path: arguments[1], configuration: configuration)
        try queue.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        say("holding")
        Thread.sleep(forTimeInterval: seconds)
        try queue.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
    default:
        fail("unknown command or wrong argument count: \(arguments)", status: 64)
    }
} catch let error as StoreError {
    fail(error.description)
} catch {
    fail(String(describing: error))
}
