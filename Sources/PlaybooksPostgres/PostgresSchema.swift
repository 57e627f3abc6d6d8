import PlaybooksDurability
import PostgresNIO

/// The tables of a ``PostgresCheckpointStore`` in one schema, and their migrations.
///
/// `playbooks_schema` holds one row with the version of the tables. A store brings an older version
/// up to ``version`` (each step in one transaction, under an advisory lock so that many processes
/// starting at once migrate once) and refuses a newer one with ``StoreError/unsupportedFormat(_:)``.
struct PostgresSchema: Sendable {
    /// The version this build writes and reads.
    static let version = 2

    let name: String
    /// Fully qualified table names.
    let versions: String
    let executions: String
    let journal: String
    let snapshots: String
    let programs: String

    init(name: String) {
        self.name = name
        let prefix = "\"\(name)\".playbooks_"
        versions = prefix + "schema"
        executions = prefix + "executions"
        journal = prefix + "journal"
        snapshots = prefix + "snapshots"
        programs = prefix + "programs"
    }

    /// Statements that bring version `n - 1` to `n`, for n = 1 ... ``version``.
    ///
    /// Version 1: executions (info is the JSON of ``ExecutionInfo``, `created_at` orders listings,
    /// `pruned_through` keeps the sequence of a journal pruned to nothing); journal records and
    /// snapshots with a CRC-32 each, verified on every read.
    ///
    /// Version 2 (workers): an execution may be `queued` for workers; its `owner`, fencing `token`
    /// and `lease_expires_at` say which worker holds it and until when. Each journal row keeps the
    /// token it was written under. `playbooks_programs` holds submitted programs' text by hash, so
    /// that a worker on any machine can run them.
    func migration(to version: Int) -> [String] {
        switch version {
        case 1:
            return [
                """
                CREATE TABLE \(executions) (
                    id text PRIMARY KEY,
                    created_at double precision NOT NULL,
                    info text NOT NULL,
                    pruned_through bigint NOT NULL DEFAULT 0
                )
                """,
                "CREATE INDEX playbooks_executions_by_creation ON \(executions) (created_at, id)",
                """
                CREATE TABLE \(journal) (
                    execution_id text NOT NULL,
                    sequence bigint NOT NULL,
                    kind smallint NOT NULL,
                    payload bytea NOT NULL,
                    crc bigint NOT NULL,
                    PRIMARY KEY (execution_id, sequence)
                )
                """,
                """
                CREATE TABLE \(snapshots) (
                    execution_id text NOT NULL,
                    sequence bigint NOT NULL,
                    bytes bytea NOT NULL,
                    crc bigint NOT NULL,
                    PRIMARY KEY (execution_id, sequence)
                )
                """,
            ]
        case 2:
            return [
                """
                ALTER TABLE \(executions)
                    ADD COLUMN queued boolean NOT NULL DEFAULT false,
                    ADD COLUMN owner text,
                    ADD COLUMN token bigint NOT NULL DEFAULT 0,
                    ADD COLUMN lease_expires_at timestamptz
                """,
                "CREATE INDEX playbooks_executions_queued ON \(executions) (created_at, id) WHERE queued",
                "ALTER TABLE \(journal) ADD COLUMN token bigint NOT NULL DEFAULT 0",
                "CREATE TABLE \(programs) (hash text PRIMARY KEY, path text NOT NULL, text text NOT NULL)",
            ]
        default:
            return []
        }
    }

    /// Creates or migrates the tables; a no-op (one query) when they are current.
    func prepare(on connection: PostgresConnection, pool: PostgresConnectionPool, location: String) async throws {
        if try await currentVersion(on: connection, pool: pool) == PostgresSchema.version { return }
        try await pool.transaction(connection) {
            let lockKey = "playbooks.schema:\(name)"
            try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(lockKey), 0))", logger: pool.logger)
            let exists = try await connection.query("SELECT 1 FROM pg_namespace WHERE nspname = \(name)", logger: pool.logger)
            var found = false
            for try await _ in exists { found = true }
            if !found { try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \"\(name)\""), logger: pool.logger) }
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        CREATE TABLE IF NOT EXISTS \(versions) (
                            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                            version integer NOT NULL
                        )
                        """), logger: pool.logger)
            let current = try await currentVersion(on: connection, pool: pool) ?? 0
            if current > PostgresSchema.version {
                throw StoreError.unsupportedFormat(
                    "\(location): database schema version \(current); this build reads up to \(PostgresSchema.version)")
            }
            if current == PostgresSchema.version { return }
            for step in (current + 1)...PostgresSchema.version {
                for statement in migration(to: step) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: pool.logger)
                }
            }
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO \(versions) (singleton, version) VALUES (true, \(PostgresSchema.version))
                        ON CONFLICT (singleton) DO UPDATE SET version = excluded.version
                        """), logger: pool.logger)
        }
        if let current = try await currentVersion(on: connection, pool: pool), current > PostgresSchema.version {
            throw StoreError.unsupportedFormat(
                "\(location): database schema version \(current); this build reads up to \(PostgresSchema.version)")
        }
    }

    /// The version in `playbooks_schema`, `nil` when the table does not exist or has no row.
    private func currentVersion(on connection: PostgresConnection, pool: PostgresConnectionPool) async throws -> Int? {
        let table = "\"\(name)\".playbooks_schema"
        let rows = try await connection.query(
            "SELECT to_regclass(\(table)) IS NOT NULL", logger: pool.logger)
        var exists = false
        for try await row in rows { exists = try row.decode(Bool.self) }
        guard exists else { return nil }
        var version: Int?
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: "SELECT version FROM \(versions)"), logger: pool.logger) {
            version = Int(try row.decode(Int32.self))
        }
        return version
    }
}
