import Foundation
import GRDB
import GRDBSQLite
import PlaybooksChecksum

/// A ``CheckpointStore`` in one SQLite database (WAL mode): `sqlite:PATH`, the embedded default.
///
/// Tables `executions`, `journal` and `snapshots` (see ``SQLiteSchema``); every journal and snapshot
/// row carries a CRC-32 checked on read. ``DurabilityLevel/process`` runs with
/// `PRAGMA synchronous=OFF` (a commit survives kill -9, not power loss); ``DurabilityLevel/machine``
/// with `synchronous=FULL` (every commit is fsynced).
///
/// Appends are group-committed: concurrent ``append(_:to:)`` calls of many executions wait while a
/// transaction is in flight and then commit together, so many executions share one fsync.
/// ``transactionCount`` tells how many append transactions ran.
///
/// Locks are `flock`s on files in the directory `PATH.locks/`.
///
/// ```swift
/// let store = try SQLiteCheckpointStore(path: ".playbooks/state.db", durability: .machine)
/// let id = try ExecutionID(validating: "report-1")
/// try await store.createExecution(ExecutionInfo(id: id, programPath: "report.pb", programHash: hash))
/// try await store.append([JournalRecord(sequence: 1, kind: 1, payload: bytes)], to: id)
/// let read = try await store.readJournal(id, from: 1)
/// ```
public final class SQLiteCheckpointStore: CheckpointStore {
    /// The database file.
    public let path: String
    public let durability: DurabilityLevel
    public var location: String { "sqlite:\(path)" }

    private let pool: DatabasePool
    private let committer: GroupCommitter<AppendRequest>
    private let commits: Locked<Int>
    /// Each execution's last sequence, valid while no other connection commits.
    private let tails = SQLiteTailCache()

    /// One caller's append, as queued for a group commit.
    struct AppendRequest: Sendable {
        var id: ExecutionID
        var records: [JournalRecord]
    }

    /// How long a write waits while another connection holds the database's write lock
    /// (`SQLITE_BUSY`) before it fails, in seconds.
    public static let busyTimeout: TimeInterval = 10

    /// Append transactions committed so far by this store (each carries one or more appends).
    public var transactionCount: Int { commits.withLock { $0 } }

    /// Opens (creating if needed, with missing parent directories) the database at `path`.
    ///
    /// Throws ``StoreError/unavailable(_:)`` with the path and SQLite's message when the database
    /// cannot be opened or written, ``StoreError/unsupportedFormat(_:)`` when its schema is newer.
    ///
    /// - Parameters:
    ///   - failpoints: crash points to honour; `torn-write:N` is the one a store acts on.
    ///   - crash: what a failpoint does; the default kills the process. Tests pass a closure that
    ///     returns, and the append then throws ``StoreError/unavailable(_:)``.
    public init(
        path: String, durability: DurabilityLevel = .process, failpoints: Failpoints = .current,
        crash: @escaping @Sendable () -> Void = { Failpoints.crashNow() }
    ) throws(StoreError) {
        self.path = path
        self.durability = durability
        let location = "sqlite:\(path)"
        try POSIXFile.makeDirectories(POSIXFile.parentDirectory(of: path))
        if POSIXFile.isDirectory(path) { throw .unavailable("\(location): is a directory, not a database file") }
        var configuration = Configuration()
        configuration.busyMode = .timeout(SQLiteCheckpointStore.busyTimeout)
        configuration.label = "playbooks.sqlite"
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.writeWithoutTransaction { db in
                do {
                    try SQLiteSchema.prepare(db, location: location)
                    try db.execute(sql: durability == .machine ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF")
                } catch {
                    throw SQLiteSystemError.adding(to: error, on: db)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(SQLiteCheckpointStore.describe(error, path: path))
        }
        self.pool = pool
        let commits = Locked(0)
        self.commits = commits
        // Without fsync a commit takes tens of microseconds: an idle caller commits on its own
        // thread. With fsync (milliseconds) commits run on the committer's queue, off the
        // cooperative threads.
        let tails = self.tails
        self.committer = GroupCommitter(label: "playbooks.sqlite.commit", commitsInlineWhenIdle: durability == .process) { batch in
            SQLiteCheckpointStore.commit(
                batch, pool: pool, tails: tails, path: path, failpoints: failpoints, crash: crash, commits: commits)
        }
    }

    // MARK: Database access

    private func mapped(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        return .unavailable(SQLiteCheckpointStore.describe(error, path: path))
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.read(body) } catch { throw mapped(error) }
    }

    /// `body` in a transaction (as `DatabasePool.write`), with the errno behind a failure (see
    /// ``SQLiteSystemError``) read on the writer connection before anything else runs on it.
    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                do {
                    try db.inTransaction {
                        result = try body(db)
                        return .commit
                    }
                } catch {
                    throw SQLiteSystemError.adding(to: error, on: db)
                }
                return result!
            }
        } catch { throw mapped(error) }
    }

    /// Runs `sql` on the database, outside the store's logic: for tests that damage rows.
    func executeRawSQLForTesting(_ sql: String) throws {
        try pool.writeWithoutTransaction { db in
            tails.forgetAll()
            try db.execute(sql: sql)
        }
    }

    // MARK: Executions

    public func createExecution(_ info: ExecutionInfo) async throws(StoreError) {
        let json = String(decoding: try ExecutionInfoCoding.encode(info), as: UTF8.self)
        try await write { db in
            if try SQLiteRows.prunedThrough(db, info.id) != nil { throw StoreError.executionExists(info.id) }
            self.tails.forget(info.id)
            try db.execute(
                sql: "INSERT INTO executions (id, created_at, info, pruned_through) VALUES (?, ?, ?, 0)",
                arguments: [info.id.rawValue, info.createdAt.timeIntervalSinceReferenceDate, json])
        }
    }

    public func loadExecution(_ id: ExecutionID) async throws(StoreError) -> ExecutionInfo? {
        let value = try await read { db in
            try DatabaseValue.fetchOne(db, sql: "SELECT info FROM executions WHERE id = ?", arguments: [id.rawValue])
        }
        guard let value else { return nil }
        return try decodeInfo(value, id: id)
    }

    private func decodeInfo(_ value: DatabaseValue, id: ExecutionID) throws(StoreError) -> ExecutionInfo {
        switch value.storage {
        case .string(let text): return try ExecutionInfoCoding.decode(Array(text.utf8), id: id)
        case .blob(let data): return try ExecutionInfoCoding.decode([UInt8](data), id: id)
        default: throw .corrupted(id, sequence: nil, detail: "execution info is not JSON text")
        }
    }

    public func updateExecution(_ info: ExecutionInfo) async throws(StoreError) {
        let json = String(decoding: try ExecutionInfoCoding.encode(info), as: UTF8.self)
        try await write { db in
            try db.execute(
                sql: "UPDATE executions SET info = ?, created_at = ? WHERE id = ?",
                arguments: [json, info.createdAt.timeIntervalSinceReferenceDate, info.id.rawValue])
            if db.changesCount == 0 { throw StoreError.executionNotFound(info.id) }
        }
    }

    public func listExecutions() async throws(StoreError) -> [ExecutionInfo] {
        let listing = try await listExecutionsReportingDamage()
        if let damage = listing.damaged.first { throw damage }
        return listing.executions
    }

    public func listExecutionsReportingDamage() async throws(StoreError) -> ExecutionListing {
        let rows = try await read { db -> [(String?, DatabaseValue)] in
            try Row.fetchAll(db, sql: "SELECT id, info FROM executions ORDER BY created_at, id").map { row in
                (row[0] as DatabaseValue).storage.text.map { ($0, row[1] as DatabaseValue) } ?? (nil, row[1])
            }
        }
        var listing = ExecutionListing(executions: [])
        for (text, info) in rows {
            guard let text, ExecutionID.isValid(text) else { continue }  // not written by this store
            do { listing.executions.append(try decodeInfo(info, id: ExecutionID(unchecked: text))) } catch {
                listing.damaged.append(error)
            }
        }
        return listing
    }

    // MARK: Journal

    public func append(_ records: [JournalRecord], to id: ExecutionID) async throws(StoreError) {
        if records.isEmpty {
            let exists = try await read { db in try SQLiteRows.prunedThrough(db, id) != nil }
            guard exists else { throw .executionNotFound(id) }
            return
        }
        try await committer.submit(AppendRequest(id: id, records: records))
    }

    /// One group-commit transaction: each request is checked against its journal's tail (a damaged
    /// tail is deleted first) and either fails alone or inserts its rows; then one COMMIT.
    ///
    /// The tail comes from `tails` when no other connection has committed since this store last
    /// saw it; otherwise it is looked up (execution row, then the journal's last rows with their
    /// CRC). Any error that rolls the transaction back empties `tails`.
    private static func commit(
        _ batch: [AppendRequest], pool: DatabasePool, tails: SQLiteTailCache, path: String, failpoints: Failpoints,
        crash: @Sendable () -> Void, commits: Locked<Int>
    ) -> [Result<Void, StoreError>] {
        var results = [Result<Void, StoreError>](repeating: .success(()), count: batch.count)
        var crashAfterCommit = false
        let checksFailpoints = failpoints.entries[.tornWrite] != nil
        do {
            try pool.writeWithoutTransaction { db in
                try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
                do {
                    try tails.validate(db)
                    let insert = try db.cachedStatement(sql: SQLiteJournalInsert.sql)
                    for (index, request) in batch.enumerated() {
                        let id = request.id
                        let last: Int
                        if let cached = tails.lastSequence(id) {
                            last = cached
                        } else {
                            guard let pruned = try SQLiteRows.prunedThrough(db, id) else {
                                results[index] = .failure(.executionNotFound(id))
                                continue
                            }
                            let tail = try SQLiteRows.tail(db, id, prunedThrough: pruned)
                            if tail.damagedAfter {
                                try db.cachedStatement(sql: "DELETE FROM journal WHERE execution_id = ? AND sequence > ?")
                                    .execute(arguments: [id.rawValue, tail.lastIntact])
                            }
                            last = tail.lastIntact
                            tails.set(id, lastSequence: last)
                        }
                        if let (i, record) = request.records.enumerated().first(where: { $1.sequence != last + 1 + $0 }) {
                            results[index] = .failure(.sequenceConflict(id, expected: last + 1 + i, got: record.sequence))
                            continue
                        }
                        let rawID = id.rawValue
                        for record in request.records {
                            let crc = Int64(CRC32.record(sequence: record.sequence, kind: record.kind, payload: record.payload))
                            let torn = checksFailpoints && failpoints.isSet(.tornWrite, at: record.sequence)
                            let payload = torn ? Array(record.payload.prefix(record.payload.count / 2)) : record.payload
                            try SQLiteJournalInsert.execute(
                                insert, db: db, id: rawID, sequence: record.sequence, kind: record.kind, payload: payload, crc: crc)
                            if torn {
                                crashAfterCommit = true
                                results[index] = .failure(.unavailable("crashed by failpoint torn-write:\(record.sequence)"))
                                break
                            }
                            tails.set(id, lastSequence: record.sequence)
                        }
                        if crashAfterCommit { tails.forget(id) }
                    }
                    try db.cachedStatement(sql: "COMMIT").execute()
                } catch {
                    tails.forgetAll()
                    let failure = SQLiteSystemError.adding(to: error, on: db)
                    try? db.execute(sql: "ROLLBACK")
                    throw failure
                }
            }
        } catch {
            let detail = describe(error, path: path)
            return batch.map { .failure(StoreError.unavailable(detail).naming($0.id)) }
        }
        commits.withLock { $0 += 1 }
        if crashAfterCommit { crash() }
        return results
    }

    public func readJournal(_ id: ExecutionID, from sequence: Int) async throws(StoreError) -> JournalRead {
        try await read { db in
            guard try SQLiteRows.prunedThrough(db, id) != nil else { throw StoreError.executionNotFound(id) }
            let statement = try db.cachedStatement(
                sql: "SELECT sequence, kind, payload, crc FROM journal WHERE execution_id = ? AND sequence >= ? ORDER BY sequence")
            let rows = try Row.fetchCursor(statement, arguments: [id.rawValue, sequence])
            var records: [JournalRecord] = []
            var firstBad: Int?
            while let row = try rows.next() {
                let (rowSequence, record) = SQLiteRows.journalRecord(row)
                if let bad = firstBad {
                    if record != nil {
                        throw StoreError.corrupted(
                            id, sequence: bad, detail: "\(self.location): checksum mismatch, followed by intact records")
                    }
                } else if let record {
                    records.append(record)
                } else {
                    firstBad = rowSequence
                }
            }
            guard let bad = firstBad else { return JournalRead(records: records) }
            let lastIntact = records.last?.sequence ?? max(bad - 1, 0)
            return JournalRead(
                records: records, damagedTail: DamagedTail(lastIntactSequence: lastIntact, detail: "record \(bad) fails its checksum"))
        }
    }

    public func lastSequence(_ id: ExecutionID) async throws(StoreError) -> Int {
        try await read { db in
            guard let pruned = try SQLiteRows.prunedThrough(db, id) else { throw StoreError.executionNotFound(id) }
            return try SQLiteRows.tail(db, id, prunedThrough: pruned).lastIntact
        }
    }

    // MARK: Snapshots

    public func writeSnapshot(_ snapshot: SnapshotRecord, for id: ExecutionID) async throws(StoreError) {
        guard snapshot.sequence >= 0 else {
            throw .unavailable("execution \(id): snapshot sequence \(snapshot.sequence) is negative")
        }
        try await write { db in
            guard try SQLiteRows.prunedThrough(db, id) != nil else { throw StoreError.executionNotFound(id) }
            let crc = Int64(CRC32.snapshot(sequence: snapshot.sequence, bytes: snapshot.bytes))
            try db.execute(
                sql: "INSERT OR REPLACE INTO snapshots (execution_id, sequence, bytes, crc) VALUES (?, ?, coalesce(?, X''), ?)",
                arguments: [id.rawValue, snapshot.sequence, Data(snapshot.bytes), crc])
        }
    }

    public func latestSnapshot(_ id: ExecutionID, atOrBefore sequence: Int) async throws(StoreError) -> SnapshotRecord? {
        try await read { db in
            guard try SQLiteRows.prunedThrough(db, id) != nil else { throw StoreError.executionNotFound(id) }
            let rows = try Row.fetchCursor(
                db, sql: "SELECT sequence, bytes, crc FROM snapshots WHERE execution_id = ? AND sequence <= ? ORDER BY sequence DESC",
                arguments: [id.rawValue, sequence])
            while let row = try rows.next() {
                if let snapshot = SQLiteRows.snapshot(row) { return snapshot }
            }
            return nil
        }
    }

    public func snapshotSequences(_ id: ExecutionID) async throws(StoreError) -> [Int] {
        try await read { db in
            guard try SQLiteRows.prunedThrough(db, id) != nil else { throw StoreError.executionNotFound(id) }
            let rows = try Row.fetchCursor(
                db, sql: "SELECT sequence, bytes, crc FROM snapshots WHERE execution_id = ? ORDER BY sequence", arguments: [id.rawValue])
            var sequences: [Int] = []
            while let row = try rows.next() {
                if let snapshot = SQLiteRows.snapshot(row) { sequences.append(snapshot.sequence) }
            }
            return sequences
        }
    }

    public func prune(_ id: ExecutionID, keepingFrom sequence: Int) async throws(StoreError) {
        try await write { db in
            self.tails.forget(id)
            guard let pruned = try SQLiteRows.prunedThrough(db, id) else { throw StoreError.executionNotFound(id) }
            let tail = try SQLiteRows.tail(db, id, prunedThrough: pruned)
            let base = max(pruned, min(sequence - 1, tail.lastIntact))
            try db.execute(sql: "UPDATE executions SET pruned_through = ? WHERE id = ?", arguments: [base, id.rawValue])
            try db.execute(sql: "DELETE FROM journal WHERE execution_id = ? AND sequence < ?", arguments: [id.rawValue, sequence])
            try db.execute(sql: "DELETE FROM snapshots WHERE execution_id = ? AND sequence < ?", arguments: [id.rawValue, sequence])
        }
    }

    // MARK: Locks

    /// The directory of lock files, `PATH.locks`.
    public var lockDirectory: String { "\(path).locks" }

    /// Takes `PATH.locks/<id>.lock` with `flock` (see ``FileExecutionLock``).
    public func lock(_ id: ExecutionID) throws(StoreError) -> ExecutionLock {
        try POSIXFile.makeDirectories(lockDirectory)
        return try FileExecutionLock.acquire(id, path: "\(lockDirectory)/\(id.rawValue).lock")
    }
}
