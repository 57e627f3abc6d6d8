/// A store that hands executions to workers: submitted executions wait in a queue, a worker claims
/// them with a lease it keeps alive by heartbeats, and an execution whose owner's lease expired can
/// be claimed by another worker, which continues it from its last checkpoint.
///
/// Contract:
/// - ``claim(owner:limit:leaseDuration:)`` returns queued executions that have no owner or whose
///   lease expired, each with a new ``Lease`` whose token is higher than any before it; no two
///   callers get the same execution at once.
/// - Writes through ``fenced(by:)`` succeed only while the lease is current (same token, not
///   expired), checked in the same transaction as the write.
/// - ``renew(_:leaseDuration:)`` extends current leases and reports the ones that are not.
/// - ``release(_:finished:)`` gives an execution back: to the queue (another worker may take it at
///   once) or, when it ended or waits for a message, out of it.
///
/// ```swift
/// let id = try await queue.submit(info)                     // `playbooks submit`
/// for lease in try await queue.claim(owner: me, limit: 10, leaseDuration: .seconds(15)) {
///     let store = queue.fenced(by: lease)                      // hand this to the runner
///     ...
/// }
/// ```
public protocol ExecutionQueue: CheckpointStore {
    /// Records a new execution (as ``CheckpointStore/createExecution(_:)``) with the program text
    /// workers will run, queued for the next free worker; wakes idle workers.
    func submit(_ info: ExecutionInfo, programText: String) async throws(StoreError)
    /// The program text recorded for programs with this SHA-256 hash, if any.
    func programText(hash: String) async throws(StoreError) -> String?
    /// Takes up to `limit` executions that are queued and free (no owner, or an expired lease).
    func claim(owner: String, limit: Int, leaseDuration: Duration) async throws(StoreError) -> [Lease]
    /// Extends the leases that are still current; returns the ids of those that are not (lost).
    func renew(_ leases: [Lease], leaseDuration: Duration) async throws(StoreError) -> Set<ExecutionID>
    /// Gives the execution back: `finished` takes it out of the queue; otherwise it is free for
    /// any worker at once. A lease that is no longer current is left alone.
    func release(_ lease: Lease, finished: Bool) async throws(StoreError)
    /// This store, with every write for the lease's execution fenced by the lease.
    func fenced(by lease: Lease) -> any CheckpointStore
    /// Returns when work may have arrived (another process submitted or released an execution)
    /// or after `timeout`, whichever is first.
    func waitForWork(timeout: Duration) async
}
