import Dispatch

/// Batches requests so that many callers share one transaction (and one fsync).
///
/// Callers ``submit(_:)`` and suspend. One serial queue runs `commit` on everything that is
/// pending; requests that arrive while a transaction is in flight wait, and the next transaction
/// takes all of them at once. Each caller resumes with its own result once its batch is done.
/// With `commitsInlineWhenIdle`, a caller that finds nothing in flight commits alone on its own
/// thread, saving two thread switches; callers arriving meanwhile still queue and share the next
/// transaction.
///
/// ```swift
/// let committer = GroupCommitter<Append>(label: "store.commit") { batch in
///     batch.map { _ in .success(()) }   // one transaction for the whole batch
/// }
/// try await committer.submit(append)
/// ```
final class GroupCommitter<Request: Sendable>: Sendable {
    /// Runs one transaction for `batch`; returns one result per request, in order.
    typealias Commit = @Sendable (_ batch: [Request]) -> [Result<Void, StoreError>]

    private struct Pending {
        var request: Request
        var continuation: CheckedContinuation<Result<Void, StoreError>, Never>
    }

    private struct State {
        var pending: [Pending] = []
        var draining = false
        var batches = 0
    }

    private let queue: DispatchQueue
    private let commit: Commit
    private let state = Locked(State())

    /// Whether a caller that finds no transaction in flight commits on its own thread (no thread
    /// hop: the fast path when commits are short, i.e. without fsync).
    private let commitsInlineWhenIdle: Bool

    init(label: String, commitsInlineWhenIdle: Bool = false, commit: @escaping Commit) {
        self.queue = DispatchQueue(label: label, qos: .userInitiated)
        self.commitsInlineWhenIdle = commitsInlineWhenIdle
        self.commit = commit
    }

    /// Batches (transactions) run so far.
    var batchCount: Int { state.withLock { $0.batches } }

    /// Queues `request` and returns once the transaction that carried it has finished.
    func submit(_ request: Request) async throws(StoreError) {
        if commitsInlineWhenIdle {
            let leads = state.withLock { state -> Bool in
                if state.draining { return false }
                state.draining = true
                state.batches += 1
                return true
            }
            if leads {
                let result = commitOne(request)
                // Requests that queued meanwhile go to the queue, which keeps `draining` set.
                let handOff = state.withLock { state -> Bool in
                    if state.pending.isEmpty { state.draining = false }
                    return !state.pending.isEmpty
                }
                if handOff { queue.async { self.drain() } }
                try result.get()
                return
            }
        }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, StoreError>, Never>) in
            let start = state.withLock { state -> Bool in
                state.pending.append(Pending(request: request, continuation: continuation))
                if state.draining { return false }
                state.draining = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
        try result.get()
    }

    private func commitOne(_ request: Request) -> Result<Void, StoreError> {
        let results = commit([request])
        return results.count == 1 ? results[0] : .failure(.unavailable("internal error: a batch returned the wrong number of results"))
    }

    /// Commits batches until nothing is pending.
    private func drain() {
        while true {
            let batch = state.withLock { state -> [Pending] in
                let batch = state.pending
                state.pending.removeAll(keepingCapacity: true)
                if batch.isEmpty { state.draining = false } else { state.batches += 1 }
                return batch
            }
            if batch.isEmpty { return }
            var results = commit(batch.map(\.request))
            if results.count != batch.count {
                results = Array(
                    repeating: .failure(.unavailable("internal error: a batch returned the wrong number of results")), count: batch.count)
            }
            for (item, result) in zip(batch, results) { item.continuation.resume(returning: result) }
        }
    }
}
