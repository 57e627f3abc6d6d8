import Foundation
import Testing

@testable import PlaybooksRuntime

/// The `.pb` programs of the original Playbooks project (github.com/playbooks-ai/playbooks), which
/// are not part of this repository: runs only when `PLAYBOOKS_ORIGINAL` names a checkout of it (or a
/// bare git mirror). `scripts/check-original-examples.sh` does the same through the CLI.
struct OriginalExamplesTests {
    static let original = ProcessInfo.processInfo.environment["PLAYBOOKS_ORIGINAL"]

    @Test(.enabled(if: original != nil, "PLAYBOOKS_ORIGINAL names a checkout of playbooks-ai/playbooks"))
    func atLeast65Of72Load() throws {
        let source = try #require(Self.original)
        var tree = source
        var exported: String? = nil
        if !FileManager.default.fileExists(atPath: source + "/examples") {
            // A bare mirror: export examples/ and tests/data/ first.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pb-original-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "git --git-dir=\"$0\" archive HEAD examples tests/data | tar -x -C \"$1\"", source, directory]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            tree = directory
            exported = directory
        }
        defer { if let exported { try? FileManager.default.removeItem(atPath: exported) } }

        var files: [String] = []
        for folder in ["examples", "tests/data"] {
            let enumerator = FileManager.default.enumerator(atPath: tree + "/" + folder)
            while let item = enumerator?.nextObject() as? String {
                if item.hasSuffix(".pb") { files.append(folder + "/" + item) }
            }
        }
        files.sort()
        var failures: [String] = []
        for file in files {
            do throws(ProgramError) {
                let program = try Program.load(path: tree + "/" + file)
                _ = ProgramCheck(program: program).text
            } catch {
                // Every failure names the line and says what is wrong.
                #expect(error.line != nil, "\(file): \(error)")
                failures.append("\(file): \(error.message)")
            }
        }
        #expect(files.count == 72, "\(files.count) programs found")
        #expect(files.count - failures.count >= 65, "\(failures.joined(separator: "\n"))")
        print("\(files.count - failures.count) of \(files.count) original programs load; failures:\n" + failures.joined(separator: "\n"))
    }
}
