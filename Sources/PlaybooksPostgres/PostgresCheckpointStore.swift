import Foundation
import PlaybooksChecksum
import PlaybooksDurability
import PostgresNIO

/// A ``CheckpointStore`` on PostgreSQL: `postgres://USER:PASSWORD@HOST:PORT/DATABASE?schema=NAME`,
/// for executions that must outlive a machine and for many workers on many machines.
///
/// **Tables.** `playbooks_executions`, `playbooks_journal (execution_id, sequence, kind, payload
/// bytea, crc)` and `playbooks_snapshots`, versioned by `playbooks_schema` (see ``PostgresSchema``):
/// the store creates and migrates them on first use and refuses a newer version with
/// ``StoreError/unsupportedFormat(_:)``. Every record and snapshot carries a CRC-32 verified on read:
/// a bad last record is a ``JournalRead/damagedTail`` (the next append deletes it), a bad record
/// followed by good ones is ``StoreError/corrupted(_:sequence:detail:)``.
///
/// **Appends** are group-committed: concurrent ``append(_:to:)`` calls of many executions wait
/// while a transaction is in flight, then go in one transaction that locks their executions' rows
/// (`SELECT ... FOR UPDATE`, in id order), checks each journal's tail (sequences must continue it:
/// ``StoreError/sequenceConflict(_:expected:got:)``) and inserts every record with one statement.
///
/// **Durability.** ``DurabilityLevel/machine`` runs with `synchronous_commit = on`: a commit is
/// flushed to the server's WAL before the append returns. ``DurabilityLevel/process`` runs with
/// `synchronous_commit = off`: the server acknowledges before its WAL flush, so a crash of the
/// *PostgreSQL server* (or its machine) can lose the last commits (up to about three times
/// `wal_writer_delay`, 0.6 s by default) — never corrupt them; a crash of the worker loses nothing.
///
/// **Failures.** Every database call runs under ``Options/timeout`` (10 s by default): past it the
/// connection is closed and the call throws ``StoreError/unavailable(_:)``. A server that is down or
/// unreachable gives ``StoreError/unavailable(_:)`` naming host and port and the reason (never the
/// password); the next call after it is back succeeds, as every call that lacks a connection opens
/// one (see ``PostgresConnectionPool``). An append that timed out may still have committed: read
/// the journal's tail before retrying.
///
/// **A worker stopped inside a transaction** (`SIGSTOP`, a paused VM, a network cut) would keep
/// the rows it locked until the server ends the transaction. Once the store has claimed with a
/// lease, its sessions run with `idle_in_transaction_session_timeout` at half the lease, so such
/// rows are free again before the lease runs out, and another worker takes over when it does.
///
/// **Locks** are session-level advisory locks held on a dedicated connection; see
/// ``PostgresExecutionLock``.
///
/// **Workers.** The store is also an ``ExecutionQueue`` (see `PostgresCheckpointStore+Queue.swift`):
/// submitted executions, claims with leases and fencing tokens, fenced views for the owner's
/// writes, and `LISTEN`/`NOTIFY` wake-ups.
///
/// ```swift
/// let store = try PostgresCheckpointStore(url: "postgres://app:secret@db:5432/app", durability: .machine)
/// let id = try ExecutionID(validating: "report-1")
/// try await store.createExecution(ExecutionInfo(id: id, programPath: "report.pb", programHash: hash))
/// try await store.append([JournalRecord(sequence: 1, kind: 1, payload: bytes)], to: id)
/// let read = try await store.readJournal(id, from: 1)
/// ```
public final class PostgresCheckpointStore: CheckpointStore {
    /// Settings besides the URL.
    public struct Options: Sendable {
        /// The longest any one database call may take, connecting included.
        public var timeout: Duration = .seconds(10)
        /// Connections this store opens at most (locks excepted: each holds one of its own).
        public var maximumConnections = 8
        /// Where postgres-nio logs; silent by default.
        public var logger: Logger = {
            var logger = Logger(label: "playbooks.postgres")
            logger.logLevel = .critical
            return logger
        }()

        public init() {}
    }

    public let url: PostgresURL
    public let durability: DurabilityLevel
    public var location: String { url.redacted }
    public let options: Options

    let pool: PostgresConnectionPool
    let schema: PostgresSchema
    private let writer: PostgresJournalWriter
    private let batcher: AppendBatcher<PostgresJournalWriter.Request>
    private let ready = Locked(false)
    private let lockConfiguration: PostgresConnection.Configuration
    /// Wakes ``waitForWork(timeout:)`` on `NOTIFY`; connects on first use.
    let listener: PostgresWorkListener

    /// Append transactions committed so far by this store (each carries one or more appends).
    public var transactionCount: Int { writer.commits.withLock { $0 } }

    /// A store on the database at `url` (`postgres://` or `postgresql://`).
    ///
    /// Nothing is sent to the server yet: the first operation connects and creates or migrates the
    /// tables (call ``prepare()`` to do that now). Throws ``StoreError/invalidLocation(_:)`` for a
    /// URL it cannot use.
    ///
    /// - Parameters:
    ///   - failpoints: crash points to honour; `torn-write:N` is the one a store acts on.
    ///   - crash: what a failpoint does; the default kills the process. Tests pass a closure that
    ///     returns, and the append then throws ``StoreError/unavailable(_:)``.
    public convenience init(
        url: String, durability: DurabilityLevel = .process, failpoints: Failpoints = .current, options: Options = Options(),
        crash: @escaping @Sendable () -> Void = { Failpoints.crashNow() }
    ) throws(StoreError) {
        try self.init(url: PostgresURL(parsing: url), durability: durability, failpoints: failpoints, options: options, crash: crash)
    }

    public init(
        url: PostgresURL, durability: DurabilityLevel = .process, failpoints: Failpoints = .current, options: Options = Options(),
        crash: @escaping @Sendable () -> Void = { Failpoints.crashNow() }
    ) {
        self.url = url
        self.durability = durability
        self.options = options
        let milliseconds = String(Int(options.timeout.seconds * 1000))
        let holder = PostgresExecutionLock.holderDescription
        let pool = PostgresConnectionPool(
            url: url, timeout: options.timeout, maximumConnections: options.maximumConnections,
            startupParameters: [
                ("application_name", holder),
                ("synchronous_commit", durability == .machine ? "on" : "off"),
                ("statement_timeout", milliseconds),
                ("idle_in_transaction_session_timeout", milliseconds),
            ],
            logger: options.logger)
        self.pool = pool
        let schema = PostgresSchema(name: url.schema)
        self.schema = schema
        self.lockConfiguration = PostgresConnectionPool.configuration(
            url: url, timeout: options.timeout,
            startupParameters: [
                ("application_name", holder),
                // A lock's holder whose machine vanished is noticed within about 25 s.
                ("tcp_keepalives_idle", "10"), ("tcp_keepalives_interval", "5"), ("tcp_keepalives_count", "3"),
            ])
        self.listener = PostgresWorkListener(
            configuration: lockConfiguration, channel: String("playbooks_work_\(url.schema)".utf8.prefix(63)) ?? "playbooks_work",
            logger: options.logger)
        let writer = PostgresJournalWriter(pool: pool, schema: schema, location: url.redacted, failpoints: failpoints, crash: crash)
        self.writer = writer
        self.batcher = AppendBatcher { batch in await writer.commit(batch) }
    }

    deinit {
        pool.closeAll()
        listener.stop()
    }

    /// Connects and creates or migrates the tables now, instead of on the first operation.
    public func prepare() async throws(StoreError) {
        if ready.withLock({ $0 }) { return }
        let schema = self.schema
        let pool = self.pool
        let location = self.location
        try await pool.withConnection { connection in
            try await schema.prepare(on: connection, pool: pool, location: location)
        }
        ready.withLock { $0 = true }
    }

    /// Runs `body` on a connection once the tables are ready.
    @discardableResult
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        try await prepare()
        return try await pool.withConnection(body)
    }

    /// Runs `body` in a transaction on a connection once the tables are ready.
    @discardableResult
    func runTransaction<T: Sendable>(_ body: @Sendable @escaping (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        let pool = self.pool
        return try await run { connection in try await pool.transaction(connection) { try await body(connection) } }
    }

    /// Runs `sql` outside the store's logic, before any migration: for tests that damage rows,
    /// change the schema, or lay out an old one.
    func executeRawSQLForTesting(_ sql: String) async throws(StoreError) {
        try await pool.withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: self.pool.logger)
        }
    }

    /// The rows of `sql`, every column read as text (select `::text` columns): for tests that
    /// audit what workers wrote.
    func rowsForTesting(_ sql: String) async throws(StoreError) -> [[String?]] {
        try await run { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: self.pool.logger).collect().map { row in
                try row.map { try $0.decode(String?.self) }
            }
        }
    }

    // MARK: Executions

    public func createExecution(_ info: ExecutionInfo) async throws(StoreError) {
        let insert = try executionInsert(info, queued: false)
        let inserted = try await run { connection in try await insert(connection) }
        if !inserted { throw .executionExists(info.id) }
    }

    /// The statement that records a new execution (for workers when `queued`), ready to run on a
    /// connection; it returns false when the id is taken.
    func executionInsert(
        _ info: ExecutionInfo, queued: Bool
    ) throws(StoreError) -> @Sendable (PostgresConnection) async throws -> Bool {
        let json = String(decoding: try ExecutionInfoCoding.encode(info), as: UTF8.self)
        let created = info.createdAt.timeIntervalSinceReferenceDate
        let (table, logger) = (schema.executions, pool.logger)
        return { connection in
            let rows = try await connection.query(
                """
                INSERT INTO \(unescaped: table) (id, created_at, info, pruned_through, queued)
                VALUES (\(info.id.rawValue), \(created), \(json), 0, \(queued)) ON CONFLICT (id) DO NOTHING RETURNING 1
                """, logger: logger)
            return try await !rows.collect().isEmpty
        }
    }

    public func loadExecution(_ id: ExecutionID) async throws(StoreError) -> ExecutionInfo? {
        let table = schema.executions
        let json = try await run { connection -> String? in
            let rows = try await connection.query(
                "SELECT info FROM \(unescaped: table) WHERE id = \(id.rawValue)", logger: self.pool.logger)
            return try await rows.collect().first?.decode(String.self)
        }
        guard let json else { return nil }
        return try ExecutionInfoCoding.decode(Array(json.utf8), id: id)
    }

    public func updateExecution(_ info: ExecutionInfo) async throws(StoreError) {
        try await updateExecution(info, fence: nil)
    }

    /// Replaces the info; with a `fence`, only while that lease is current, and without one only
    /// when the execution does not belong to the worker queue.
    func updateExecution(_ info: ExecutionInfo, fence: Lease?) async throws(StoreError) {
        let json = String(decoding: try ExecutionInfoCoding.encode(info), as: UTF8.self)
        let created = info.createdAt.timeIntervalSinceReferenceDate
        let table = schema.executions
        let (owner, token) = (fence?.owner, fence?.token ?? 0)
        let updated = try await run { connection in
            let rows = try await connection.query(
                """
                UPDATE \(unescaped: table) SET info = \(json), created_at = \(created)
                WHERE id = \(info.id.rawValue) AND CASE WHEN \(owner)::text IS NULL THEN NOT queued
                    ELSE owner = \(owner) AND token = \(token) AND lease_expires_at > now() END
                RETURNING 1
                """, logger: self.pool.logger)
            return try await rows.collect().count
        }
        if updated == 0 { throw try await refusal(info.id, fence: fence) }
    }

    public func listExecutions() async throws(StoreError) -> [ExecutionInfo] {
        let listing = try await listExecutionsReportingDamage()
        if let damage = listing.damaged.first { throw damage }
        return listing.executions
    }

    public func listExecutionsReportingDamage() async throws(StoreError) -> ExecutionListing {
        let table = schema.executions
        let rows = try await run { connection -> [(String, String)] in
            let rows = try await connection.query(
                "SELECT id, info FROM \(unescaped: table) ORDER BY created_at, id", logger: self.pool.logger)
            return try await rows.collect().map { try $0.decode((String, String).self) }
        }
        var listing = ExecutionListing(executions: [])
        for (id, json) in rows {
            guard ExecutionID.isValid(id) else { continue }  // not written by this store
            do { listing.executions.append(try ExecutionInfoCoding.decode(Array(json.utf8), id: ExecutionID(unchecked: id))) } catch {
                listing.damaged.append(error)
            }
        }
        return listing
    }

    // MARK: Journal

    public func append(_ records: [JournalRecord], to id: ExecutionID) async throws(StoreError) {
        try await append(records, to: id, fence: nil)
    }

    /// Appends in the next group commit; the transaction checks the fence (or, without one, that
    /// the execution does not belong to the worker queue) under the row lock it takes anyway.
    func append(_ records: [JournalRecord], to id: ExecutionID, fence: Lease?) async throws(StoreError) {
        try await prepare()
        if records.isEmpty {
            let writer = self.writer
            let tails = try await pool.withConnection { connection in try await writer.tails(of: [id], on: connection, lock: false) }
            guard let tail = tails[id] else { throw .executionNotFound(id) }
            if let refusal = tail.ownership.refusal(of: id, fence: fence) { throw refusal }
            return
        }
        try await batcher.submit(PostgresJournalWriter.Request(id: id, records: records, fence: fence))
    }

    /// Why a write that changed no row was refused: no such execution, or its ownership.
    func refusal(_ id: ExecutionID, fence: Lease?) async throws(StoreError) -> StoreError {
        let writer = self.writer
        let tails = try await run { connection in try await writer.tails(of: [id], on: connection, lock: false) }
        guard let tail = tails[id] else { return .executionNotFound(id) }
        return tail.ownership.refusal(of: id, fence: fence)
            ?? .leaseLost(id, detail: "the write raced with a change of owner; try again")
    }

    public func readJournal(_ id: ExecutionID, from sequence: Int) async throws(StoreError) -> JournalRead {
        let (executions, journal) = (schema.executions, schema.journal)
        let rows = try await run { connection in
            let rows = try await connection.query(
                """
                SELECT e.pruned_through, j.sequence, j.kind, j.payload, j.crc FROM \(unescaped: executions) e
                LEFT JOIN \(unescaped: journal) j ON j.execution_id = e.id AND j.sequence >= \(Int64(sequence))
                WHERE e.id = \(id.rawValue) ORDER BY j.sequence
                """, logger: self.pool.logger)
            return try await rows.collect().map { try $0.decode((Int64, Int64?, Int16?, ByteBuffer?, Int64?).self) }
        }
        guard !rows.isEmpty else { throw .executionNotFound(id) }
        var records: [JournalRecord] = []
        var firstBad: Int?
        for (_, sequence, kind, payload, crc) in rows {
            guard let sequence else { continue }  // an empty journal
            let record = PostgresJournalWriter.record(sequence: sequence, kind: kind, payload: payload, crc: crc)
            if let bad = firstBad {
                if record != nil {
                    throw .corrupted(id, sequence: bad, detail: "\(location): checksum mismatch, followed by intact records")
                }
            } else if let record {
                records.append(record)
            } else {
                firstBad = Int(sequence)
            }
        }
        guard let bad = firstBad else { return JournalRead(records: records) }
        let lastIntact = records.last?.sequence ?? max(bad - 1, 0)
        return JournalRead(
            records: records, damagedTail: DamagedTail(lastIntactSequence: lastIntact, detail: "record \(bad) fails its checksum"))
    }

    public func lastSequence(_ id: ExecutionID) async throws(StoreError) -> Int {
        let writer = self.writer
        let tails = try await run { connection in try await writer.tails(of: [id], on: connection, lock: false) }
        guard let tail = tails[id] else { throw .executionNotFound(id) }
        return tail.lastIntact
    }

    // MARK: Snapshots

    public func writeSnapshot(_ snapshot: SnapshotRecord, for id: ExecutionID) async throws(StoreError) {
        try await writeSnapshot(snapshot, for: id, fence: nil)
    }

    func writeSnapshot(_ snapshot: SnapshotRecord, for id: ExecutionID, fence: Lease?) async throws(StoreError) {
        guard snapshot.sequence >= 0 else {
            throw .unavailable("execution \(id): snapshot sequence \(snapshot.sequence) is negative")
        }
        let crc = Int64(CRC32.snapshot(sequence: snapshot.sequence, bytes: snapshot.bytes))
        let bytes = ByteBuffer(bytes: snapshot.bytes)
        let (executions, snapshots) = (schema.executions, schema.snapshots)
        let (owner, token) = (fence?.owner, fence?.token ?? 0)
        let written = try await run { connection in
            let rows = try await connection.query(
                """
                INSERT INTO \(unescaped: snapshots) (execution_id, sequence, bytes, crc)
                SELECT id, \(Int64(snapshot.sequence)), \(bytes), \(crc) FROM \(unescaped: executions) WHERE id = \(id.rawValue)
                AND CASE WHEN \(owner)::text IS NULL THEN NOT queued
                    ELSE owner = \(owner) AND token = \(token) AND lease_expires_at > now() END
                ON CONFLICT (execution_id, sequence) DO UPDATE SET bytes = excluded.bytes, crc = excluded.crc RETURNING 1
                """, logger: self.pool.logger)
            return try await rows.collect().count
        }
        if written == 0 { throw try await refusal(id, fence: fence) }
    }

    public func latestSnapshot(_ id: ExecutionID, atOrBefore sequence: Int) async throws(StoreError) -> SnapshotRecord? {
        let (executions, snapshots) = (schema.executions, schema.snapshots)
        return try await run { connection -> SnapshotRecord? in
            // Newest first, one at a time: snapshots can be large, and the newest is almost always intact.
            var below = Int64(sequence)
            var first = true
            while true {
                let rows = try await connection.query(
                    """
                    SELECT s.sequence, s.bytes, s.crc FROM \(unescaped: executions) e
                    LEFT JOIN LATERAL (
                        SELECT sequence, bytes, crc FROM \(unescaped: snapshots)
                        WHERE execution_id = e.id AND sequence <= \(below) ORDER BY sequence DESC LIMIT 1
                    ) s ON true
                    WHERE e.id = \(id.rawValue)
                    """, logger: self.pool.logger)
                guard let row = try await rows.collect().first else {
                    if first { throw StoreError.executionNotFound(id) }
                    return nil
                }
                first = false
                let (found, bytes, crc) = try row.decode((Int64?, ByteBuffer?, Int64?).self)
                guard let found else { return nil }
                if let snapshot = PostgresJournalWriter.snapshot(sequence: found, bytes: bytes, crc: crc) { return snapshot }
                below = found - 1
            }
        }
    }

    public func snapshotSequences(_ id: ExecutionID) async throws(StoreError) -> [Int] {
        let (executions, snapshots) = (schema.executions, schema.snapshots)
        let rows = try await run { connection in
            let rows = try await connection.query(
                """
                SELECT s.sequence, s.bytes, s.crc FROM \(unescaped: executions) e
                LEFT JOIN \(unescaped: snapshots) s ON s.execution_id = e.id
                WHERE e.id = \(id.rawValue) ORDER BY s.sequence
                """, logger: self.pool.logger)
            return try await rows.collect().map { try $0.decode((Int64?, ByteBuffer?, Int64?).self) }
        }
        guard !rows.isEmpty else { throw .executionNotFound(id) }
        return rows.compactMap { sequence, bytes, crc in
            sequence.flatMap { PostgresJournalWriter.snapshot(sequence: $0, bytes: bytes, crc: crc)?.sequence }
        }
    }

    public func prune(_ id: ExecutionID, keepingFrom sequence: Int) async throws(StoreError) {
        try await prune(id, keepingFrom: sequence, fence: nil)
    }

    func prune(_ id: ExecutionID, keepingFrom sequence: Int, fence: Lease?) async throws(StoreError) {
        let writer = self.writer
        let (executions, journal, snapshots) = (schema.executions, schema.journal, schema.snapshots)
        try await run { connection in
            try await self.pool.transaction(connection) {
                guard let tail = try await writer.tails(of: [id], on: connection, lock: true)[id] else {
                    throw StoreError.executionNotFound(id)
                }
                if let refusal = tail.ownership.refusal(of: id, fence: fence) { throw refusal }
                let base = Int64(max(tail.prunedThrough, min(sequence - 1, tail.lastIntact)))
                let logger = self.pool.logger
                let keep = Int64(sequence)
                try await connection.query(
                    "UPDATE \(unescaped: executions) SET pruned_through = \(base) WHERE id = \(id.rawValue)", logger: logger)
                try await connection.query(
                    "DELETE FROM \(unescaped: journal) WHERE execution_id = \(id.rawValue) AND sequence < \(keep)", logger: logger)
                try await connection.query(
                    "DELETE FROM \(unescaped: snapshots) WHERE execution_id = \(id.rawValue) AND sequence < \(keep)", logger: logger)
            }
        }
    }

    // MARK: Locks

    /// Takes the execution with a session-level advisory lock (see ``PostgresExecutionLock``).
    public func lock(_ id: ExecutionID) throws(StoreError) -> ExecutionLock {
        try PostgresExecutionLock.acquire(
            id, key: "\(url.schema)/\(id.rawValue)", configuration: lockConfiguration, timeout: options.timeout, location: location,
            endpoint: url.endpoint, logger: options.logger)
    }
}
