// swift-tools-version: 6.1
// triage: a terminal dashboard for live outage triage.
//
// Dependencies point one way: probes → state store → view model → cell grid → terminal.
// TriageCore and TriageUI know nothing of ncurses; TriageTerminal is the only importer of CNcursesw.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "triage",
    // Linux only: the host probe reads /proc, the crash handler reads glibc's siginfo_t fields and
    // the terminal shim includes <ncursesw/curses.h>; no other platform is built or tested.
    products: [
        .executable(name: "triage", targets: ["triage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: C shims and system libraries
        .systemLibrary(
            name: "CNcursesw", pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        /// Attribute macros ncurses exposes only as casts Swift cannot import.
        .target(name: "CTerminalShim", dependencies: ["CChildGroups"]),
        /// The table of child process groups that crash handlers and shutdown signal.
        .target(name: "CChildGroups"),
        /// wcwidth and locale set-up; Glibc's module does not show wcwidth to Swift.
        .target(name: "CWidth"),

        // MARK: Libraries
        .target(name: "TriageCore", dependencies: ["CWidth"], swiftSettings: strict),
        .target(name: "TriageRunbook", dependencies: ["TriageCore", "CCmarkGFM"], swiftSettings: strict),
        .target(
            name: "TriageProbes",
            dependencies: ["TriageCore", "CChildGroups", .product(name: "Subprocess", package: "swift-subprocess")],
            swiftSettings: strict),
        .target(name: "TriageLogs", dependencies: ["TriageCore", "TriageProbes"], swiftSettings: strict),
        .target(
            name: "TriageStore",
            dependencies: ["TriageCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .target(
            name: "TriageConfig",
            dependencies: ["TriageCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        .target(
            name: "TriageUI",
            dependencies: ["TriageCore", .product(name: "Yams", package: "Yams")],
            resources: [],
            swiftSettings: strict),
        .target(
            name: "TriageTerminal",
            dependencies: ["TriageUI", "CNcursesw", "CTerminalShim"],
            swiftSettings: strict),
        /// Status updates, resolution notices, post-mortem drafts and timeline exports: pure text from
        /// incident facts, plus the OSC 52 clipboard sequence.
        .target(name: "TriageExport", dependencies: ["TriageCore"], swiftSettings: strict),
        .target(
            name: "TriageApp",
            dependencies: [
                "TriageCore", "TriageRunbook", "TriageProbes", "TriageLogs", "TriageStore",
                "TriageConfig", "TriageUI", "TriageTerminal", "TriageExport", "CTerminalShim",
            ],
            swiftSettings: strict),

        // MARK: Executables
        .executableTarget(
            name: "triage",
            dependencies: [
                "TriageApp", "TriageExport", "TriageStore", "TriageRunbook", "TriageConfig", "TriageCore", "TriageProbes", "TriageUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "triage-bench",
            dependencies: [
                "TriageApp", "TriageUI", "TriageTerminal", "TriageCore", "TriageProbes", "TriageLogs", "TriageRunbook",
                "TriageStore", "CTerminalShim",
            ],
            swiftSettings: strict),
        /// Drives the incident store from separate processes, for TriageStoreTests' kill -9 and
        /// concurrent-writer tests.
        .executableTarget(
            name: "triage-store-driver",
            dependencies: ["TriageStore", "TriageCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),

        /// libFuzzer's LLVMFuzzerRunDriver, declared for triage-fuzz.
        .target(name: "CFuzzerDriver"),
        /// Fuzz targets for every parser of outside bytes. A plain build replays saved inputs;
        /// scripts/fuzz.sh builds it with libFuzzer (-sanitize=fuzzer -DFUZZING) in .build-fuzz.
        .executableTarget(
            name: "triage-fuzz",
            dependencies: ["CFuzzerDriver", "TriageCore", "TriageRunbook", "TriageProbes", "TriageConfig", "TriageUI"],
            swiftSettings: strict),

        /// Test helpers shared by the test targets (a private podman engine, the Kubernetes API stand-in, the
        /// loopback python servers); not shipped.
        .target(name: "TriageTestSupport", dependencies: ["TriageCore", "TriageProbes"], swiftSettings: strict),

        // MARK: Tests
        .testTarget(name: "TriageCoreTests", dependencies: ["TriageCore"], swiftSettings: strict),
        .testTarget(name: "TriageUITests", dependencies: ["TriageUI", "TriageApp", "TriageProbes", "TriageStore", "TriageRunbook"], exclude: ["Snapshots"], swiftSettings: strict),
        .testTarget(
            name: "TriageRunbookTests", dependencies: ["TriageRunbook"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "TriageProbesTests", dependencies: ["TriageProbes", "TriageTestSupport"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "TriageLogsTests", dependencies: ["TriageLogs", "TriageTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "TriageStoreTests",
            dependencies: ["TriageStore", "TriageCore", "triage-store-driver", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(
            name: "TriageExportTests", dependencies: ["TriageExport", "TriageCore", "TriageRunbook", "TriageStore"],
            exclude: ["Golden"], swiftSettings: strict),
        .testTarget(name: "TriageConfigTests", dependencies: ["TriageConfig"], swiftSettings: strict),
        // `triage check` and `triage init` run as the real binary against loopback servers, podman and the kube stand-in.
        .testTarget(
            name: "TriageCheckTests",
            dependencies: ["TriageApp", "TriageProbes", "TriageConfig", "TriageCore", "TriageTestSupport", "triage"],
            swiftSettings: strict),
        // End-to-end tests drive the real `triage` binary in tmux; depending on it makes `swift test` build it.
        .testTarget(name: "TriageEndToEndTests", dependencies: ["triage", "TriageProbes", "TriageCore", "TriageTestSupport"], swiftSettings: strict),
        // Runs the real `triage` binary (runbook and incident subcommands); depending on it makes `swift test` build it.
        .testTarget(
            name: "TriageCLITests",
            dependencies: ["TriageApp", "TriageCore", "TriageRunbook", "TriageStore", "triage"],
            swiftSettings: strict),
    ]
)
