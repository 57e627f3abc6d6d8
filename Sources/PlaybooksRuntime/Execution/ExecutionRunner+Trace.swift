import PlaybooksDurability
import PlaybooksLanguage

/// The LLM trace of an execution, derived from its journal.
extension ExecutionRunner {
    /// What the model of execution `id` was asked and what its replies did (see ``LLMTrace``):
    /// the journal is replayed from its first record without performing or writing anything, and
    /// each request is rebuilt at the record where it was made.
    ///
    /// When old records were pruned (`keep_last_n`), the trace starts at the oldest snapshot
    /// still kept: calls before it are not in the trace.
    public static func trace(
        id: ExecutionID, program: ExecutionProgram, store: any CheckpointStore, limits: Limits = .playbookDefaults
    ) async throws(ExecutionError) -> LLMTrace {
        guard let info = try await ExecutionJournal.wrap({ () async throws(StoreError) in try await store.loadExecution(id) })
        else { throw .store(.executionNotFound(id)) }
        let options = RunnerOptions(limits: limits).with(failpoints: Failpoints())
        let read = try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.readJournal(id, from: 1) }
        // The snapshot before the oldest record kept (the one at record 0 holds the prelude as the
        // execution began, with its settings); without one, the program loaded afresh.
        let first = read.records.first?.sequence ?? 1
        let snapshot = try await ExecutionJournal.wrap { () async throws(StoreError) in
            try await store.latestSnapshot(id, atOrBefore: first - 1)
        }
        if snapshot == nil, first > 1 {
            throw .damaged(id, "the journal starts at record \(first) and no snapshot precedes it")
        }
        let base = snapshot?.sequence ?? 0
        let records = read.records.filter { $0.sequence > base }
        let restored = ExecutionJournal.Restored(snapshot: snapshot, records: records, damagedTail: nil)
        let journal = ExecutionJournal(
            id: id, store: store, lock: nil, policy: options.policy, failpoints: options.failpoints, restored: restored)
        let (vms, society) = try restoredVMs(restored, program: program, options: options, id: id)
        let runner = ExecutionRunner(
            program: program, vms: vms, society: society, info: info, journal: journal, options: options, inspecting: true)
        let recorder = LLMTraceRecorder(trace: LLMTrace(executionID: id, systemPrompts: [], calls: [], transcript: []))
        runner.traceRecorder = recorder
        _ = try runner.advance()
        recorder.finish(in: runner)
        return recorder.trace
    }
}
