// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "netprep",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "netprep", targets: ["netprep"]),
        // The parsers of outside input, for the libFuzzer harnesses in Fuzz/.
        .library(name: "NetprepKit", targets: ["Notes", "Store", "Scheduler", "Models", "Anki"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `netprep serve`; without its default traits it needs no swift-configuration.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        // cmark-gfm and its GFM extensions, from Debian's libcmark-gfm-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // zlib, for reading a package's collection within fixed bounds (Debian's zlib1g-dev).
        .systemLibrary(name: "NetprepZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // What every part shares: seeded random numbers, "did you mean", CJK script classes.
        .target(name: "Basics"),
        .target(name: "Notes", dependencies: ["Basics", "CCmarkGFM", "Yams"]),
        .target(
            name: "Store",
            dependencies: [
                "Basics",
                "Notes",
                "Scheduler",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Scheduler", dependencies: ["Basics"]),
        .target(
            name: "Models",
            dependencies: [
                "Basics",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        // What a person sees of a model: the demo catalogue and options, ladders, tables, charts.
        .target(
            name: "Demos",
            dependencies: ["Basics", "Models", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "LiveDemos",
            dependencies: [
                "Basics",
                "Demos",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "Models",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(name: "Quiz", dependencies: ["Basics", "Store", "Scheduler", "Models", "Demos", "Notes"]),
        .target(name: "Export", dependencies: ["Basics", "Store", "Notes", "Scheduler", "CCmarkGFM"]),
        // Anki's formats both ways: the .apkg package with its collection schema, the text
        // format, and reviews done in Anki brought back.
        .target(
            name: "Anki",
            dependencies: [
                "Export", "Store", "Notes", "Scheduler", "NetprepZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // `netprep serve`: the local web app (Hummingbird), its pages and their safety rules.
        .target(
            name: "Web",
            dependencies: [
                "Basics", "Notes", "Store", "Scheduler", "Demos", "Quiz", "Export",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // The workloads behind `netprep bench` and `fsrs bench`, in one place.
        .target(name: "Benchmarks", dependencies: ["Basics", "Models", "Demos", "Scheduler", "Store", "Quiz"]),
        .executableTarget(
            name: "netprep",
            dependencies: [
                "Basics", "Notes", "Store", "Scheduler", "Models", "Demos", "LiveDemos", "Quiz", "Export", "Anki", "Benchmarks",
                "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Start-up (README, "Start-up"): exporting only what the shared libraries need keeps
            // the runtime's dladdr and the loader's symbol lookups short, and a position-dependent
            // release needs none of the 131,000 relocations a PIE makes the loader apply to its
            // pages on every run. Release builds link the Swift runtime statically
            // (--static-swift-stdlib, as scripts/quickstart.sh does); against the shared runtime the
            // loader would warn about its protected functions.
            linkerSettings: [
                .unsafeFlags(["-Xlinker", "--no-export-dynamic"]),
                .unsafeFlags(["-Xclang-linker", "-no-pie"], .when(configuration: .release)),
            ]
        ),
        // What the test targets share: which outside checkers are there, and CI's rule that a
        // missing one fails the run.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "BasicsTests", dependencies: ["Basics"]),
        .testTarget(name: "NotesTests", dependencies: ["Notes"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Notes", "Yams", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SchedulerTests", dependencies: ["Basics", "Scheduler", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ModelsTests",
            dependencies: [
                "Basics", "Models", "Demos", "Benchmarks", "TestSupport", .product(name: "NIOHPACK", package: "swift-nio-http2"),
            ]
        ),
        .testTarget(name: "LiveDemosTests", dependencies: ["LiveDemos", "Demos", "Models", "TestSupport"]),
        .testTarget(name: "QuizTests", dependencies: ["Quiz", "Store", "Scheduler", "Models", "Demos", "Notes"]),
        .testTarget(
            name: "ExportTests",
            dependencies: [
                "Anki", "Export", "Store", "Scheduler", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "CLITests", dependencies: ["netprep", "Store", "Scheduler", "Benchmarks", "TestSupport"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
