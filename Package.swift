// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Playbooks",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PlaybooksLanguage", targets: ["PlaybooksLanguage"]),
        .library(name: "PlaybooksDurability", targets: ["PlaybooksDurability"]),
        .library(name: "PlaybooksRuntime", targets: ["PlaybooksRuntime"]),
        .library(name: "PlaybooksPostgres", targets: ["PlaybooksPostgres"]),
        .library(name: "PlaybooksStores", targets: ["PlaybooksStores"]),
        .library(name: "PlaybooksLLM", targets: ["PlaybooksLLM"]),
        .executable(name: "playbooks", targets: ["playbooks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // 3.12 or 4: postgres-nio already brings it in (4.x at the time of writing).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // CRC-32, the one checksum of snapshots (language) and journal records (stores).
        .target(name: "PlaybooksChecksum"),
        // The language: tokenizer, parser, compiler, VM, snapshots, streaming. No I/O, no async.
        // No unsafe flags (a package whose products have them cannot be depended on by version): the
        // stored properties the dispatch loop touches (Frame, FrameStack, VirtualMachine, Namespace, Cell
        // and the list, dict, set, instance, type and iterator objects) are `@exclusivity(unchecked)`
        // instead: one VM runs on one thread at a time and its accesses to them do not overlap.
        .target(
            name: "PlaybooksLanguage",
            dependencies: ["PlaybooksChecksum", .product(name: "BigInt", package: "BigInt")]
        ),
        // Journals, snapshots and the stores that hold them (files, SQLite). Knows nothing of Python.
        .target(
            name: "PlaybooksDurability",
            dependencies: [
                "PlaybooksChecksum",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A checkpoint store on PostgreSQL (postgres-nio), for many workers on many machines.
        .target(
            name: "PlaybooksPostgres",
            dependencies: ["PlaybooksDurability", "PlaybooksChecksum", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // Every kind of store in one place: opens a StoreLocation (SQLite, files, PostgreSQL).
        .target(
            name: "PlaybooksStores",
            dependencies: ["PlaybooksDurability", "PlaybooksPostgres"]
        ),
        // Programs, executions, built-ins, checkpoints and recovery: drives the language over a store.
        .target(
            name: "PlaybooksRuntime",
            dependencies: [
                "PlaybooksLanguage", "PlaybooksDurability", "PlaybooksLLM",
                .product(name: "TOMLKit", package: "TOMLKit"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            // Async functions run on their caller's executor unless marked @concurrent, so an
            // `Execution` actor can drive its runner (which holds the non-Sendable VM).
            swiftSettings: [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]
        ),
        // LLM providers behind one protocol: OpenAI-compatible, Anthropic (HTTP streaming, SSE) and scripted replies.
        .target(
            name: "PlaybooksLLM",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "playbooks",
            dependencies: [
                "PlaybooksLanguage", "PlaybooksDurability", "PlaybooksRuntime", "PlaybooksLLM", "PlaybooksPostgres",
                "PlaybooksStores", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmarks behind Benchmarks/ (snapshot, stream, durability, workers): an executable of its own,
        // not a command of the product's `playbooks`.
        .executableTarget(
            name: "playbooks-bench",
            dependencies: [
                "PlaybooksLanguage", "PlaybooksDurability", "PlaybooksRuntime", "PlaybooksPostgres", "PlaybooksStores",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Micro-benchmarks on ordo-one/benchmark: `swift package benchmark` (see Benchmarks/README.md).
        .executableTarget(
            name: "SnapshotBenchmarks",
            dependencies: ["PlaybooksLanguage", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/SnapshotBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .testTarget(
            name: "PlaybooksLanguageTests",
            dependencies: [
                "PlaybooksLanguage", "PlaybooksTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Oracles"],
            resources: [.copy("Conformance")]
        ),
        // What the test targets share: the PostgreSQL server the tests use, the seeded generator.
        .target(
            name: "PlaybooksTestSupport",
            dependencies: ["PlaybooksLanguage", "PlaybooksDurability", "PlaybooksPostgres"],
            path: "Tests/PlaybooksTestSupport"
        ),
        .testTarget(
            name: "PlaybooksDurabilityTests",
            dependencies: ["PlaybooksChecksum", "PlaybooksDurability", "PlaybooksPostgres", "PlaybooksStores", "PlaybooksTestSupport"]
        ),
        .testTarget(
            name: "PlaybooksLLMTests",
            dependencies: [
                "PlaybooksLLM", "PlaybooksTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PlaybooksRuntimeTests",
            dependencies: [
                "PlaybooksRuntime", "PlaybooksDurability", "PlaybooksLanguage", "PlaybooksLLM", "PlaybooksPostgres",
                "PlaybooksTestSupport",
            ],
            exclude: ["ContentModel"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
