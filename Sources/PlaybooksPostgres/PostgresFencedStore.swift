import PlaybooksDurability

/// A ``PostgresCheckpointStore`` as one worker sees it while it holds a ``Lease``: every write for
/// the leased execution (journal appends, snapshots, info updates, pruning) succeeds only while the
/// lease is current, checked by the database in the writing transaction; otherwise it throws
/// ``StoreError/leaseLost(_:detail:)`` and writes nothing. Reads, and other executions, pass through.
///
/// ``lock(_:)`` of the leased execution succeeds without a database lock: the lease is the lock.
final class PostgresFencedStore: CheckpointStore {
    let base: PostgresCheckpointStore
    let lease: Lease

    init(base: PostgresCheckpointStore, lease: Lease) {
        self.base = base
        self.lease = lease
    }

    var location: String { base.location }
    var durability: DurabilityLevel { base.durability }

    private func fence(_ id: ExecutionID) -> Lease? { id == lease.executionID ? lease : nil }

    func createExecution(_ info: ExecutionInfo) async throws(StoreError) { try await base.createExecution(info) }
    func loadExecution(_ id: ExecutionID) async throws(StoreError) -> ExecutionInfo? { try await base.loadExecution(id) }
    func updateExecution(_ info: ExecutionInfo) async throws(StoreError) {
        try await base.updateExecution(info, fence: fence(info.id))
    }
    func listExecutions() async throws(StoreError) -> [ExecutionInfo] { try await base.listExecutions() }

    func append(_ records: [JournalRecord], to id: ExecutionID) async throws(StoreError) {
        try await base.append(records, to: id, fence: fence(id))
    }
    func readJournal(_ id: ExecutionID, from sequence: Int) async throws(StoreError) -> JournalRead {
        try await base.readJournal(id, from: sequence)
    }
    func lastSequence(_ id: ExecutionID) async throws(StoreError) -> Int { try await base.lastSequence(id) }

    func writeSnapshot(_ snapshot: SnapshotRecord, for id: ExecutionID) async throws(StoreError) {
        try await base.writeSnapshot(snapshot, for: id, fence: fence(id))
    }
    func latestSnapshot(_ id: ExecutionID, atOrBefore sequence: Int) async throws(StoreError) -> SnapshotRecord? {
        try await base.latestSnapshot(id, atOrBefore: sequence)
    }
    func snapshotSequences(_ id: ExecutionID) async throws(StoreError) -> [Int] { try await base.snapshotSequences(id) }
    func prune(_ id: ExecutionID, keepingFrom sequence: Int) async throws(StoreError) {
        try await base.prune(id, keepingFrom: sequence, fence: fence(id))
    }

    func lock(_ id: ExecutionID) throws(StoreError) -> ExecutionLock {
        if id == lease.executionID { return LeaseLock(executionID: id) }
        return try base.lock(id)
    }
}

/// The lock a fenced view hands out for its leased execution: holding the lease is holding the
/// execution, so there is nothing to take or release here.
private final class LeaseLock: ExecutionLock {
    let executionID: ExecutionID
    init(executionID: ExecutionID) { self.executionID = executionID }
    func release() {}
}
