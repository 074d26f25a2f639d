import Foundation
import Testing
@testable import TriageCore

/// Issue 16, round six: meminfo, loadavg and stat are parsed as bytes in place (``ProcBytes``).
/// Each byte parser must answer as the `String`-splitting parser it replaced (kept here as the
/// reference) on the recorded files and on generated ones with the same alphabet.
@Suite struct ProcParsersBytesTests {
    /// The parsers before round six, unchanged: the reference.
    enum Reference {
        static func meminfo(_ text: String) -> MemoryUsage? {
            var values: [Substring: UInt64] = [:]
            for line in text.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon]
                let number = line[line.index(after: colon)...].split(separator: " ").first.flatMap { UInt64($0) }
                if let number { values[key] = number }
            }
            guard let total = values["MemTotal"] else { return nil }
            let free = values["MemFree"] ?? 0
            let buffers = values["Buffers"] ?? 0
            let cache = (values["Cached"] ?? 0) + (values["SReclaimable"] ?? 0)
            let available = values["MemAvailable"] ?? min(total, free + buffers + cache)
            return MemoryUsage(totalKiB: total, availableKiB: available, freeKiB: free, buffersKiB: buffers, cacheKiB: cache,
                               swapTotalKiB: values["SwapTotal"] ?? 0, swapFreeKiB: values["SwapFree"] ?? 0)
        }

        static func loadavg(_ text: String) -> LoadAverage? {
            let fields = text.split(separator: " ")
            guard fields.count >= 3, let a = Double(fields[0]), let b = Double(fields[1]), let c = Double(fields[2]) else { return nil }
            return LoadAverage(one: a, five: b, fifteen: c)
        }

        static func cpuTimes(_ text: String) -> (busy: UInt64, total: UInt64)? {
            guard let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
            let numbers = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
            guard numbers.count >= 4 else { return nil }
            let total = numbers.reduce(0, +)
            let idle = numbers[3] + (numbers.count > 4 ? numbers[4] : 0)
            return (total - idle, total)
        }
    }

    /// Real files: this machine's, and the shapes of older kernels (no MemAvailable, a stat line
    /// with four fields).
    static let recorded: [String] = {
        var files = ["/proc/meminfo", "/proc/loadavg", "/proc/stat"].compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        files += [
            "MemTotal:       24576000 kB\nMemFree:         1024000 kB\nBuffers:          102400 kB\nCached:          8192000 kB\nSReclaimable:     100000 kB\nSwapTotal:             0 kB\nSwapFree:              0 kB\n",
            "0.50 0.40 0.30 1/200 4242\n", "12.07 9.99 100.125 3/1234 99999\n",
            "cpu  100 0 100 800\nintr 1 2 3\n", "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 100 0 100 800 0 0 0 0 0 0\n", "cpu0 1 2 3 4\n", "",
        ]
        return files
    }()

    static func same(_ text: String) -> Bool {
        let bytesTimes = ProcParsers.cpuTimes(text), referenceTimes = Reference.cpuTimes(text)
        return ProcParsers.meminfo(text) == Reference.meminfo(text)
            && bits(ProcParsers.loadavg(text)) == bits(Reference.loadavg(text))
            && bytesTimes?.busy == referenceTimes?.busy && bytesTimes?.total == referenceTimes?.total
    }

    /// Compared bit for bit: `nan` is not equal to itself, and -0.0 equals 0.0.
    static func bits(_ load: LoadAverage?) -> [UInt64]? { load.map { [$0.one, $0.five, $0.fifteen].map(\.bitPattern) } }

    @Test func theByteParsersReadTheRecordedFilesAsTheReferenceDoes() {
        for text in Self.recorded {
            #expect(Self.same(text), "\(text.debugDescription)")
        }
        #expect(ProcParsers.meminfo(Self.recorded[3])?.totalKiB == 24_576_000)
        #expect(ProcParsers.cpuTimes(Self.recorded[6])! == (200, 1000))
    }

    /// Lines made of the pieces /proc files are made of, and the pieces that go wrong: keys the
    /// parsers read and others, signs, runs of spaces, tabs, empty lines, numbers too big,
    /// decimals of every length, words where numbers go.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func theByteParsersReadGeneratedFilesAsTheReferenceDoes(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let keys = ["MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SReclaimable", "SwapTotal", "SwapFree", "Active", "cpu", "cpu0", "MemTotalx", ""]
        let values = ["0", "17", "+5", "-0", "-5", "-", "+", "05", "18446744073709551616", "kB", "1.5", "0.21", ".5", "5.",
                      "-0.00", "1e3", "inf", "nan", "0x10", "123456789012345", "1234567890123456", "0.000000000000001", "1/234", "1_0"]
        let gaps = [" ", "  ", "\t", ":", ": ", ":   ", "\n", "\n\n"]
        var parsed = (memory: 0, load: 0, cpu: 0)
        let numbers = ["0", "17", "4096", "24576000", "05", "+5", "-0", "-5", "18446744073709551616", "kB", "x"]
        let decimals = ["0.00", "0.21", "12.07", "100.125", "5.", ".5", "-0.00", "+1.5", "123456789012345", "1234567890.123456", "1e3", "nan", "/", "1/234"]
        for _ in 0..<2_000 {
            var text = ""
            switch random.below(4) {
            case 0:  // meminfo's shape: `Key:   number kB`, a number sometimes odd
                for _ in 0..<random.below(10) {
                    text += keys[random.below(keys.count)] + [":", ": ", ":       ", " :"][random.below(4)]
                    text += (random.below(3) == 0 ? numbers[random.below(numbers.count)] : String(random.below(1 << 30)))
                    text += [" kB\n", "\n", "kB\n", "\t\n", "\n\n"][random.below(5)]
                }
            case 1:  // loadavg's shape: three decimals, the tasks and the last pid
                text = (0..<random.below(6)).map { _ in random.below(3) == 0 ? decimals[random.below(decimals.count)] : "\(random.below(100)).\(random.below(100))" }
                    .joined(separator: [" ", "  ", "\n"][random.below(3)]) + [" 1/234 5678\n", "\n", ""][random.below(3)]
            case 2:  // stat's shape: a `cpu` line of jiffies, then the per-CPU lines
                text = ["", "\n", "\n\n"][random.below(3)] + ["cpu ", "cpu  ", "cpu", "cpu0 "][random.below(4)]
                text += (0..<random.below(12)).map { _ in random.below(8) == 0 ? numbers[random.below(numbers.count)] : String(random.below(1 << 40)) }
                    .joined(separator: [" ", "  "][random.below(2)])
                text += ["\ncpu0 1 2 3 4\nintr 5\n", "\n", ""][random.below(3)]
            default:
                for _ in 0..<random.below(12) {
                    switch random.below(3) {
                    case 0: text += keys[random.below(keys.count)]
                    case 1: text += values[random.below(values.count)]
                    default: break
                    }
                    text += gaps[random.below(gaps.count)]
                }
            }
            #expect(Self.same(text), "\(text.debugDescription)")
            if Reference.meminfo(text) != nil { parsed.memory += 1 }
            if Reference.loadavg(text) != nil { parsed.load += 1 }
            if Reference.cpuTimes(text) != nil { parsed.cpu += 1 }
        }
        // Not only files that fail to parse: each parser read some of them.
        #expect(parsed.memory >= 20 && parsed.load >= 20 && parsed.cpu >= 20, "\(parsed)")
    }
}

private extension SplitMix {
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

private func == (lhs: (busy: UInt64, total: UInt64), rhs: (busy: UInt64, total: UInt64)) -> Bool { lhs.busy == rhs.busy && lhs.total == rhs.total }
