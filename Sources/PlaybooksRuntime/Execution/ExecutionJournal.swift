import PlaybooksDurability

/// One execution's journal as the runner uses it: where it stands (the last record applied to
/// the VM), the recorded awaits still to be answered by replay, appending new records durably,
/// and writing and pruning snapshots by the ``SnapshotPolicy``. It holds the execution's lock for
/// as long as it lives.
///
/// It knows records and snapshots as bytes; what a record means (an ``AwaitRecord``) is the
/// runner's business.
final class ExecutionJournal {
    let id: ExecutionID
    let store: any CheckpointStore
    private let lock: (any ExecutionLock)?
    let policy: SnapshotPolicy
    let failpoints: Failpoints
    /// Failpoints throw ``ExecutionError/crashed(_:at:)`` instead of killing the process (tests).
    var simulatesCrashes = false
    /// The last journal record applied to the VM.
    private(set) var sequence: Int
    /// Recorded awaits still to be answered from the journal.
    private var replay: ArraySlice<JournalRecord>
    private var snapshots: SnapshotBookkeeping
    /// What the restore found, reported once when the resumed run starts.
    var recovery: ExecutionEvent?
    /// Set when the journal ends with an at-most-once call that started and has no outcome.
    var endsWithCallInFlight = false

    /// How far the journal is from its last snapshot, for the ``SnapshotPolicy``.
    struct SnapshotBookkeeping {
        /// `-1` before the first snapshot.
        var lastSequence = -1
        var lastBytes = 0
        var recordsSince = 0
        var bytesSince = 0
    }

    /// What a store holds for an execution up to a checkpoint: the snapshot to start from (none:
    /// start from the program) and the records after it.
    struct Restored {
        var snapshot: SnapshotRecord?
        var records: [JournalRecord]
        /// Set when the journal's last record was torn and left out.
        var damagedTail: String?
    }

    /// A journal for a new execution, or for one restored with ``load(_:from:upTo:)``.
    init(
        id: ExecutionID, store: any CheckpointStore, lock: (any ExecutionLock)?, policy: SnapshotPolicy,
        failpoints: Failpoints, restored: Restored? = nil
    ) {
        self.id = id
        self.store = store
        self.lock = lock
        self.policy = policy
        self.failpoints = failpoints
        let base = restored?.snapshot?.sequence ?? 0
        self.sequence = base
        self.replay = ArraySlice(restored?.records ?? [])
        var bookkeeping = SnapshotBookkeeping()
        if let snapshot = restored?.snapshot {
            bookkeeping.lastSequence = snapshot.sequence
            bookkeeping.lastBytes = snapshot.bytes.count
        }
        bookkeeping.recordsSince = replay.count
        self.snapshots = bookkeeping
        if let restored {
            recovery = .recovered(fromSnapshot: base, replayedRecords: restored.records.count, note: restored.damagedTail)
        }
    }

    deinit { lock?.release() }

    /// Gives the execution back to other holders (also done when the journal is freed).
    func release() { lock?.release() }

    // MARK: Loading

    /// Reads what is needed to restore execution `id` at record `limit` (the last when `nil`).
    ///
    /// A journal that ends before the newest snapshot, or that has a gap, lost records that
    /// finished: that is damage, never a silent restart that would repeat them.
    static func load(
        _ id: ExecutionID, from store: any CheckpointStore, upTo limit: Int?
    ) async throws(ExecutionError) -> Restored {
        let last = try await wrap { () async throws(StoreError) in try await store.lastSequence(id) }
        let snapshotSequences = try await wrap { () async throws(StoreError) in try await store.snapshotSequences(id) }
        if let newest = snapshotSequences.last, newest > last {
            throw .damaged(
                id,
                "the journal ends at record \(last), but a snapshot was taken after record \(newest): "
                    + "journal records were lost, so resuming would repeat work that finished")
        }
        let target = min(limit ?? last, last)
        let snapshot = try await wrap { () async throws(StoreError) in try await store.latestSnapshot(id, atOrBefore: target) }
        let base = snapshot?.sequence ?? 0
        let read = try await wrap { () async throws(StoreError) in try await store.readJournal(id, from: base + 1) }
        let records = read.records.filter { $0.sequence <= target }
        for (offset, record) in records.enumerated() where record.sequence != base + 1 + offset {
            if offset == 0 {
                throw .damaged(
                    id, "the journal starts at record \(record.sequence), but record \(base + 1) is needed (pruned without a snapshot?)")
            }
            throw .damaged(id, "the journal has a gap: record \(record.sequence) follows record \(base + offset)")
        }
        if target > base, records.last?.sequence != target {
            throw .damaged(id, "the journal ends at record \(records.last?.sequence ?? base), but record \(target) is needed")
        }
        let note = read.damagedTail.map { "\($0); resuming from the last intact checkpoint, \($0.lastIntactSequence)" }
        return Restored(snapshot: snapshot, records: records, damagedTail: note)
    }

    // MARK: Replay

    var isReplaying: Bool { !replay.isEmpty }

    /// How many recorded awaits a resume will answer from the journal.
    var replayCount: Int { replay.count }

    /// The agent (index in the society) whose await the next record answers.
    func nextAgent() throws(ExecutionError) -> Int {
        guard let record = replay.first else { throw .damaged(id, "no journal record left to replay") }
        if record.kind != AwaitRecord.Kind.completed.rawValue && record.kind != AwaitRecord.Kind.started.rawValue {
            throw .damaged(id, "journal record \(record.sequence) is of unknown kind \(record.kind)")
        }
        do { return try AwaitRecord(record: record).agent } catch {
            throw .damaged(id, "journal record \(record.sequence) is unreadable: \(error)")
        }
    }

    /// The next recorded await, which must be an await of `call` (else the code diverged from the journal).
    func nextReplayed(for call: String) throws(ExecutionError) -> AwaitRecord {
        guard let record = replay.popFirst() else { throw .damaged(id, "no journal record left to replay") }
        guard record.sequence == sequence + 1 else {
            throw .damaged(id, "journal record \(record.sequence) follows record \(sequence)")
        }
        let decoded: AwaitRecord
        do { decoded = try AwaitRecord(record: record) } catch {
            throw .damaged(id, "journal record \(record.sequence) is unreadable: \(error)")
        }
        guard decoded.call == call else {
            throw .diverged(id, sequence: record.sequence, expected: decoded.call, found: call)
        }
        sequence = record.sequence
        return decoded
    }

    // MARK: Writing

    /// Appends `record` as the next journal record; it is durable when this returns.
    /// - Returns: the record's sequence.
    @discardableResult
    func append(_ record: AwaitRecord) async throws(ExecutionError) -> Int {
        let next = sequence + 1
        let payload = record.encoded()
        try failpoint(.crashBeforeCheckpoint, at: next)
        let journal = JournalRecord(sequence: next, kind: record.kind.rawValue, payload: payload)
        try await Self.wrap { () async throws(StoreError) in try await store.append([journal], to: id) }
        try failpoint(.crashAfterCheckpoint, at: next)
        sequence = next
        snapshots.recordsSince += 1
        snapshots.bytesSince += payload.count
        return next
    }

    /// Whether the policy wants a snapshot before the next record (always before the first one).
    var snapshotIsDue: Bool {
        snapshots.lastSequence < 0
            || policy.isDue(
                recordsSince: snapshots.recordsSince, bytesSince: snapshots.bytesSince, lastSnapshotBytes: snapshots.lastBytes)
    }

    /// Writes a snapshot of the VM as it is after record ``sequence`` (unless one exists), then
    /// prunes what the policy no longer keeps.
    func writeSnapshot(program: ExecutionProgram, encode: () -> [UInt8]) async throws(ExecutionError) {
        guard snapshots.lastSequence != sequence else { return }
        let bytes = encode()
        let snapshot = SnapshotRecord(sequence: sequence, bytes: bytes)
        try await Self.wrap { () async throws(StoreError) in try await store.writeSnapshot(snapshot, for: id) }
        snapshots = SnapshotBookkeeping(lastSequence: sequence, lastBytes: bytes.count)
        if policy.keepLast > 0 {
            try await CheckpointManager(executionID: id, store: store, program: program).prune(keepLast: policy.keepLast)
        }
    }

    /// Stops the process at a failpoint, or, when ``simulatesCrashes`` is set (tests), abandons the
    /// run by throwing ``ExecutionError/crashed(_:at:)`` without writing anything more.
    private func failpoint(_ point: Failpoints.Point, at sequence: Int) throws(ExecutionError) {
        guard failpoints.isSet(point, at: sequence) else { return }
        if simulatesCrashes { throw .crashed(id, at: sequence) }
        Failpoints.crashNow()
    }

    /// Runs a store operation, reporting its error as an ``ExecutionError``.
    static func wrap<T>(_ body: () throws(StoreError) -> T) throws(ExecutionError) -> T {
        do { return try body() } catch { throw .store(error) }
    }

    /// Runs a store operation, reporting its error as an ``ExecutionError``.
    static func wrap<T>(_ body: () async throws(StoreError) -> T) async throws(ExecutionError) -> T {
        do { return try await body() } catch { throw .store(error) }
    }
}
