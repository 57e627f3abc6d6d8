import Foundation
import GRDB
import PlaybooksChecksum

@testable import PlaybooksDurability

/// libFuzzer target `rows`: what the SQLite store decodes from rows it reads back (`SQLiteRows`:
/// journal and snapshot rows, whose columns may hold any SQLite type after damage or a hand edit)
/// and the JSON both stores keep an execution's info as (`ExecutionInfoCoding`).
///
/// The first byte picks the case: a journal or snapshot row of typed columns made from the input
/// (checksums rarely match), the same rows sealed with a correct checksum (they must read back,
/// and a column of another type must read as damaged), or the rest of the input as execution-info
/// JSON (what decodes must encode and decode to the same info). Nothing may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func rowsTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(Array(UnsafeBufferPointer(start: data, count: size)))
    switch input.byte() % 5 {
    case 0:
        let row: Row = [
            "sequence": column(&input), "kind": column(&input), "payload": column(&input), "crc": column(&input),
        ]
        if let record = SQLiteRows.journalRecord(row).record {
            let stored: DatabaseValue = row[3]
            let crc = Int64(CRC32.record(sequence: record.sequence, kind: record.kind, payload: record.payload))
            precondition(stored == crc.databaseValue, "a journal row with a wrong checksum reads as intact")
        }
    case 1:
        let sequence = Int(input.uint64() >> 2)
        let kind = input.byte()
        let payload = input.chunk()
        let crc = Int64(CRC32.record(sequence: sequence, kind: kind, payload: payload))
        let intact: Row = ["sequence": Int64(sequence), "kind": Int64(kind), "payload": Data(payload), "crc": crc]
        precondition(
            SQLiteRows.journalRecord(intact).record == JournalRecord(sequence: sequence, kind: kind, payload: payload),
            "an intact journal row does not read back")
        let retyped: Row = [
            "sequence": Int64(sequence), "kind": Int64(kind), "payload": String(decoding: payload, as: UTF8.self), "crc": crc,
        ]
        precondition(SQLiteRows.journalRecord(retyped).record == nil, "a payload stored as text reads as intact")
    case 2:
        let row: Row = ["sequence": column(&input), "bytes": column(&input), "crc": column(&input)]
        _ = SQLiteRows.snapshot(row)
    case 3:
        let sequence = Int(input.uint64() >> 2)
        let bytes = input.chunk()
        let crc = Int64(CRC32.snapshot(sequence: sequence, bytes: bytes))
        let row: Row = ["sequence": Int64(sequence), "bytes": Data(bytes), "crc": crc]
        precondition(
            SQLiteRows.snapshot(row) == SnapshotRecord(sequence: sequence, bytes: bytes), "an intact snapshot row does not read back")
        let wrong: Row = ["sequence": Int64(sequence), "bytes": Data(bytes), "crc": crc ^ 1]
        precondition(SQLiteRows.snapshot(wrong) == nil, "a snapshot row with a wrong checksum reads as intact")
    default:
        guard let id = try? ExecutionID(validating: "fuzz") else { preconditionFailure("a valid id is refused") }
        if let info = try? ExecutionInfoCoding.decode(input.rest(), id: id) {
            guard let encoded = try? ExecutionInfoCoding.encode(info), let again = try? ExecutionInfoCoding.decode(encoded, id: id)
            else { preconditionFailure("decoded execution info does not encode and decode") }
            precondition(again == info, "execution info changes through encode and decode")
        }
    }
    return 0
}

/// A column value of the type the next byte picks: NULL, an integer, a real, text or a blob.
private func column(_ input: inout FuzzInput) -> DatabaseValue {
    switch input.byte() % 5 {
    case 0: return .null
    case 1: return Int64(bitPattern: input.uint64()).databaseValue
    case 2: return Double(bitPattern: input.uint64()).databaseValue
    case 3: return String(decoding: input.chunk(), as: UTF8.self).databaseValue
    default: return Data(input.chunk()).databaseValue
    }
}
