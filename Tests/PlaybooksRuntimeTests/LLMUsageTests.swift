import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// LLM usage counted from the providers' reports, journaled with the execution (exactly once across crashes), and
/// budgets that stop an execution.
@Suite struct LLMUsageTests {
    /// A scripted provider that remembers the usage it reported for each request.
    final class Counting: LLMProvider, @unchecked Sendable {
        let inner: ScriptedProvider
        let name = "scripted"
        private let lock = NSLock()
        private var reported: [LLMUsage] = []
        init(_ inner: ScriptedProvider) { self.inner = inner }

        var usages: [LLMUsage] {
            lock.lock()
            defer { lock.unlock() }
            return reported
        }

        func stream(_ request: LLMRequest) -> AsyncThrowingStream<String, any Error> { textOnly(events(request)) }

        func events(_ request: LLMRequest) -> AsyncThrowingStream<LLMStreamEvent, any Error> {
            let upstream = inner.events(request)
            return AsyncThrowingStream { continuation in
                let task = Task {
                    do {
                        for try await event in upstream {
                            if case .usage(let usage) = event { self.record(usage) }
                            continuation.yield(event)
                        }
                        continuation.finish()
                    } catch { continuation.finish(throwing: error) }
                }
                continuation.onTermination = { _ in task.cancel() }
            }
        }

        private func record(_ usage: LLMUsage) {
            lock.lock()
            reported.append(usage)
            lock.unlock()
        }
    }

    static func provider(chunkSize: Int = 5) throws -> Counting {
        Counting(try LLMCrashSweepTests.provider(chunkSize: chunkSize))
    }

    @Test func totalsAfterARunEqualTheSumOfTheReportedUsage() async throws {
        let llm = try Self.provider()
        var options = RunnerOptions(llm: llm, llmModel: "scripted").with(failpoints: Failpoints())
        options.llmPrice = LLMPrice(inputPerMillion: 3, outputPerMillion: 15)
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(program: try LLMCrashSweepTests.program(), store: store, options: options)
        _ = try await runner.run()
        let totals = try #require(runner.state.llmUsage)
        let sum = llm.usages.reduce(LLMUsage.zero, +)
        #expect(llm.usages.count == 4)
        #expect(sum.inputTokens > 0 && sum.outputTokens > 0)
        #expect(totals.calls == 4)
        #expect(totals.reportedRequests == 4)
        #expect(totals.usage == sum)
        let cost = try #require(totals.cost)
        #expect(abs(cost - (Double(sum.inputTokens) * 3 + Double(sum.outputTokens) * 15) / 1e6) < 1e-12)
        #expect(totals.summary.contains("4 calls, \(sum.inputTokens) input tokens"))

        // Replaying the whole journal (no snapshot) counts the same.
        let inspected = try await ExecutionRunner.inspect(id: runner.id, program: try LLMCrashSweepTests.program(), store: store)
        #expect(inspected.state.llmUsage == totals)
    }

    /// The usage a journal's records carry, by sequence number.
    static func carriers(_ store: MemoryCheckpointStore, _ id: ExecutionID) async throws -> [Int: LLMUsage] {
        var out: [Int: LLMUsage] = [:]
        for (index, raw) in try await store.readJournal(id, from: 1).records.enumerated() {
            let record = try AwaitRecord(record: raw)
            if case .value(let value) = record.outcome, let reported = LLMUsageTotals.reported(by: value) {
                out[index + 1] = reported.usage
            }
        }
        return out
    }

    /// Crashes at every record, before and after it is durable. The totals are always exactly what the journal
    /// carries (nothing counted twice); a crash at a record that carries a reply's usage — the reply had ended, its
    /// usage was about to be journaled or just was — still counts every call once: before, the reply is asked again
    /// (a continuation) and that request's usage counts; after, the record's usage counts and nothing is asked again.
    @Test(arguments: [3, 64])
    func crashSweepCountsUsageOnce(chunkSize: Int) async throws {
        let program = try LLMCrashSweepTests.program()
        let referenceStore = MemoryCheckpointStore()
        let first = try await ExecutionRunner.start(
            program: program, store: referenceStore,
            options: RunnerOptions(llm: try Self.provider(chunkSize: chunkSize)).with(failpoints: Failpoints()))
        _ = try await first.run()
        let reference = try #require(first.state.llmUsage)
        let records = try await referenceStore.lastSequence(first.id)
        let usageRecords = try await Self.carriers(referenceStore, first.id)
        #expect(usageRecords.count == 4)
        #expect(reference.reportedRequests == 4)
        var crashesAtUsageRecords = 0
        for n in 1...records {
            for point in [Failpoints.Point.crashBeforeCheckpoint, .crashAfterCheckpoint] {
                let store = MemoryCheckpointStore()
                let llm = try Self.provider(chunkSize: chunkSize)
                let crashing = try await ExecutionRunner.start(
                    program: program, store: store, options: RunnerOptions(llm: llm).with(failpoints: Failpoints(entries: [point: [n]])))
                crashing.simulatesCrashes = true
                await #expect(throws: ExecutionError.self) { _ = try await crashing.run() }
                crashing.close()
                let resumed = try await ExecutionRunner.resume(
                    id: crashing.id, program: program, store: store, options: RunnerOptions(llm: llm).with(failpoints: Failpoints()))
                _ = try await resumed.run()
                let label = "\(point.rawValue):\(n) chunk \(chunkSize)"
                let totals = try #require(resumed.state.llmUsage, "\(label)")
                let carried = try await Self.carriers(store, crashing.id)
                #expect(totals.usage == carried.values.reduce(.zero, +), "\(label)")
                #expect(totals.reportedRequests == carried.count, "\(label)")
                #expect(totals.calls == reference.calls, "\(label)")
                // Never twice: the scripted replies' output is the same whenever a reply is asked for.
                #expect(totals.usage.outputTokens <= reference.usage.outputTokens, "\(label)")
                #expect(totals.reportedRequests <= reference.reportedRequests, "\(label)")
                if usageRecords[n] != nil {
                    crashesAtUsageRecords += 1
                    #expect(totals.reportedRequests == reference.reportedRequests, "\(label)")
                    #expect(totals.usage.outputTokens == reference.usage.outputTokens, "\(label)")
                    if point == .crashAfterCheckpoint {
                        #expect(totals.usage == reference.usage, "\(label)")
                        #expect(llm.usages.count == 4, "\(label): asked again")
                    } else {
                        #expect(llm.usages.count == 5, "\(label): the cut reply was not asked again")
                    }
                }
            }
        }
        #expect(crashesAtUsageRecords == 8)
    }

    @Test func aBudgetStopsTheExecutionWithTheFigures() async throws {
        var options = RunnerOptions(llm: try Self.provider()).with(failpoints: Failpoints())
        options.llmBudget = LLMBudget(maxCalls: 2)
        let runner = try await ExecutionRunner.start(
            program: try LLMCrashSweepTests.program(), store: MemoryCheckpointStore(), options: options)
        let outcome = try await runner.run()
        guard case .failed(let error) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(!"\(error)".contains("Traceback") || "\(error)".contains("RuntimeError"))
        #expect("\(error)".contains("LLM budget exceeded: max_calls = 2"))
        #expect(runner.state.llmUsage?.calls == 2)
    }

    @Test func tokenAndCostBudgets() async throws {
        for (budget, expected) in [
            (LLMBudget(maxInputTokens: 1), "max_input_tokens = 1, "), (LLMBudget(maxOutputTokens: 1), "max_output_tokens = 1, "),
            (LLMBudget(maxCost: 0.000001), "max_cost = 0.0000, "),
        ] {
            var options = RunnerOptions(llm: try Self.provider()).with(failpoints: Failpoints())
            options.llmBudget = budget
            options.llmPrice = LLMPrice(inputPerMillion: 3, outputPerMillion: 15)
            let runner = try await ExecutionRunner.start(
                program: try LLMCrashSweepTests.program(), store: MemoryCheckpointStore(), options: options)
            let outcome = try await runner.run()
            guard case .failed(let error) = outcome else {
                Issue.record("\(budget): expected a failure, got \(outcome)")
                continue
            }
            #expect("\(error)".contains(expected), "\(error)")
            // One call was made; the second was refused before any request.
            #expect(runner.state.llmUsage?.calls == 1, "\(budget)")
        }
    }

    /// A budget reached in a nested Markdown playbook fails the execution: the error is not sent back to the caller's
    /// model (whose next call would be one more refused start).
    @Test func aBudgetReachedInANestedPlaybookIsNotRetriedByTheModel() async throws {
        let program = try ExecutionProgram(program: Program(parsing: AgentLoopTests.program, path: "helper.pb"))
        let llm = AgentLoopTests.RecordingLLM([
            "await Step(\"Main:02:EXE\")\nreply = await Greeter(\"Ada\")\nawait Return(reply)\n",
            "await Say(\"user\", \"Hello, Ada\")\nawait Return(\"greeted\")\n",
        ])
        var options = RunnerOptions(llm: llm).with(failpoints: Failpoints())
        options.llmBudget = LLMBudget(maxCalls: 1)
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(program: program, store: store, options: options)
        guard case .failed(let traceback) = try await runner.run() else {
            Issue.record("expected a failure")
            return
        }
        #expect(traceback.contains("RuntimeError: LLM budget exceeded: max_calls = 1 LLM calls reached"))
        #expect(llm.requests.withLock { $0.count } == 1)
        let starts = try await store.readJournal(runner.id, from: 1).records.map { try AwaitRecord(record: $0) }
            .filter { $0.call == "__PBStart__" }
        #expect(starts.count == 2, "Main's start, then Greeter's refused one; no second start for Main")
        // A provider without usage reports (text-only `stream`) still counts calls.
        #expect(runner.state.llmUsage == LLMUsageTotals(calls: 1))
    }

    @Test func maxCostWithoutAPriceIsRefused() {
        let refusal = LLMBudget(maxCost: 1).refusal(LLMUsageTotals(), price: nil)
        #expect(refusal?.contains("no price is configured") == true)
        #expect(LLMBudget(maxCalls: 3).refusal(LLMUsageTotals(calls: 2), price: nil) == nil)
        #expect(LLMBudget.money(0.5) == "0.5000")
        #expect(LLMBudget.money(12.00034) == "12.0003")
    }
}
