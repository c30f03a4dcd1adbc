// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "netprep",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "netprep", targets: ["netprep"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // cmark-gfm and its GFM extensions, from Debian's libcmark-gfm-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "Notes", dependencies: ["CCmarkGFM", "Yams"]),
        .target(name: "Store", dependencies: ["Notes", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Scheduler"),
        .target(name: "Models"),
        .executableTarget(
            name: "netprep",
            dependencies: [
                "Notes", "Store", "Scheduler", "Models",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NotesTests", dependencies: ["Notes"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Notes"]),
        .testTarget(name: "SchedulerTests", dependencies: ["Scheduler"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ModelsTests", dependencies: ["Models"]),
        .testTarget(name: "CLITests", dependencies: ["netprep"]),
    ],
    swiftLanguageModes: [.v6]
)
