import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes files that only their owner may read: exports, saved status updates.
///
/// Foundation's atomic write creates the file with 0666 minus the umask and a `createFile` with
/// attributes sets the mode only after the bytes are in, so under a permissive umask (000) there is
/// a window, or no limit at all, in which others can read it. Here the temporary file is created
/// 0600 before a byte is written, then renamed over the destination, whatever the umask.
public enum PrivateFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Replaces `path` atomically with `data`, mode 0600.
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        // The mode given to open() is cut by the umask only towards stricter; make it exact anyway.
        if failure == nil, fchmod(fd, 0o600) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
    }

    /// Creates `directory` (and parents) 0700, or tightens it to 0700 when it exists and is ours.
    public static func makeDirectory(_ directory: String) throws(WriteError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw WriteError(path: directory, reason: error.localizedDescription)
        }
        StateDirectory.tightenIfOurs(directory, to: 0o700)
    }
}
