import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// Await records refer to their statement instead of repeating its text: an await in a loop of an
/// LLM response names the record that delivered the statement; an await of a Python playbook
/// names its line of the program. Checkpoints still show the text. Records of format 1 still read.
@Suite struct StatementReferenceTests {
    static let program = """
        # Looper

        ## Main
        ### Steps
        - Count to twenty out loud

        ```python
        @playbook
        async def Twice(n):
            await Say("user", f"twice {n}")
            return n * 2
        ```
        """

    static let reply = """
        ```python
        await Step("Main:01:ACT")
        for i in range(20):
            await Say("user", f"This is line number {i} of a loop whose text would be journaled at every iteration")
        x = await Twice(3)
        await Return(x)
        ```
        """

    /// The record in format 1, which held the statement's text (kept to check old journals still read).
    static func formatOne(_ r: AwaitRecord, statement: String) -> [UInt8] {
        var out: [UInt8] = [1]
        PortableValue.str(r.call).encode(into: &out)
        PortableValue.list(r.arguments).encode(into: &out)
        PortableValue.dict(r.keywordArguments.map { PortableEntry(.str($0.name), $0.value) }).encode(into: &out)
        switch r.outcome {
        case .value(let v):
            out.append(0)
            v.encode(into: &out)
        case .error(let type, let message):
            out.append(1)
            PortableValue.str(type).encode(into: &out)
            PortableValue.str(message).encode(into: &out)
        }
        PortableValue.int(r.line).encode(into: &out)
        PortableValue.str(statement).encode(into: &out)
        PortableValue.float(r.timestamp).encode(into: &out)
        return out
    }

    @Test func awaitsReferToTheirStatementAndCheckpointsShowIt() async throws {
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "looper.pb"))
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(
            program: program, store: store,
            options: RunnerOptions(llm: ScriptedProvider(script: ReplyScript(replies: [Self.reply]))).with(failpoints: Failpoints()))
        #expect(try await runner.run() == .finished(ExecutionResult(value: .int(6), repr: "6")))

        let records = try await store.readJournal(runner.id, from: 1).records
        let decoded = try records.map { try AwaitRecord(record: $0) }
        let says = decoded.filter { $0.call == "Say" && $0.line == 4 }  // line 4 of the reply
        #expect(says.count == 20)
        guard case .response(let delivering)? = says.first?.statement else {
            Issue.record("expected a reference to the delivering record, got \(String(describing: says.first?.statement))")
            return
        }
        #expect(says.allSatisfy { $0.statement == .response(record: delivering) })
        #expect(decoded[delivering - 1].deliveredStatement?.hasPrefix("for i in range(20):") == true)
        let twice = try #require(decoded.first { $0.call == "Say" && $0.line != 4 })
        #expect(twice.statement == .programLine)

        let manager = CheckpointManager(executionID: runner.id, store: store, program: program)
        let listed = try await manager.list()
        let loopCheckpoint = try #require(listed.first { $0.call == "Say" && $0.line == 4 })
        #expect(loopCheckpoint.statement.hasPrefix("for i in range(20):"))
        #expect(loopCheckpoint.statement.contains("await Say(\"user\""))
        let shown = try await manager.get(loopCheckpoint.counter)
        #expect(shown?.statement == loopCheckpoint.statement)
        #expect(listed.first { $0.call == "Say" && $0.line != 4 }?.statement == "await Say(\"user\", f\"twice {n}\")")

        // Bytes: what format 1 wrote (the statement's text in every record) against this format.
        var before = 0
        var after = 0
        var delivered: [Int: String] = [:]
        for (record, r) in zip(records, decoded) {
            if let text = r.deliveredStatement { delivered[record.sequence] = text }
            after += record.payload.count
            before += Self.formatOne(r, statement: manager.statementText(r, delivered: { delivered[$0] })).count
        }
        print("journal payload bytes for 20 awaits in one loop statement: format 1 \(before), format 2 \(after)")
        #expect(after * 10 < before * 6, "format 1: \(before) bytes, format 2: \(after)")  // measured: 5,562 -> 2,926
    }

    @Test func recordsOfFormatOneStillRead() throws {
        let record = AwaitRecord(
            kind: .completed, call: "Say", arguments: [.str("user"), .str("hi")], keywordArguments: [], outcome: .value(.none),
            line: 7, statement: .text("await Say(\"user\", \"hi\")"), timestamp: 12.5)
        let old = Self.formatOne(record, statement: "await Say(\"user\", \"hi\")")
        let decoded = try AwaitRecord(record: JournalRecord(sequence: 1, kind: 1, payload: old))
        #expect(decoded == record)
        let current = try AwaitRecord(record: JournalRecord(sequence: 1, kind: 1, payload: record.encoded()))
        #expect(current == record)
    }
}
