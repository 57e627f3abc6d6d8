import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// The seed scenario as the seed draws it — a Markdown `Main` run by a (scripted, streaming) LLM
/// over three calls, plus one that returns — crashed at every checkpoint, including in the middle
/// of LLM responses, and resumed.
@Suite struct LLMCrashSweepTests {
    static func examplePath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/seed_llm/\(name)").path
    }

    static func program() throws -> ExecutionProgram {
        try ExecutionProgram(program: Program.load(path: examplePath("seed_llm.pb")))
    }

    static func provider(chunkSize: Int) throws -> ScriptedProvider {
        try ScriptedProvider(scriptPath: examplePath("replies.txt"), chunkSize: chunkSize)
    }

    @Test func seedScenarioRunsWithTheScriptedLLM() async throws {
        let store = MemoryCheckpointStore()
        let llm = try Self.provider(chunkSize: 5)
        let runner = try await ExecutionRunner.start(
            program: try Self.program(), store: store, options: RunnerOptions(llm: llm).with(failpoints: Failpoints()))
        var said: [String] = []
        runner.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
        #expect(
            try await runner.run()
                == .finished(
                    ExecutionResult(
                        value: .dict([PortableEntry(.str("rows"), .int(3)), PortableEntry(.str("total"), .float(35.0))]),
                        repr: "{'rows': 3, 'total': 35.0}")))
        #expect(said.count == 4 && said[0] == "Hello!" && said[1] == "Result: 42")
        #expect(llm.requestedCallIndices == [0, 1, 2, 3])
        let state = runner.state
        #expect(state.namespace.map(\.name).starts(with: ["x", "data", "y"]))
        // The checkpoint at FetchData's await inside LLM call #3 carries the response and the executed part.
        let manager = CheckpointManager(executionID: runner.id, store: store, program: try Self.program())
        let all = try await manager.list()
        let fetch = try #require(all.first { $0.call == "Step" && $0.arguments == ["'FetchData:01:EXE'"] })
        let checkpoint = try #require(try await manager.get(fetch.counter))
        #expect(checkpoint.state?.callStackSummary == ["Main:03:ACT", "FetchData:01:EXE"])
        #expect(checkpoint.llmResponse == "await Step(\"Main:03:ACT\")\ndata = await FetchData()\n")
        #expect(checkpoint.executedCode == "await Step(\"Main:03:ACT\")\n")
    }

    @Test(arguments: [3, 64])
    func crashAtEveryCheckpointAndResume(chunkSize: Int) async throws {
        let program = try Self.program()
        let reference = MemoryCheckpointStore()
        let first = try await ExecutionRunner.start(
            program: program, store: reference,
            options: RunnerOptions(llm: try Self.provider(chunkSize: chunkSize)).with(failpoints: Failpoints()))
        var expectedSaid: [String] = []
        first.onEvent = { if case .said(let m) = $0 { expectedSaid.append(m.text) } }
        let expectedOutcome = try await first.run()
        let expectedState = first.state
        let records = try await reference.lastSequence(first.id)
        let checkpoints = try await CheckpointManager(executionID: first.id, store: reference, program: program).list()
        #expect(records > 20)
        var sawNoRepeat = false
        for n in 1...records {
            for point in [Failpoints.Point.crashBeforeCheckpoint, .crashAfterCheckpoint] {
                let store = MemoryCheckpointStore()
                let llm = try Self.provider(chunkSize: chunkSize)
                var said: [String] = []
                let crashing = try await ExecutionRunner.start(
                    program: program, store: store, options: RunnerOptions(llm: llm).with(failpoints: Failpoints(entries: [point: [n]])))
                crashing.simulatesCrashes = true
                crashing.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
                await #expect(throws: ExecutionError.self) { _ = try await crashing.run() }
                crashing.close()
                let resumed = try await ExecutionRunner.resume(
                    id: crashing.id, program: program, store: store, options: RunnerOptions(llm: llm).with(failpoints: Failpoints()))
                resumed.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
                let label = "\(point.rawValue):\(n) chunk \(chunkSize)"
                #expect(try await resumed.run() == expectedOutcome, "\(label)")
                // The LLM usage differs when a reply was asked again (LLMUsageTests checks it); the rest is identical.
                var state = resumed.state
                state.llmUsage = expectedState.llmUsage
                #expect(state == expectedState, "\(label)")
                #expect(resumed.state.llmUsage?.calls == expectedState.llmUsage?.calls, "\(label)")
                #expect(Set(said).count == said.count && said.allSatisfy(expectedSaid.contains), "\(label): \(said)")
                // Each reply is requested once, except the one whose response was streaming at the crash.
                let requests = llm.requestedCallIndices
                #expect(Set(requests) == [0, 1, 2, 3], "\(label): \(requests)")
                #expect(requests.count <= 5, "\(label): \(requests)")
                // A crash right after a response was fully handled never asks for it again.
                if point == .crashAfterCheckpoint, checkpoints[n - 1].call == "__PBNext__",
                    checkpoints[n - 1].result == "None" || checkpoints[n - 1].result.hasPrefix("{'usage'")
                {
                    #expect(requests == [0, 1, 2, 3], "\(label): \(requests)")
                    sawNoRepeat = true
                }
            }
        }
        #expect(sawNoRepeat)
    }

    @Test func forkFromACheckpointLeavesTheOriginalUntouched() async throws {
        let program = try Self.program()
        let store = MemoryCheckpointStore()
        let original = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions(llm: try Self.provider(chunkSize: 4)).with(failpoints: Failpoints()))
        let outcome = try await original.run()
        original.close()
        let records = try await store.lastSequence(original.id)
        let before = try await store.readJournal(original.id, from: 1).records
        for n in [1, 9, records / 2, records - 1] {
            let copy = try await ExecutionRunner.fork(original.id, from: n, store: store)
            let llm = try Self.provider(chunkSize: 4)
            let runner = try await ExecutionRunner.resume(
                id: copy, program: program, store: store, options: RunnerOptions(llm: llm).with(failpoints: Failpoints()))
            #expect(try await runner.run() == outcome, "fork at \(n)")
            #expect(runner.state.transcript == original.state.transcript, "fork at \(n)")
            #expect(try await store.loadExecution(copy)?.attributes["forked_from"] == "\(original.id)@\(n)")
        }
        #expect(try await store.readJournal(original.id, from: 1).records == before)
        #expect(try await store.loadExecution(original.id)?.status == .finished)
        await #expect(throws: ExecutionError.self) { _ = try await ExecutionRunner.fork(original.id, from: records + 1, store: store) }
    }
}
