import Testing
@testable import TriageApp

/// Which mappings the release after start-up drops: only the executable's own code, never its
/// relocated read-only data (written pages the advice would discard), nor a library's code.
@Suite struct StartupMemoryReleaseTests {
    static let maps = """
        5581a0000000-5581a0546000 r--p 00000000 08:01 123 /opt/triage/bin/triage
        5581a0546000-5581a1c6d000 r-xp 00545000 08:01 123 /opt/triage/bin/triage
        5581a1c6d000-5581a1d47000 r--p 0176b000 08:01 123 /opt/triage/bin/triage
        5581a1d47000-5581a41c0000 rw-p 01845000 08:01 123 /opt/triage/bin/triage
        5581a4d30000-5581a4f1d000 rw-p 00000000 00:00 0                          [heap]
        7f3b1c028000-7f3b1c17d000 r-xp 00028000 08:01 456 /usr/lib/x86_64-linux-gnu/libc.so.6
        7f3b1c200000-7f3b1c201000 r-xp 00000000 08:01 789 /opt/triage/bin/triage-other
        7ffd5e1f0000-7ffd5e1f2000 r-xp 00000000 00:00 0                          [vdso]
        """

    @Test func onlyTheExecutablesCodeMappingIsReleased() {
        #expect(StartupMemoryRelease.codeRanges(inMaps: Self.maps, of: "/opt/triage/bin/triage") == [0x5581a0546000..<0x5581a1c6d000])
    }

    @Test func aPathWithSpacesIsMatchedWhole() {
        let maps = "1000-2000 r-xp 00000000 08:01 1 /opt/my tools/triage\n3000-4000 r-xp 00000000 08:01 1 /opt/my"
        #expect(StartupMemoryRelease.codeRanges(inMaps: maps, of: "/opt/my tools/triage") == [0x1000..<0x2000])
    }
}
