import GRDB

/// The tables of a ``SQLiteCheckpointStore`` and their version (`PRAGMA user_version`).
enum SQLiteSchema {
    /// The schema this build writes and reads. A database with a higher version is refused.
    static let version = 1

    static let createV1 = """
        CREATE TABLE executions (
            id TEXT PRIMARY KEY NOT NULL,
            created_at REAL NOT NULL,
            info TEXT NOT NULL,
            pruned_through INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX executions_by_creation ON executions (created_at, id);
        CREATE TABLE journal (
            execution_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            payload BLOB NOT NULL,
            crc INTEGER NOT NULL,
            PRIMARY KEY (execution_id, sequence)
        ) WITHOUT ROWID;
        CREATE TABLE snapshots (
            execution_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            bytes BLOB NOT NULL,
            crc INTEGER NOT NULL,
            PRIMARY KEY (execution_id, sequence)
        ) WITHOUT ROWID;
        PRAGMA user_version = 1;
        """

    /// Creates the tables in an empty database; throws ``StoreError/unsupportedFormat(_:)`` for a
    /// database of a newer version.
    static func prepare(_ db: Database, location: String) throws {
        let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if current > version {
            throw StoreError.unsupportedFormat("\(location): database schema version \(current); this build reads up to \(version)")
        }
        if current == 0 {
            try db.inTransaction(.immediate) {
                // Another process may have created the schema since the check above.
                if try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 == 0 { try db.execute(sql: createV1) }
                return .commit
            }
        }
    }
}
