import Foundation
import CTerminalShim
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair of a given size whose master side is read by a thread that counts every
/// byte: the terminal emulator's view of what the terminal layer wrote.
final class PseudoTerminal: Sendable {
    let master: Int32
    let slave: Int32
    private let received = Atomic<Int>(0)
    /// The newest bytes, for showing what a small frame actually sent.
    private let tail = Mutex<[UInt8]>([])

    init?(width: Int, height: Int) {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard triage_open_pty(Int32(width), Int32(height), &master, &slave) == 0 else { return nil }
        self.master = master
        self.slave = slave
        let thread = Thread { [self] in self.drain() }
        thread.name = "pty-reader"
        thread.start()
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            received.add(n, ordering: .relaxed)
            tail.withLock { tail in
                tail.append(contentsOf: buffer[0..<n])
                if tail.count > 8_192 { tail.removeFirst(tail.count - 8_192) }
            }
        }
    }

    var byteCount: Int { received.load(ordering: .relaxed) }

    /// Waits until no byte has arrived for `quiet`, at most `limit`; returns the total so far.
    func settle(quiet: Duration = .milliseconds(40), limit: Duration = .seconds(3)) -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var last = byteCount
        var stableSince = clock.now
        while clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.005)
            let now = byteCount
            if now != last {
                last = now
                stableSince = clock.now
            } else if clock.now - stableSince >= quiet {
                break
            }
        }
        return last
    }

    /// The last `count` bytes received, with escapes made visible.
    func visibleTail(_ count: Int) -> String {
        let bytes = tail.withLock { Array($0.suffix(count)) }
        var text = ""
        for byte in bytes {
            switch byte {
            case 0x1B: text += "\\e"
            case 0x20..<0x7F: text.append(Character(Unicode.Scalar(byte)))
            default: text += String(format: "\\x%02x", byte)
            }
        }
        return text
    }

    /// Closes the slave; the reader thread then sees EIO and ends.
    func close() {
        Glibc.close(slave)
        Thread.sleep(forTimeInterval: 0.05)
        Glibc.close(master)
    }
}
