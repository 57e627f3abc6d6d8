import PlaybooksChecksum
import PlaybooksDurability
import PostgresNIO

/// The journal side of a ``PostgresCheckpointStore``: reading tails, checking rows, and the
/// group-commit transaction that appends for many executions at once.
struct PostgresJournalWriter: Sendable {
    /// One caller's append, as queued for a group commit.
    struct Request: Sendable {
        var id: ExecutionID
        var records: [JournalRecord]
        /// The lease the writer holds, for a worker's fenced write; `nil` for a plain one.
        var fence: Lease? = nil
    }

    /// Where a journal ends.
    struct Tail: Sendable {
        var prunedThrough: Int
        /// The highest intact sequence (``prunedThrough`` for an empty journal).
        var lastIntact: Int
        /// Whether damaged rows follow ``lastIntact`` (a torn tail, deleted by the next append).
        var damagedAfter: Bool
        /// Who may write: the execution's queue state, owner and fencing token.
        var ownership = Ownership()
    }

    /// The worker columns of an execution row.
    struct Ownership: Sendable {
        var queued = false
        var owner: String?
        var token: Int64 = 0
        /// Whether `lease_expires_at` is in the future (by the server's clock, at transaction start).
        var leaseLive = false

        /// Why a write is refused, or `nil` when it may go ahead: a fenced write needs the lease to be
        /// current; a plain write may not touch an execution that belongs to the worker queue.
        func refusal(of id: ExecutionID, fence: Lease?) -> StoreError? {
            if let fence {
                if owner == fence.owner && token == fence.token && leaseLive { return nil }
                if token != fence.token || owner != fence.owner {
                    let now = owner.map { "\($0) (token \(token))" } ?? "no worker"
                    return .leaseLost(id, detail: "token \(fence.token) of \(fence.owner) was superseded; it belongs to \(now)")
                }
                return .leaseLost(id, detail: "the lease of \(fence.owner) (token \(fence.token)) expired")
            }
            if queued {
                return .locked(id, holder: owner.map { "worker \($0)" } ?? "the worker queue (it was submitted for workers)")
            }
            return nil
        }
    }

    let pool: PostgresConnectionPool
    let schema: PostgresSchema
    let location: String
    let failpoints: Failpoints
    let crash: @Sendable () -> Void
    let commits = Locked(0)

    // MARK: Rows

    /// The record of a journal row when it is intact (kind in 0...255 and the CRC matches).
    static func record(sequence: Int64, kind: Int16?, payload: ByteBuffer?, crc: Int64?) -> JournalRecord? {
        guard let kind, (0...255).contains(kind), let payload, let crc else { return nil }
        let bytes = Array(payload.readableBytesView)
        guard Int64(CRC32.record(sequence: Int(sequence), kind: UInt8(kind), payload: bytes)) == crc else { return nil }
        return JournalRecord(sequence: Int(sequence), kind: UInt8(kind), payload: bytes)
    }

    /// The snapshot of a row when it is intact.
    static func snapshot(sequence: Int64, bytes: ByteBuffer?, crc: Int64?) -> SnapshotRecord? {
        guard sequence >= 0, let bytes, let crc else { return nil }
        let array = Array(bytes.readableBytesView)
        guard Int64(CRC32.snapshot(sequence: Int(sequence), bytes: array)) == crc else { return nil }
        return SnapshotRecord(sequence: Int(sequence), bytes: array)
    }

    /// The tails of the journals of `ids` that exist (absent ids have no execution). With `lock`,
    /// their execution rows are locked `FOR UPDATE` (in id order, so that concurrent transactions
    /// cannot deadlock) until the transaction ends.
    func tails(of ids: [ExecutionID], on connection: PostgresConnection, lock: Bool) async throws -> [ExecutionID: Tail] {
        let keys = Array(Set(ids.map(\.rawValue))).sorted()
        let forUpdate = lock ? "FOR UPDATE OF e" : ""
        let rows = try await connection.query(
            """
            SELECT e.id, e.pruned_through, e.queued, e.owner, e.token, coalesce(e.lease_expires_at > now(), false),
                j.sequence, j.kind, j.payload, j.crc FROM \(unescaped: schema.executions) e
            LEFT JOIN LATERAL (
                SELECT sequence, kind, payload, crc FROM \(unescaped: schema.journal)
                WHERE execution_id = e.id ORDER BY sequence DESC LIMIT 1
            ) j ON true
            WHERE e.id = ANY(\(keys)) ORDER BY e.id \(unescaped: forUpdate)
            """, logger: pool.logger
        ).collect()
        var tails: [ExecutionID: Tail] = [:]
        for row in rows {
            let (id, pruned, queued, owner, token, leaseLive, sequence, kind, payload, crc) = try row.decode(
                (String, Int64, Bool, String?, Int64, Bool, Int64?, Int16?, ByteBuffer?, Int64?).self)
            let executionID = ExecutionID(unchecked: id)
            var tail: Tail
            if let sequence {
                if PostgresJournalWriter.record(sequence: sequence, kind: kind, payload: payload, crc: crc) != nil {
                    tail = Tail(prunedThrough: Int(pruned), lastIntact: Int(sequence), damagedAfter: false)
                } else {
                    tail = try await damagedTail(executionID, prunedThrough: Int(pruned), on: connection)
                }
            } else {
                tail = Tail(prunedThrough: Int(pruned), lastIntact: Int(pruned), damagedAfter: false)
            }
            tail.ownership = Ownership(queued: queued, owner: owner, token: token, leaseLive: leaseLive)
            tails[executionID] = tail
        }
        return tails
    }

    /// The tail of a journal whose last row is damaged: the newest intact row below it.
    private func damagedTail(_ id: ExecutionID, prunedThrough: Int, on connection: PostgresConnection) async throws -> Tail {
        let rows = try await connection.query(
            """
            SELECT sequence, kind, payload, crc FROM \(unescaped: schema.journal)
            WHERE execution_id = \(id.rawValue) ORDER BY sequence DESC
            """, logger: pool.logger
        ).collect()
        for row in rows {
            let (sequence, kind, payload, crc) = try row.decode((Int64, Int16?, ByteBuffer?, Int64?).self)
            if PostgresJournalWriter.record(sequence: sequence, kind: kind, payload: payload, crc: crc) != nil {
                return Tail(prunedThrough: prunedThrough, lastIntact: Int(sequence), damagedAfter: true)
            }
        }
        return Tail(prunedThrough: prunedThrough, lastIntact: prunedThrough, damagedAfter: true)
    }

    // MARK: Group commit

    /// One transaction for `batch`: each request is checked against its journal's tail (a damaged
    /// tail is deleted first) and either fails alone or has its rows inserted; one INSERT carries
    /// the rows of all requests, then one COMMIT.
    func commit(_ batch: [Request]) async -> [Result<Void, StoreError>] {
        let outcome: (results: [Result<Void, StoreError>], crash: Bool)
        do {
            outcome = try await pool.withConnection { connection in
                try await pool.transaction(connection) { try await self.appendRows(batch, on: connection) }
            }
        } catch {
            return Array(repeating: .failure(error), count: batch.count)
        }
        commits.withLock { $0 += 1 }
        if outcome.crash { crash() }
        return outcome.results
    }

    private func appendRows(
        _ batch: [Request], on connection: PostgresConnection
    ) async throws -> (
        results: [Result<Void, StoreError>], crash: Bool
    ) {
        let tails = try await tails(of: batch.map(\.id), on: connection, lock: true)
        var results = [Result<Void, StoreError>](repeating: .success(()), count: batch.count)
        var next = tails.mapValues { $0.lastIntact + 1 }
        var crashAfterCommit = false
        var ids: [String] = []
        var sequences: [Int64] = []
        var kinds: [Int16] = []
        var payloads: [ByteBuffer] = []
        var crcs: [Int64] = []
        var tokens: [Int64] = []
        for (index, request) in batch.enumerated() {
            let id = request.id
            guard let first = next[id], let tail = tails[id] else {
                results[index] = .failure(.executionNotFound(id))
                continue
            }
            if let refusal = tail.ownership.refusal(of: id, fence: request.fence) {
                results[index] = .failure(refusal)
                continue
            }
            if let (i, record) = request.records.enumerated().first(where: { $1.sequence != first + $0 }) {
                results[index] = .failure(.sequenceConflict(id, expected: first + i, got: record.sequence))
                continue
            }
            for record in request.records {
                var payload = record.payload
                let torn = failpoints.isSet(.tornWrite, at: record.sequence)
                if torn { payload = Array(payload.prefix(payload.count / 2)) }
                ids.append(id.rawValue)
                sequences.append(Int64(record.sequence))
                kinds.append(Int16(record.kind))
                payloads.append(ByteBuffer(bytes: payload))
                crcs.append(Int64(CRC32.record(sequence: record.sequence, kind: record.kind, payload: record.payload)))
                tokens.append(request.fence?.token ?? 0)
                next[id] = record.sequence + 1
                if torn {
                    crashAfterCommit = true
                    results[index] = .failure(.unavailable("crashed by failpoint torn-write:\(record.sequence)"))
                    break
                }
            }
        }
        for (id, tail) in tails where tail.damagedAfter {
            try await connection.query(
                "DELETE FROM \(unescaped: schema.journal) WHERE execution_id = \(id.rawValue) AND sequence > \(Int64(tail.lastIntact))",
                logger: pool.logger)
        }
        if !ids.isEmpty {
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema.journal) (execution_id, sequence, kind, payload, crc, token)
                SELECT * FROM unnest(
                    \(ids)::text[], \(sequences)::bigint[], \(kinds)::smallint[], \(payloads)::bytea[], \(crcs)::bigint[],
                    \(tokens)::bigint[])
                """, logger: pool.logger)
        }
        return (results, crashAfterCommit)
    }
}
