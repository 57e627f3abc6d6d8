import Dispatch

/// Batches requests so that many callers share one transaction (and one fsync).
///
/// Callers ``submit(_:)`` and suspend. One serial queue runs `commit` on everything that is
/// pending; requests that arrive while a transaction is in flight wait, and the next transaction
/// takes all of them at once. Each caller resumes with its own result once its batch is done.
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

    init(label: String, commit: @escaping Commit) {
        self.queue = DispatchQueue(label: label, qos: .userInitiated)
        self.commit = commit
    }

    /// Batches (transactions) run so far.
    var batchCount: Int { state.withLock { $0.batches } }

    /// Queues `request` and returns once the transaction that carried it has finished.
    func submit(_ request: Request) async throws(StoreError) {
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
