import Testing
import TriageCore

/// `/proc/PID/stat` lines as the kernel writes them, for the Host detail view's process table.
@Suite struct ProcessStatTests {
    @Test func aStatLineGivesCPUTicksAndResidentPages() throws {
        // A `sleep` as Linux 6.1 writes it (the fields after rss cut).
        let line = "4242 (sleep) S 4100 4242 4100 34816 4242 4194304 95 0 0 0 7 3 0 0 20 0 1 0 512345 5910528 180 18446744073709551615"
        let stat = try #require(ProcessStat.parse(line))
        #expect(stat == ProcessStat(pid: 4242, command: "sleep", state: "S", cpuTicks: 10, residentPages: 180))
    }

    @Test func aCommandWithParenthesesAndSpacesIsReadToTheLastParenthesis() throws {
        let line = "7 (evil) R 1 (x) S 1 7 7 0 -1 4194560 0 0 0 0 100 50 0 0 20 0 1 0 10 1000 33 1"
        let stat = try #require(ProcessStat.parse(line))
        #expect(stat.command == "evil) R 1 (x")
        #expect(stat.state == "S" && stat.cpuTicks == 150 && stat.residentPages == 33)
    }

    @Test func notAStatLineIsNil() {
        #expect(ProcessStat.parse("") == nil)
        #expect(ProcessStat.parse("12 (short) S 1 2 3") == nil)
        #expect(ProcessStat.parse("x (a) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22") == nil)
    }
}
