import Foundation

/// A store that keeps everything in this process's memory: for runs with durability turned off
/// (`[durability] enabled = false`) and for measuring what durability costs. Nothing survives the
/// process; the contract of ``CheckpointStore`` holds otherwise.
///
/// ```swift
/// let store = MemoryCheckpointStore()
/// ```
public final class MemoryCheckpointStore: CheckpointStore {
    private struct Execution {
        var info: ExecutionInfo
        var records: [JournalRecord] = []
        /// Sequences up to here were pruned away.
        var base = 0
        var snapshots: [Int: [UInt8]] = [:]
    }

    private let state = Locked([ExecutionID: Execution]())
    /// Executions locked now, whether or not they exist yet (a lock is taken before creating one).
    private let locked = Locked(Set<ExecutionID>())

    public init() {}

    public var location: String { "memory:" }
    public var durability: DurabilityLevel { .process }

    public func createExecution(_ info: ExecutionInfo) async throws(StoreError) {
        try state.withLock { (s) throws(StoreError) in
            guard s[info.id] == nil else { throw .executionExists(info.id) }
            s[info.id] = Execution(info: info)
        }
    }

    public func loadExecution(_ id: ExecutionID) async throws(StoreError) -> ExecutionInfo? {
        state.withLock { $0[id]?.info }
    }

    public func updateExecution(_ info: ExecutionInfo) async throws(StoreError) {
        try state.withLock { (s) throws(StoreError) in
            guard s[info.id] != nil else { throw .executionNotFound(info.id) }
            s[info.id]?.info = info
        }
    }

    public func listExecutions() async throws(StoreError) -> [ExecutionInfo] {
        state.withLock { s in s.values.map(\.info).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }
    }

    public func append(_ records: [JournalRecord], to id: ExecutionID) async throws(StoreError) {
        try state.withLock { (s) throws(StoreError) in
            guard let last = s[id].map({ $0.records.last?.sequence ?? $0.base }) else { throw .executionNotFound(id) }
            var next = last + 1
            for r in records {
                guard r.sequence == next else { throw .sequenceConflict(id, expected: next, got: r.sequence) }
                next += 1
            }
            // Mutate in place: copying the execution out and back would copy its whole journal.
            s[id]?.records.append(contentsOf: records)
        }
    }

    public func readJournal(_ id: ExecutionID, from sequence: Int) async throws(StoreError) -> JournalRead {
        try state.withLock { (s) throws(StoreError) in
            guard let e = s[id] else { throw .executionNotFound(id) }
            return JournalRead(records: e.records.filter { $0.sequence >= sequence })
        }
    }

    public func lastSequence(_ id: ExecutionID) async throws(StoreError) -> Int {
        try state.withLock { (s) throws(StoreError) in
            guard let e = s[id] else { throw .executionNotFound(id) }
            return e.records.last?.sequence ?? e.base
        }
    }

    public func writeSnapshot(_ snapshot: SnapshotRecord, for id: ExecutionID) async throws(StoreError) {
        try state.withLock { (s) throws(StoreError) in
            guard s[id] != nil else { throw .executionNotFound(id) }
            s[id]?.snapshots[snapshot.sequence] = snapshot.bytes
        }
    }

    public func latestSnapshot(_ id: ExecutionID, atOrBefore sequence: Int) async throws(StoreError) -> SnapshotRecord? {
        try state.withLock { (s) throws(StoreError) in
            guard let e = s[id] else { throw .executionNotFound(id) }
            guard let best = e.snapshots.keys.filter({ $0 <= sequence }).max(), let bytes = e.snapshots[best] else { return nil }
            return SnapshotRecord(sequence: best, bytes: bytes)
        }
    }

    public func snapshotSequences(_ id: ExecutionID) async throws(StoreError) -> [Int] {
        try state.withLock { (s) throws(StoreError) in
            guard let e = s[id] else { throw .executionNotFound(id) }
            return e.snapshots.keys.sorted()
        }
    }

    public func prune(_ id: ExecutionID, keepingFrom sequence: Int) async throws(StoreError) {
        try state.withLock { (s) throws(StoreError) in
            guard let e = s[id] else { throw .executionNotFound(id) }
            let last = e.records.last?.sequence ?? e.base
            s[id]?.records.removeAll { $0.sequence < sequence }
            s[id]?.snapshots = e.snapshots.filter { $0.key >= sequence }
            s[id]?.base = max(e.base, min(sequence - 1, last))
        }
    }

    public func lock(_ id: ExecutionID) throws(StoreError) -> any ExecutionLock {
        try locked.withLock { (held) throws(StoreError) in
            guard held.insert(id).inserted else { throw .locked(id, holder: FileExecutionLock.holderDescription) }
            return MemoryLock(id: id, store: self)
        }
    }

    fileprivate func unlock(_ id: ExecutionID) {
        _ = locked.withLock { $0.remove(id) }
    }
}

private final class MemoryLock: ExecutionLock, @unchecked Sendable {
    let executionID: ExecutionID
    private weak var store: MemoryCheckpointStore?
    private let released = Locked(false)

    init(id: ExecutionID, store: MemoryCheckpointStore) {
        self.executionID = id
        self.store = store
    }

    func release() {
        let first = released.withLock { (r: inout Bool) -> Bool in
            defer { r = true }
            return !r
        }
        if first { store?.unlock(executionID) }
    }

    deinit { release() }
}
