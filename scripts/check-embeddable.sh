#!/usr/bin/env bash
# Checks that another package can depend on Playbooks' library products by version: clones this
# repository into a temporary folder, tags it 0.1.0, and builds and runs a small package that
# depends on it with `.package(url: "file://...", from: "0.1.0")` (SwiftPM refuses such a
# dependency when a product carries unsafe build flags). Takes a clean build of the dependencies:
# about 10-15 minutes on 2 cores. Not part of CI.
#
#   scripts/check-embeddable.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
rm -rf "$work/playbooks" "$work/embed"
git clone -q "$root" "$work/playbooks"
git -C "$work/playbooks" tag 0.1.0
mkdir -p "$work/embed/Sources/Embed"
cat >"$work/embed/Package.swift" <<PACKAGE
// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Embed",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "file://$work/playbooks", from: "0.1.0")],
    targets: [
        .executableTarget(
            name: "Embed",
            dependencies: [
                .product(name: "PlaybooksRuntime", package: "playbooks"),
                .product(name: "PlaybooksDurability", package: "playbooks"),
            ])
    ]
)
PACKAGE
cat >"$work/embed/Sources/Embed/main.swift" <<'SWIFT'
import PlaybooksDurability
import PlaybooksRuntime

let source = """
    @playbook
    async def Main():
        await Say("user", "Hello from a package that depends on Playbooks by version")
        return 42
    """
let program = ExecutionProgram(path: "inline.py", text: source, agent: "Agent", pythonSource: source, entry: "Main")
let execution = try await Execution.start(program: program, store: MemoryCheckpointStore())
let printer = Task { for await event in execution.events { if case .said(let m) = event { print(m) } } }
let outcome = try await execution.run()
await execution.close()
await printer.value
print(outcome)
SWIFT
cd "$work/embed"
swift build
swift run Embed
