import Foundation

/// The fuzz target this process drives: `TRIAGE_FUZZ_TARGET` (libFuzzer owns the command line).
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["TRIAGE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")
        FileHandle.standardError.write(Data("triage-fuzz: set TRIAGE_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()

#if FUZZING
import CFuzzerDriver

/// Runs one libFuzzer input through the selected target.
private func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selectedTarget.run(bytes)
    return 0
}

/// libFuzzer's driver under our own `main`: built only by `scripts/fuzz.sh`
/// (`-sanitize=fuzzer -DFUZZING`). libFuzzer reads the command line (corpus folders, -max_total_time…).
@main
struct FuzzDriver {
    static func main() {
        _ = selectedTarget
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOneInput($0, $1) })
    }
}
#else
/// Replays saved inputs through a target without libFuzzer: `triage-fuzz TARGET FILE_OR_DIR…`.
///
/// The normal build carries this so a crashing input from `fuzz-crashes/` reproduces under the
/// debugger with a plain `swift build`.
@main
struct FuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")
            print("usage: triage-fuzz TARGET FILE_OR_DIRECTORY...\ntargets: \(names)")
            exit(2)
        }
        var count = 0
        for path in arguments.dropFirst() {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("triage-fuzz: cannot read \(file)\n".utf8))
                    exit(1)
                }
                print("running \(file) (\(data.count) bytes)")
                target.run([UInt8](data))
                count += 1
            }
        }
        print("\(target.rawValue): \(count) inputs ran without a crash")
    }

    /// The path itself, or the regular files directly inside it when it is a directory.
    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}
#endif
