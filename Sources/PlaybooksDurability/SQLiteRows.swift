import Foundation
import GRDB
import PlaybooksChecksum

/// Reading journal and snapshot rows back, checksum verified, without trusting column types
/// (a damaged or hand-edited row must read as damaged, never trap).
enum SQLiteRows {
    static func blob(_ value: DatabaseValue) -> [UInt8]? {
        switch value.storage {
        case .blob(let data): return [UInt8](data)
        default: return nil
        }
    }

    static func integer(_ value: DatabaseValue) -> Int64? {
        if case .int64(let n) = value.storage { return n }
        return nil
    }

    /// A journal row (`sequence, kind, payload, crc`): its sequence and the record when intact.
    static func journalRecord(_ row: Row) -> (sequence: Int, record: JournalRecord?) {
        let sequence = Int(integer(row[0]) ?? 0)
        guard let kind = integer(row[1]), kind >= 0, kind <= 255, let payload = blob(row[2]), let crc = integer(row[3]),
            Int64(CRC32.record(sequence: sequence, kind: UInt8(kind), payload: payload)) == crc
        else { return (sequence, nil) }
        return (sequence, JournalRecord(sequence: sequence, kind: UInt8(kind), payload: payload))
    }

    /// A snapshot row (`sequence, bytes, crc`) when intact.
    static func snapshot(_ row: Row) -> SnapshotRecord? {
        guard let sequence = integer(row[0]), sequence >= 0, let bytes = blob(row[1]), let crc = integer(row[2]),
            Int64(CRC32.snapshot(sequence: Int(sequence), bytes: bytes)) == crc
        else { return nil }
        return SnapshotRecord(sequence: Int(sequence), bytes: bytes)
    }

    /// The execution's `pruned_through`, or `nil` when there is no such execution.
    static func prunedThrough(_ db: Database, _ id: ExecutionID) throws -> Int? {
        let statement = try db.cachedStatement(sql: "SELECT pruned_through FROM executions WHERE id = ?")
        return try Int.fetchOne(statement, arguments: [id.rawValue])
    }

    /// The last intact sequence of the journal and whether damaged rows follow it (a torn tail).
    static func tail(_ db: Database, _ id: ExecutionID, prunedThrough: Int) throws -> (lastIntact: Int, damagedAfter: Bool) {
        let statement = try db.cachedStatement(
            sql: "SELECT sequence, kind, payload, crc FROM journal WHERE execution_id = ? ORDER BY sequence DESC")
        let rows = try Row.fetchCursor(statement, arguments: [id.rawValue])
        var damaged = false
        while let row = try rows.next() {
            let (sequence, record) = journalRecord(row)
            if record != nil { return (sequence, damaged) }
            damaged = true
        }
        return (prunedThrough, damaged)
    }
}

extension DatabaseValue.Storage {
    /// The text, when the value is text.
    var text: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
