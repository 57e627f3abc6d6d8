import Foundation
import GRDB
import GRDBSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An SQLite error with the `errno` of the system call that failed under it: SQLite reports a
/// `write` refused with `EROFS` as `SQLITE_IOERR_WRITE`, "disk I/O error", the same as a failing
/// disk.
struct SQLiteSystemError: Error {
    var error: DatabaseError
    var systemErrno: Int32

    /// `error`, met on `db`'s connection, with the errno behind it when it is an I/O failure.
    /// Read at once, on the connection that failed, before a rollback: `sqlite3_system_errno`
    /// when SQLite set it (it does not for a failed `COMMIT`), else the last failed call's errno
    /// that the unix VFS keeps per file (`SQLITE_FCNTL_LAST_ERRNO`), the WAL's first (a commit
    /// writes there), then the database file's.
    static func adding(to error: any Error, on db: Database) -> any Error {
        guard let error = error as? DatabaseError, SQLiteCheckpointStore.isStorageFailure(error), let handle = db.sqliteConnection
        else { return error }
        var code = sqlite3_system_errno(handle)
        if code == 0 { code = lastErrno(handle, ofJournal: true) }
        if code == 0 { code = lastErrno(handle, ofJournal: false) }
        return code == 0 ? error : SQLiteSystemError(error: error, systemErrno: code)
    }

    /// The errno of the last failed call on the main database file or its journal (the WAL), 0
    /// when none failed or the VFS does not say.
    static func lastErrno(_ handle: OpaquePointer, ofJournal: Bool) -> Int32 {
        var code: Int32 = 0
        if ofJournal {
            var file: UnsafeMutablePointer<sqlite3_file>?
            guard sqlite3_file_control(handle, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file) == SQLITE_OK, let file,
                let control = file.pointee.pMethods?.pointee.xFileControl
            else { return 0 }
            guard control(file, SQLITE_FCNTL_LAST_ERRNO, &code) == SQLITE_OK else { return 0 }
        } else {
            guard sqlite3_file_control(handle, "main", SQLITE_FCNTL_LAST_ERRNO, &code) == SQLITE_OK else { return 0 }
        }
        return code
    }
}

extension SQLiteCheckpointStore {
    /// What went wrong in a database call on the database at `path`, for a
    /// ``StoreError/unavailable(_:)`` message: SQLite's own text with its extended result code by
    /// name (`SQLITE_IOERR_FSYNC` tells a failed fsync from a failed write); for a lock held too
    /// long by another connection, that it was waited for; for a read-only file system or a
    /// read-only database file, that, with the path (SQLite itself says "disk I/O error" or
    /// "attempt to write a readonly database").
    static func describe(_ error: any Error, path: String) -> String {
        let location = "sqlite:\(path)"
        if let error = error as? StoreError { return "\(error)" }
        var systemErrno: Int32 = 0
        var error = error
        if let failure = error as? SQLiteSystemError {
            systemErrno = failure.systemErrno
            error = failure.error
        }
        guard let error = error as? DatabaseError else { return "\(location): \(error)" }
        if error.resultCode == .SQLITE_BUSY {
            return "\(location): another connection held the database's write lock for more than "
                + "\(Int(busyTimeout)) s (SQLITE_BUSY): \(error)"
        }
        var text = "\(error)"
        if let name = extendedCodeNames[error.extendedResultCode.rawValue] { text += " (\(name))" }
        if let cause = readOnlyCause(error, systemErrno: systemErrno, path: path) { return "\(location): \(cause): \(text)" }
        return "\(location): \(text)"
    }

    /// Whether `error` is SQLite's report of a failed file operation.
    static func isStorageFailure(_ error: DatabaseError) -> Bool {
        [.SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_FULL].contains(error.resultCode)
    }

    /// "cannot write PATH: Read-only file system" when the write failed because the file system
    /// is read-only (the failed call's errno is `EROFS`, or the file system is mounted
    /// read-only), "cannot write PATH: the file is read-only" when the database file or its
    /// directory is not writable; `nil` for other failures.
    static func readOnlyCause(_ error: DatabaseError, systemErrno: Int32, path: String) -> String? {
        guard [.SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) else { return nil }
        if systemErrno == EROFS || POSIXFile.isOnReadOnlyFileSystem(path) {
            return "cannot write \(path): \(POSIXFile.message(EROFS)) (the file system is mounted read-only)"
        }
        if systemErrno == EACCES || systemErrno == EPERM {
            return "cannot write \(path): the file or its directory is read-only (\(POSIXFile.message(systemErrno)))"
        }
        if error.resultCode == .SQLITE_READONLY, !POSIXFile.isWritable(path) {
            return "cannot write \(path): the file or its directory is read-only"
        }
        return nil
    }

    /// Names of the extended result codes a storage fault produces.
    static let extendedCodeNames: [Int32: String] = [
        SQLITE_FULL: "SQLITE_FULL", SQLITE_READONLY: "SQLITE_READONLY", SQLITE_IOERR: "SQLITE_IOERR",
        SQLITE_IOERR | (1 << 8): "SQLITE_IOERR_READ", SQLITE_IOERR | (3 << 8): "SQLITE_IOERR_WRITE",
        SQLITE_IOERR | (4 << 8): "SQLITE_IOERR_FSYNC", SQLITE_IOERR | (5 << 8): "SQLITE_IOERR_DIR_FSYNC",
        SQLITE_IOERR | (6 << 8): "SQLITE_IOERR_TRUNCATE", SQLITE_IOERR | (7 << 8): "SQLITE_IOERR_FSTAT",
        SQLITE_IOERR | (10 << 8): "SQLITE_IOERR_DELETE", SQLITE_IOERR | (13 << 8): "SQLITE_IOERR_ACCESS",
        SQLITE_IOERR | (18 << 8): "SQLITE_IOERR_SHMOPEN", SQLITE_IOERR | (19 << 8): "SQLITE_IOERR_SHMSIZE",
        SQLITE_READONLY | (1 << 8): "SQLITE_READONLY_RECOVERY", SQLITE_READONLY | (2 << 8): "SQLITE_READONLY_CANTLOCK",
        SQLITE_READONLY | (3 << 8): "SQLITE_READONLY_ROLLBACK", SQLITE_READONLY | (5 << 8): "SQLITE_READONLY_CANTINIT",
        SQLITE_READONLY | (6 << 8): "SQLITE_READONLY_DIRECTORY", SQLITE_CANTOPEN: "SQLITE_CANTOPEN",
    ]
}
