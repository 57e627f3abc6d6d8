import Foundation
import PlaybooksDurability
import PostgresNIO

/// The worker queue on PostgreSQL (schema version 2 columns of `playbooks_executions`):
///
/// - **Claim**: one `UPDATE ... FROM (SELECT ... FOR UPDATE SKIP LOCKED)` takes queued executions
///   with no owner or an expired lease, sets the owner and the expiry and adds one to the fencing
///   token. Rows another transaction holds (a claim, an append) are skipped, never waited for.
/// - **Fencing**: every write of a fenced view compares owner, token and expiry in the statement
///   or transaction that writes (appends: under the `FOR UPDATE` row lock of the group commit).
///   Because a claim needs that same row lock, a write and a takeover cannot interleave: a write
///   either lands before the new owner's token exists or sees it and fails.
/// - **Wake-ups**: `submit` and `release` send `NOTIFY` on the schema's channel in the same
///   transaction; ``waitForWork(timeout:)`` listens on a dedicated connection.
extension PostgresCheckpointStore: ExecutionQueue {
    /// The `LISTEN`/`NOTIFY` channel of this store's schema (at most 63 bytes).
    var workChannel: String { listener.channel }

    public func submit(_ info: ExecutionInfo, programText: String) async throws(StoreError) {
        let insert = try executionInsert(info, queued: true)
        let programs = schema.programs
        let channel = workChannel
        let inserted = try await runTransaction { connection in
            try await connection.query(
                """
                INSERT INTO \(unescaped: programs) (hash, path, text) VALUES (\(info.programHash), \(info.programPath), \(programText))
                ON CONFLICT (hash) DO NOTHING
                """, logger: self.pool.logger)
            guard try await insert(connection) else { return false }
            try await connection.query("SELECT pg_notify(\(channel), \(info.id.rawValue))", logger: self.pool.logger)
            return true
        }
        if !inserted { throw .executionExists(info.id) }
    }

    public func programText(hash: String) async throws(StoreError) -> String? {
        let programs = schema.programs
        return try await run { connection in
            try await connection.query("SELECT text FROM \(unescaped: programs) WHERE hash = \(hash)", logger: self.pool.logger)
                .collect().first?.decode(String.self)
        }
    }

    public func claim(owner: String, limit: Int, leaseDuration: Duration) async throws(StoreError) -> [Lease] {
        guard limit > 0 else { return [] }
        // A worker stopped in the middle of a transaction must not keep its rows locked past its
        // leases: the server ends such a session after half a lease (see `limitIdleTransactions`).
        pool.limitIdleTransactions(to: leaseDuration / 2)
        let executions = schema.executions
        let seconds = leaseDuration.seconds
        let rows = try await run { connection in
            try await connection.query(
                """
                UPDATE \(unescaped: executions) e
                SET owner = \(owner), token = e.token + 1, lease_expires_at = now() + make_interval(secs => \(seconds))
                FROM (
                    SELECT id FROM \(unescaped: executions)
                    WHERE queued AND (owner IS NULL OR lease_expires_at <= now())
                    ORDER BY created_at, id LIMIT \(Int64(limit)) FOR UPDATE SKIP LOCKED
                ) free
                WHERE e.id = free.id RETURNING e.id, e.token
                """, logger: self.pool.logger
            ).collect().map { try $0.decode((String, Int64).self) }
        }
        return rows.map { Lease(executionID: ExecutionID(unchecked: $0.0), owner: owner, token: $0.1) }
    }

    public func renew(_ leases: [Lease], leaseDuration: Duration) async throws(StoreError) -> Set<ExecutionID> {
        guard !leases.isEmpty else { return [] }
        let executions = schema.executions
        let seconds = leaseDuration.seconds
        let (ids, owners, tokens) = (leases.map(\.executionID.rawValue), leases.map(\.owner), leases.map(\.token))
        let renewed = try await run { connection in
            // The rows are locked in id order first, the order of a group commit's `FOR UPDATE`:
            // locked in the join's order, a heartbeat and an append could each wait for the other
            // (PostgreSQL then aborts one as a deadlock).
            try await connection.query(
                """
                WITH held AS MATERIALIZED (
                    SELECT e.id FROM \(unescaped: executions) e
                    JOIN unnest(\(ids)::text[], \(owners)::text[], \(tokens)::bigint[]) AS mine(id, owner, token) ON e.id = mine.id
                    WHERE e.owner = mine.owner AND e.token = mine.token AND e.lease_expires_at > now()
                    ORDER BY e.id FOR UPDATE OF e
                )
                UPDATE \(unescaped: executions) e SET lease_expires_at = now() + make_interval(secs => \(seconds))
                FROM held WHERE e.id = held.id RETURNING e.id
                """, logger: self.pool.logger
            ).collect().map { try $0.decode(String.self) }
        }
        let kept = Set(renewed)
        return Set(leases.map(\.executionID).filter { !kept.contains($0.rawValue) })
    }

    public func release(_ lease: Lease, finished: Bool) async throws(StoreError) {
        let executions = schema.executions
        let channel = workChannel
        try await runTransaction { connection in
            let rows = try await connection.query(
                """
                UPDATE \(unescaped: executions) SET owner = NULL, lease_expires_at = NULL, queued = \(!finished)
                WHERE id = \(lease.executionID.rawValue) AND owner = \(lease.owner) AND token = \(lease.token) RETURNING 1
                """, logger: self.pool.logger
            ).collect()
            if !rows.isEmpty && !finished {
                try await connection.query("SELECT pg_notify(\(channel), \(lease.executionID.rawValue))", logger: self.pool.logger)
            }
        }
    }

    public func fenced(by lease: Lease) -> any CheckpointStore {
        PostgresFencedStore(base: self, lease: lease)
    }

    public func waitForWork(timeout: Duration) async {
        await listener.wait(timeout: timeout)
    }
}
