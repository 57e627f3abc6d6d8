import PlaybooksDurability

/// Reads and prunes the checkpoints of one execution. (Checkpoints are saved by
/// ``ExecutionRunner`` as it runs: one journal record per await, durable before the code goes on.)
///
/// ```swift
/// let manager = CheckpointManager(executionID: id, store: store, program: program)
/// for checkpoint in try await manager.list() { print(checkpoint.counter, checkpoint.statement) }
/// if let latest = try await manager.latest() { print(latest.state?.callStackSummary ?? []) }
/// ```
public struct CheckpointManager: Sendable {
    public let executionID: ExecutionID
    public let store: any CheckpointStore
    /// The program the execution runs; needed to restore the state of a checkpoint taken before
    /// the first snapshot.
    public let program: ExecutionProgram

    public init(executionID: ExecutionID, store: any CheckpointStore, program: ExecutionProgram) {
        self.executionID = executionID
        self.store = store
        self.program = program
    }

    /// Every checkpoint still in the journal, oldest first, without state. A damaged journal end
    /// is left out (the checkpoints before it are listed).
    public func list() async throws(ExecutionError) -> [Checkpoint] {
        let id = executionID
        let read = try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.readJournal(id, from: 1) }
        var out: [Checkpoint] = []
        var delivered: [Int: String] = [:]
        for record in read.records {
            let decoded: AwaitRecord
            do { decoded = try AwaitRecord(record: record) } catch {
                throw .damaged(id, "journal record \(record.sequence) is unreadable: \(error)")
            }
            if let text = decoded.deliveredStatement { delivered[record.sequence] = text }
            out.append(
                Checkpoint(
                    executionID: id, counter: record.sequence, record: decoded,
                    statement: statementText(decoded, delivered: { delivered[$0] })))
        }
        return out
    }

    /// Checkpoint `counter` with the full state right after it, or `nil` when there is no such record.
    public func get(_ counter: Int) async throws(ExecutionError) -> Checkpoint? {
        let id = executionID
        guard let decoded = try await record(counter) else { return nil }
        var deliveredText: String?
        if case .response(let n) = decoded.statement { deliveredText = try await record(n)?.deliveredStatement }
        var checkpoint = Checkpoint(
            executionID: id, counter: counter, record: decoded, statement: statementText(decoded, delivered: { _ in deliveredText }))
        let runner = try await ExecutionRunner.inspect(id: id, program: program, store: store, upTo: counter)
        let state = runner.state
        checkpoint.state = state
        if let frame = state.callStack.last(where: { $0.llmResponse != nil }) {
            checkpoint.llmResponse = frame.llmResponse
            checkpoint.executedCode = frame.executedCode
        }
        return checkpoint
    }

    /// Journal record `sequence`, decoded; `nil` when it is not in the journal.
    func record(_ sequence: Int) async throws(ExecutionError) -> AwaitRecord? {
        let id = executionID
        let read = try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.readJournal(id, from: sequence) }
        guard let record = read.records.first, record.sequence == sequence else { return nil }
        do { return try AwaitRecord(record: record) } catch {
            throw .damaged(id, "journal record \(sequence) is unreadable: \(error)")
        }
    }

    /// The text of the statement that awaited in `record`: from the program file, the record that
    /// delivered it (looked up with `delivered`), or the record itself.
    func statementText(_ record: AwaitRecord, delivered: (Int) -> String?) -> String {
        switch record.statement {
        case .none: return ""
        case .text(let text): return text
        case .programLine:
            let lines = program.text.split(separator: "\n", omittingEmptySubsequences: false)
            guard record.line >= 1, record.line <= lines.count else { return "" }
            return String(lines[record.line - 1].drop(while: { $0 == " " || $0 == "\t" }))
        case .response(let n):
            guard let text = delivered(n) else { return "(the statement delivered by record \(n), which was pruned)" }
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
    }

    /// The newest checkpoint, with state.
    public func latest() async throws(ExecutionError) -> Checkpoint? {
        let id = executionID
        let last = try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.lastSequence(id) }
        return last == 0 ? nil : try await get(last)
    }

    /// Deletes history that no longer helps restore any of the last `n` checkpoints: records and
    /// snapshots older than the newest snapshot at or before the `n`-th last checkpoint.
    public func prune(keepLast n: Int) async throws(ExecutionError) {
        let id = executionID
        let last = try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.lastSequence(id) }
        let oldestKept = last - max(n, 1) + 1
        guard oldestKept > 0 else { return }
        let snapshots = try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.snapshotSequences(id) }
        guard let base = snapshots.last(where: { $0 <= oldestKept }), base > 0 else { return }
        try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.prune(id, keepingFrom: base) }
    }
}
