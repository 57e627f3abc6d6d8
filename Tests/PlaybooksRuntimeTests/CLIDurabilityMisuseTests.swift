import Foundation
import Testing

/// Misuse and damage: each gets a clear error naming the execution, exit status 4, and nothing is lost.
@Suite("CLIDurability: misuse and damage")
struct CLIDurabilityMisuseTests {
    @Test(arguments: CLIStore.allCases)
    func resumingAFinishedExecution(store: CLIStore) throws {
        let directory = try CLI.temporaryDirectory("misuse")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try CLIProgram.seedExample.write(into: directory)
        let s = store.argument(in: directory)
        let run = try CLI.run(["run", path, "--store", s, "--id", "done-1"], in: directory)
        try #require(run.status == 0, "\(run)")
        let before = try CLI.run(["executions", "show", "done-1", "--store", s, "--transcript"], in: directory)

        let again = try CLI.run(["resume", "done-1", "--store", s], in: directory)
        #expect(again.status == 4 && again.exited, "\(again)")
        #expect(again.stderr.contains("done-1"), "\(again.stderr)")
        #expect(again.stderr.contains("finished"), "\(again.stderr)")
        #expect(again.stdout.isEmpty, "a finished execution said something again: \(again.stdout)")
        let after = try CLI.run(["executions", "show", "done-1", "--store", s, "--transcript"], in: directory)
        #expect(after.stdout == before.stdout)

        let missing = try CLI.run(["resume", "no-such-run", "--store", s], in: directory)
        #expect(missing.status == 4, "\(missing)")
        #expect(missing.stderr.contains("no-such-run"), "\(missing.stderr)")
    }

    @Test(arguments: CLIStore.allCases)
    func programChangedAfterACrash(store: CLIStore) throws {
        let directory = try CLI.temporaryDirectory("misuse")
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = CLIProgram.seedExample
        let path = try program.write(into: directory)
        let s = store.argument(in: directory)
        let base = try CLI.run(["run", path, "--store", s, "--id", "base"], in: directory)
        try #require(base.status == 0, "\(base)")
        let expected = try FinishedExecution.read("base", store: s, in: directory, stdout: base.lines)

        let crashed = try CLI.run(
            ["run", path, "--store", s, "--id", "edit-1"], in: directory,
            environment: ["PLAYBOOKS_FAILPOINT": "crash-after-checkpoint:5"])
        try #require(crashed.killedBySIGKILL, "\(crashed)")

        // One more statement in a playbook.
        let edited = program.text.replacingOccurrences(
            of: "    await Step(\"SomePlaybook:01:EXE\")\n",
            with: "    await Step(\"SomePlaybook:01:EXE\")\n    await Say(\"user\", \"new\")\n")
        try #require(edited != program.text)
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["resume", "edit-1", "--store", s], in: directory)
        #expect(refused.status == 4 && refused.exited, "\(refused)")
        #expect(refused.stderr.contains("changed"), "\(refused.stderr)")
        #expect(refused.stderr.contains("execution edit-1"), "the message does not name the execution: \(refused.stderr)")
        #expect(refused.stdout.isEmpty)

        // Nothing was lost: with the original program back, the execution finishes as the uninterrupted one.
        try program.text.write(toFile: path, atomically: true, encoding: .utf8)
        let resumed = try CLI.run(["resume", "edit-1", "--store", s], in: directory)
        #expect(resumed.status == 0, "\(resumed)")
        let actual = try FinishedExecution.read("edit-1", store: s, in: directory, stdout: [])
        #expect(actual.transcript == expected.transcript)
        #expect(actual.state == expected.state)
    }

    /// A program that runs (practically) for ever, an await per iteration.
    static let endless = CLIProgram.python(
        "endless",
        """
        @playbook
        async def Main():
            i = 0
            while True:
                i += 1
                await Step(f"Main:01.{i}:EXE")
        """)

    @Test(arguments: CLIStore.allCases)
    func twoProcessesOnOneExecution(store: CLIStore) throws {
        let directory = try CLI.temporaryDirectory("misuse")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.endless.write(into: directory)
        let s = store.argument(in: directory)

        let holder = try Child(["run", path, "--store", s, "--id", "busy"], in: directory)
        defer { holder.kill() }
        // Announced once the execution exists and is locked by the holder.
        try #require(holder.waitForStderr(containing: "execution busy (store"), "\(holder.stderrSoFar)")

        let second = try CLI.run(["resume", "busy", "--store", s], in: directory)
        #expect(second.status == 4 && second.exited, "\(second)")
        #expect(second.stderr.contains("busy"), "\(second.stderr)")
        #expect(second.stderr.contains("in use"), "\(second.stderr)")

        holder.kill()
        let killed = holder.wait()
        #expect(killed.killedBySIGKILL, "the holder ended before it was killed: \(killed)")

        // A holder that dies releases the execution: a resume takes it and continues from the journal.
        let next = try Child(["resume", "busy", "--store", s], in: directory)
        defer { next.kill() }
        #expect(next.waitForStderr(containing: "resumed busy at record"), "\(next.stderrSoFar)")
        next.kill()
        let outcome = next.wait()
        #expect(outcome.killedBySIGKILL, "\(outcome)")
        let resumedLine = outcome.stderr.split(separator: "\n").first { $0.contains("resumed busy at record") }
        let record = resumedLine.flatMap { line in
            line.split(separator: " ").drop { $0 != "record" }.dropFirst().first.flatMap { Int($0) }
        }
        #expect((record ?? 0) >= 1, "the resume found no records: \(outcome.stderr)")
    }

    /// Damage in the middle of a files-store journal: refused, named, and nothing deleted.
    @Test func journalDamagedInTheMiddle() throws {
        let directory = try CLI.temporaryDirectory("misuse")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try CLIProgram.seedExample.write(into: directory)
        let s = CLIStore.files.argument(in: directory)
        let crashed = try CLI.run(
            ["run", path, "--store", s, "--id", "mid-1"], in: directory,
            environment: ["PLAYBOOKS_FAILPOINT": "crash-after-checkpoint:10"])
        try #require(crashed.killedBySIGKILL, "\(crashed)")

        let executionDirectory = directory.appendingPathComponent("journal/mid-1")
        let journal = executionDirectory.appendingPathComponent("journal")
        var bytes = [UInt8](try Data(contentsOf: journal))
        try #require(bytes.count > 200, "journal of \(bytes.count) bytes")
        bytes[bytes.count / 2] ^= 0x5A
        try Data(bytes).write(to: journal)
        let before = try Self.contents(of: executionDirectory)

        let resumed = try CLI.run(["resume", "mid-1", "--store", s], in: directory)
        #expect(resumed.status == 4 && resumed.exited, "\(resumed)")
        #expect(resumed.stderr.contains("execution mid-1"), "the message does not name the execution: \(resumed.stderr)")
        #expect(resumed.stderr.contains("damaged"), "\(resumed.stderr)")
        #expect(resumed.stdout.isEmpty)
        // Nothing deleted, truncated or rewritten (the lock file may be touched).
        let after = try Self.contents(of: executionDirectory)
        #expect(after.filter { $0.key != "lock" } == before.filter { $0.key != "lock" })

        // And again: still refused, still all there.
        let again = try CLI.run(["resume", "mid-1", "--store", s], in: directory)
        #expect(again.status == 4, "\(again)")
        #expect(try Data(contentsOf: journal) == Data(bytes))
    }

    /// Every file under `directory`, by relative path.
    static func contents(of directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            let full = base + "/" + relative
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
        return files
    }

    @Test func unknownStoreScheme() throws {
        let directory = try CLI.temporaryDirectory("misuse")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try CLIProgram.seedExample.write(into: directory)
        for arguments in [
            ["run", path, "--store", "mongodb://localhost/db"], ["resume", "some-id", "--store", "mongodb://localhost/db"],
            ["executions", "list", "--store", "redis:x"], ["checkpoints", "list", "some-id", "--store", "redis:x"],
        ] {
            let outcome = try CLI.run(arguments, in: directory)
            #expect(outcome.exited && outcome.status != 0 && outcome.status != 3, "\(arguments): \(outcome)")
            #expect(outcome.stderr.contains("expected sqlite:PATH"), "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("files:DIR"), "\(arguments): \(outcome.stderr)")
            #expect(
                outcome.stderr.contains(arguments[arguments.count - 1].prefix(5)),
                "the message does not name the location: \(outcome.stderr)")
            #expect(outcome.stdout.isEmpty, "\(arguments): \(outcome.stdout)")
        }
        // Nothing was created for the bad location.
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(entries == ["playbooks.toml", "program.pb"])
    }
}
