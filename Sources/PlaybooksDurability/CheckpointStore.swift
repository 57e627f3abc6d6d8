/// Where executions' journals and snapshots live. One protocol, one conformance suite
/// (`StoreConformance` in the tests), several stores: files, SQLite, later PostgreSQL.
///
/// Stores hold opaque, checksummed records; they know nothing of Python.
///
/// Contract:
/// - ``append(_:to:)`` is all-or-nothing and, when it returns, durable at ``durability``.
///   Sequences must continue the journal with no gap (`lastSequence + 1`, ...), else
///   ``StoreError/sequenceConflict(_:expected:got:)``. An append first discards a damaged tail.
/// - ``readJournal(_:from:)`` verifies every record. A damaged *last* record (torn write) is reported
///   in ``JournalRead/damagedTail``; damage followed by intact records throws ``StoreError/corrupted(_:sequence:detail:)``.
/// - Snapshots are an optimisation: a damaged snapshot is skipped in favour of an older one.
/// - ``lock(_:)`` gives one holder at a time across processes; a holder that dies releases it.
public protocol CheckpointStore: AnyObject, Sendable {
    /// What kind of store this is and where, e.g. `sqlite:/srv/app/.playbooks/state.db`.
    var location: String { get }
    var durability: DurabilityLevel { get }

    func createExecution(_ info: ExecutionInfo) async throws(StoreError)
    func loadExecution(_ id: ExecutionID) async throws(StoreError) -> ExecutionInfo?
    /// Replaces the stored info of an existing execution.
    func updateExecution(_ info: ExecutionInfo) async throws(StoreError)
    /// All executions, oldest first.
    func listExecutions() async throws(StoreError) -> [ExecutionInfo]
    /// All executions whose info can be read, oldest first, and an error for each that cannot.
    func listExecutionsReportingDamage() async throws(StoreError) -> ExecutionListing

    func append(_ records: [JournalRecord], to id: ExecutionID) async throws(StoreError)
    /// Records with `sequence >= from`, in order (records pruned away are simply absent).
    func readJournal(_ id: ExecutionID, from sequence: Int) async throws(StoreError) -> JournalRead
    /// The highest intact sequence, 0 for an empty journal.
    func lastSequence(_ id: ExecutionID) async throws(StoreError) -> Int

    func writeSnapshot(_ snapshot: SnapshotRecord, for id: ExecutionID) async throws(StoreError)
    /// The newest intact snapshot with `sequence <= atOrBefore`.
    func latestSnapshot(_ id: ExecutionID, atOrBefore sequence: Int) async throws(StoreError) -> SnapshotRecord?
    /// Sequences of the intact snapshots, ascending.
    func snapshotSequences(_ id: ExecutionID) async throws(StoreError) -> [Int]

    /// Deletes journal records and snapshots with `sequence < keepingFrom`.
    func prune(_ id: ExecutionID, keepingFrom sequence: Int) async throws(StoreError)

    /// Takes the execution for this holder; throws ``StoreError/locked(_:holder:)`` when another has it.
    func lock(_ id: ExecutionID) throws(StoreError) -> ExecutionLock
}

/// Exclusive use of one execution. Released by ``release()``, on deinit, or when the process dies.
public protocol ExecutionLock: AnyObject, Sendable {
    var executionID: ExecutionID { get }
    func release()
}
