import PlaybooksDurability
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

@Suite struct ExecutionRunnerTests {
    static func program(_ source: String, name: String = "test") -> ExecutionProgram {
        ExecutionProgram(path: "\(name).py", text: source, agent: "Agent", pythonSource: source, entry: "Main")
    }

    @Test func seedScenarioRunsToTheEnd() async throws {
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(program: Self.program(SweepPrograms.seed), store: store)
        var said: [String] = []
        runner.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
        let outcome = try await runner.run()
        let artifact = "[{'id': 1, 'amount': 10}, {'id': 2, 'amount': 20}, {'id': 3, 'amount': 30}]"
        #expect(
            outcome
                == .finished(
                    ExecutionResult(
                        value: .dict([PortableEntry(.str("total"), .int(60)), PortableEntry(.str("artifact"), .str(artifact))]),
                        repr: "{'total': 60, 'artifact': \"\(artifact)\"}")))
        #expect(
            said == [
                "Hello!", "Result: 42", "Got data: [{'id': 1, 'amount': 10}, {'id': 2, 'amount': 20}, {'id': 3, 'amount': 30}]",
                "Summing 3 rows",
                "Processed: {'total': 60, 'artifact': \"[{'id': 1, 'amount': 10}, {'id': 2, 'amount': 20}, {'id': 3, 'amount': 30}]\"}",
            ])
        let state = runner.state
        #expect(state.transcript.map(\.text) == said)
        #expect(state.variables.map(\.name) == ["x", "data"])
        #expect(try await store.loadExecution(runner.id)?.status == .finished)
        #expect(try await store.lastSequence(runner.id) == 13)
    }
}
