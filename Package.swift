// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Playbooks",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PlaybooksLanguage", targets: ["PlaybooksLanguage"]),
        .executable(name: "playbooks", targets: ["playbooks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
    ],
    targets: [
        .target(
            name: "PlaybooksLanguage",
            dependencies: [.product(name: "BigInt", package: "BigInt")],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        .executableTarget(
            name: "playbooks",
            dependencies: [
                "PlaybooksLanguage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PlaybooksLanguageTests",
            dependencies: ["PlaybooksLanguage"],
            resources: [.copy("Conformance")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
