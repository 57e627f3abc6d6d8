import Foundation
import PlaybooksDurability
import PlaybooksRuntime
import Testing

/// The README's "From Swift" example: compiled here verbatim (between the markers), checked to be
/// the README's text, and run in a temporary directory with the same steps.
@Suite struct ReadmeSwiftExampleTests {
    // The README's example, verbatim. It is compiled, not called: it uses the README's relative paths.
    static func readmeExample() async throws {
        // README: begin
        let program = try ExecutionProgram(program: Program.load(path: "agent.pb"))
        let store = try SQLiteCheckpointStore(path: ".playbooks/state.db", durability: .process)
        let execution = try await Execution.start(program: program, store: store)
        let printer = Task {
            for await event in execution.events {
                if case .said(let message) = event { print(message) }
            }
        }
        let outcome = try await execution.run()  // .finished(result), .failed(traceback:) or .waitingForMessage(source:)
        await execution.close()  // ends `events` and lets other holders resume it
        await printer.value
        if case .finished(let result) = outcome { print(result.repr, result.value ?? "not plain data") }

        // After a crash, in a new process: continue at the await where it stopped.
        let coordinator = RecoveryCoordinator(store: store, program: program)
        if try await coordinator.canRecover(execution.id) {
            _ = try await coordinator.resume(execution.id, messages: ["yes"]).run()
        }
        let manager = CheckpointManager(executionID: execution.id, store: store, program: program)
        let latest = try await manager.latest()  // statement, call, result, state (variables, call stack, transcript)
        // README: end
        _ = latest
    }

    /// The Swift block of README.md that follows "From Swift", without the imports.
    static func readmeBlock() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let from = readme.range(of: "From Swift"),
            let open = readme.range(of: "```swift\n", range: from.upperBound..<readme.endIndex),
            let close = readme.range(of: "```\n", range: open.upperBound..<readme.endIndex)
        else { return [] }
        return readme[open.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.hasPrefix("import ") }.drop(while: \.isEmpty).map { $0 }
    }

    /// The lines between this file's markers, de-indented.
    static func compiledBlock() throws -> [String] {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let begin = lines.firstIndex(where: { $0.hasSuffix("// README: begin") }),
            let end = lines.firstIndex(where: { $0.hasSuffix("// README: end") })
        else { return [] }
        return lines[(begin + 1)..<end].map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : $0 }
    }

    @Test func theReadmeExampleIsTheCompiledOne() throws {
        let readme = try Self.readmeBlock()
        #expect(readme.count > 10)
        #expect(readme == (try Self.compiledBlock()) + [""])
    }

    @Test func theExampleRunsAndItsEventsArriveAsASequence() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("agent.pb").path
        try """
        # Greeter

        ```python
        @playbook
        async def Main():
            await Say("user", "Hello!")
            name = await WaitForMessage("user")
            await Say("user", f"Hi {name}")
            return {"name": name}
        ```
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let program = try ExecutionProgram(program: Program.load(path: path))
        let store = try SQLiteCheckpointStore(path: directory.appendingPathComponent("state.db").path, durability: .process)
        let execution = try await Execution.start(program: program, store: store)
        let said = Task {
            var texts: [String] = []
            for await event in execution.events { if case .said(let m) = event { texts.append(m.text) } }
            return texts
        }
        #expect(try await execution.run() == .waitingForMessage(source: "user"))
        await execution.close()
        #expect(await said.value == ["Hello!"])

        // The lock went with close(): the same process resumes it with a new handle.
        let coordinator = RecoveryCoordinator(store: store, program: program)
        #expect(try await coordinator.canRecover(execution.id))
        let again = try await Execution.resume(
            id: execution.id, program: program, store: store, options: RunnerOptions(messages: ["Ada"]))
        let outcome = try await again.run()
        #expect(outcome == .finished(ExecutionResult(value: .dict([.init(.str("name"), .str("Ada"))]), repr: "{'name': 'Ada'}")))
        #expect(await again.state.transcript.map(\.text) == ["Hello!", "Hi Ada"])
        let latest = try await CheckpointManager(executionID: execution.id, store: store, program: program).latest()
        #expect(latest?.state?.transcript.count == 2)
    }
}
