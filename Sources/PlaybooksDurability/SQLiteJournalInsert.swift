import GRDB
import GRDBSQLite

/// The append hot path's INSERT, bound and stepped directly: the id and payload are bound in
/// place (`SQLITE_STATIC`), with no `Data` copy of the payload and no `StatementArguments` boxing.
enum SQLiteJournalInsert {
    static let sql = "INSERT INTO journal (execution_id, sequence, kind, payload, crc) VALUES (?, ?, ?, coalesce(?, X''), ?)"

    /// Inserts one journal row with `statement`, the writer's cached statement for ``sql``.
    static func execute(
        _ statement: Statement, db: Database, id: String, sequence: Int, kind: UInt8, payload: [UInt8], crc: Int64
    ) throws {
        let handle = statement.sqliteStatement
        var id = id
        let code: CInt = id.withUTF8 { idBytes in
            payload.withUnsafeBytes { bytes in
                sqlite3_reset(handle)
                var bound = sqlite3_bind_text(handle, 1, idBytes.baseAddress, CInt(idBytes.count), nil)
                if bound == SQLITE_OK { bound = sqlite3_bind_int64(handle, 2, Int64(sequence)) }
                if bound == SQLITE_OK { bound = sqlite3_bind_int64(handle, 3, Int64(kind)) }
                // An empty payload has no address and binds NULL, which `coalesce` turns into X''.
                if bound == SQLITE_OK { bound = sqlite3_bind_blob(handle, 4, bytes.baseAddress, CInt(bytes.count), nil) }
                if bound == SQLITE_OK { bound = sqlite3_bind_int64(handle, 5, crc) }
                let result = bound == SQLITE_OK ? sqlite3_step(handle) : bound
                // The bindings point into buffers that die with this closure.
                sqlite3_reset(handle)
                sqlite3_clear_bindings(handle)
                return result
            }
        }
        guard code == SQLITE_DONE else {
            let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }
}
