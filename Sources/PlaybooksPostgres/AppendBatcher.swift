import PlaybooksDurability

/// Group commit for async stores: concurrent appends wait while one transaction is in flight, and
/// the next transaction carries all of them.
///
/// The same idea as the durability module's `GroupCommitter`, whose commit is a blocking call on a
/// dispatch queue (right for SQLite); a PostgreSQL transaction is async network I/O, so here the
/// drain loop is a task that awaits the commit.
///
/// ```swift
/// let batcher = AppendBatcher<Append> { batch in await commitInOneTransaction(batch) }
/// try await batcher.submit(append)
/// ```
final class AppendBatcher<Request: Sendable>: Sendable {
    /// Commits `batch` in one transaction; returns one result per request, in order.
    typealias Commit = @Sendable (_ batch: [Request]) async -> [Result<Void, StoreError>]

    private struct Pending {
        var request: Request
        var continuation: CheckedContinuation<Result<Void, StoreError>, Never>
    }

    private struct State {
        var pending: [Pending] = []
        var draining = false
        var batches = 0
    }

    /// The most requests one transaction carries.
    let maximumBatch: Int
    private let commit: Commit
    private let state = Locked(State())

    init(maximumBatch: Int = 1000, commit: @escaping Commit) {
        self.maximumBatch = max(1, maximumBatch)
        self.commit = commit
    }

    /// Transactions run so far.
    var batchCount: Int { state.withLock { $0.batches } }

    /// Queues `request`; returns when the transaction that carried it has ended.
    func submit(_ request: Request) async throws(StoreError) {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, StoreError>, Never>) in
            let start = state.withLock { state -> Bool in
                state.pending.append(Pending(request: request, continuation: continuation))
                if state.draining { return false }
                state.draining = true
                return true
            }
            if start { Task { await self.drain() } }
        }
        try result.get()
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Pending] in
                let batch = Array(state.pending.prefix(maximumBatch))
                state.pending.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false } else { state.batches += 1 }
                return batch
            }
            if batch.isEmpty { return }
            var results = await commit(batch.map(\.request))
            if results.count != batch.count {
                results = Array(
                    repeating: .failure(.unavailable("internal error: a batch returned the wrong number of results")), count: batch.count)
            }
            for (item, result) in zip(batch, results) { item.continuation.resume(returning: result) }
        }
    }
}
