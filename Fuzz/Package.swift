// swift-tools-version:6.1
// libFuzzer harnesses for every parser of outside input. Not part of the main build: built by
// scripts/fuzz.sh with -sanitize=fuzzer,address into .build-fuzz, run with a time budget each.
import PackageDescription

let harnesses = ["Notes", "SearchQuery", "ReviewCSV", "AnkiPackage", "HTTP1", "HTTP2Frames", "HPACK", "DNS"]

let package = Package(
    name: "netprep-fuzz",
    dependencies: [.package(name: "netprep", path: "..")],
    targets: [.target(name: "FuzzDriver", path: "Sources/FuzzDriver")]
        + harnesses.map { name in
            .executableTarget(
                name: "Fuzz\(name)",
                dependencies: ["FuzzDriver", .product(name: "NetprepKit", package: "netprep")],
                path: "Sources/Fuzz\(name)",
                // The entry point is Fuzz<Name>_main, which runs libFuzzer's driver.
                swiftSettings: [.unsafeFlags(["-parse-as-library"])]
            )
        },
    swiftLanguageModes: [.v5]
)
