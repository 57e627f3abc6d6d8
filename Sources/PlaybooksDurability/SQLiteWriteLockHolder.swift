import GRDBSQLite

/// A second, independent connection to a SQLite database that takes its write lock
/// (`BEGIN IMMEDIATE`) and holds it until ``release()``: what another process writing to the same
/// database looks like to a ``SQLiteCheckpointStore`` (whose writes then meet `SQLITE_BUSY`).
/// For the storage-fault tests.
package final class SQLiteWriteLockHolder: @unchecked Sendable {
    private var connection: OpaquePointer?

    /// Opens `path` and takes the write lock; throws the SQLite message when it cannot.
    package init(path: String) throws(StoreError) {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let handle else {
            let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            sqlite3_close(handle)
            throw .unavailable("sqlite:\(path): \(message)")
        }
        guard sqlite3_exec(handle, "BEGIN IMMEDIATE", nil, nil, nil) == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(handle))
            sqlite3_close(handle)
            throw .unavailable("sqlite:\(path): BEGIN IMMEDIATE: \(message)")
        }
        connection = handle
    }

    /// Ends the transaction (nothing was written) and closes the connection.
    package func release() {
        guard let connection else { return }
        sqlite3_exec(connection, "ROLLBACK", nil, nil, nil)
        sqlite3_close(connection)
        self.connection = nil
    }

    deinit { release() }
}
