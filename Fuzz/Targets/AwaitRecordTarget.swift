@testable import PlaybooksDurability
@testable import PlaybooksRuntime

/// libFuzzer target `awaitrecord`: the payload of a journal record as the runtime decodes it on
/// resume (`AwaitRecord(record:)`: the call, its arguments, its outcome, where its statement is),
/// whichever store kept it. The first byte is the record kind, the rest the payload. Damage is a
/// `RecordFormatError`; a record that decodes encodes to bytes that decode and encode to the same
/// bytes again; nothing traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func awaitRecordTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let record = JournalRecord(sequence: 1, kind: bytes[0], payload: Array(bytes.dropFirst()))
    guard let decoded = try? AwaitRecord(record: record) else { return 0 }
    let encoded = decoded.encoded()
    guard let again = try? AwaitRecord(record: JournalRecord(sequence: 1, kind: record.kind, payload: encoded)) else {
        preconditionFailure("a decoded await record does not decode after encoding")
    }
    precondition(again.encoded() == encoded, "an await record changes through encode and decode")
    return 0
}
