@testable import PlaybooksDurability

/// libFuzzer target `journal`: the files store's decoders of untrusted bytes, the journal file
/// (`JournalScan`: header, frames, torn tails) and the snapshot file (`SnapshotFile`).
///
/// The first byte picks the case. Even: the rest is read as is, as a damaged or hand-made file
/// (checksums rarely match). Odd: the rest describes a journal (base sequence, records) or a
/// snapshot that is written with correct checksums, then cut or patched at a chosen byte, so the
/// paths behind the checksums run too. Checks: an intact journal reads back exactly; a journal cut
/// anywhere reads as a prefix of its records (a torn tail, never an error); nothing traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func journalTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(Array(UnsafeBufferPointer(start: data, count: size)))
    guard let id = try? ExecutionID(validating: "fuzz") else { preconditionFailure("a valid id is refused") }
    switch input.byte() % 4 {
    case 0:
        _ = try? JournalScan.scan(input.rest(), id: id, file: "journal", collectingFrom: 1)
    case 1:
        sealedJournal(&input, id: id)
    case 2:
        _ = SnapshotFile.decode(input.rest())
    default:
        let sequence = Int(input.uint64() >> 2)
        let snapshot = SnapshotRecord(sequence: sequence, bytes: input.chunk())
        var file = SnapshotFile.encode(snapshot)
        guard case .snapshot(let decoded) = SnapshotFile.decode(file), decoded == snapshot else {
            preconditionFailure("an intact snapshot file does not read back")
        }
        let at = Int(input.uint64() % UInt64(file.count))
        file[at] ^= max(1, input.byte())
        if case .snapshot(let patched) = SnapshotFile.decode(file) {
            // (Bytes 5-7 are padding that no checksum covers.)
            precondition(patched != snapshot || (5..<8).contains(at), "a patched snapshot file reads as the original")
        }
    }
    return 0
}

/// A journal of records made from the input, sealed, read back whole, then cut and patched.
private func sealedJournal(_ input: inout FuzzInput, id: ExecutionID) {
    let base = Int(input.uint64() >> 40)
    let cutAt = input.uint64()
    let patchAt = input.uint64()
    var records: [JournalRecord] = []
    while !input.isEmpty && records.count < 64 {
        records.append(JournalRecord(sequence: base + records.count + 1, kind: input.byte(), payload: input.chunk()))
    }
    var file = JournalFileHeader(baseSequence: base).encoded()
    for record in records { JournalFrame.encode(record, into: &file) }
    guard let whole = try? JournalScan.scan(file, id: id, file: "journal", collectingFrom: base + 1) else {
        preconditionFailure("an intact journal does not read")
    }
    precondition(whole.records == records && whole.damagedTail == nil, "an intact journal reads back different records")

    // Cut anywhere after the header: a torn tail, the records before the cut. The one exception is
    // by design: a torn record whose bytes hold a complete frame with a valid checksum (its payload
    // embeds one) is refused as damage, since the scanner cannot tell it from a damaged length
    // field followed by intact records, and refusing is the side that loses nothing.
    let cut = JournalFileHeader.size + Int(cutAt % UInt64(file.count - JournalFileHeader.size + 1))
    let torn = Array(file[..<cut])
    if let prefix = try? JournalScan.scan(torn, id: id, file: "journal", collectingFrom: base + 1) {
        precondition(Array(records.prefix(prefix.records.count)) == prefix.records, "a cut journal reads other records")
    } else {
        // Where the torn record starts: after the last frame that ends before the cut.
        var start = JournalFileHeader.size
        for record in records {
            let end = start + JournalFrame.encodedSize(record)
            if end > cut { break }
            start = end
        }
        let embedsFrame =
            start + 1 < cut
            && file[(start + 1)..<cut].withUnsafeBytes { buffer in JournalFrame.intactFrameExists(in: buffer, from: 0) }
        precondition(embedsFrame, "a journal cut at byte \(cut) is refused with no frame inside the torn record")
    }

    // One patched byte: whatever it reads as, it reads without trapping.
    file[Int(patchAt % UInt64(file.count))] ^= 0x5A
    _ = try? JournalScan.scan(file, id: id, file: "journal", collectingFrom: 1)
}
