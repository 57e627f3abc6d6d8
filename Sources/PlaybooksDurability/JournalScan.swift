/// What reading a whole files-store journal found: its intact records, where the intact part ends,
/// and whether a torn tail follows.
struct JournalScan: Sendable {
    var baseSequence: Int
    /// The intact records with `sequence >= from` (empty when the scan did not collect).
    var records: [JournalRecord]
    /// Byte offset just past the last intact frame (0 for an empty file without header).
    var validEnd: Int
    /// The last intact sequence (`baseSequence` when no frame is intact).
    var lastSequence: Int
    var damagedTail: DamagedTail?

    /// Scans `bytes`, the content of the journal file `file` of execution `id`.
    ///
    /// Collects records with `sequence >= collectingFrom` (none when `nil`). Throws
    /// ``StoreError/corrupted(_:sequence:detail:)`` when damage is followed by an intact frame and
    /// ``StoreError/unsupportedFormat(_:)`` for a header or frame of an unknown version.
    static func scan(_ bytes: [UInt8], id: ExecutionID, file: String, collectingFrom: Int?) throws(StoreError) -> JournalScan {
        if bytes.isEmpty {
            return JournalScan(baseSequence: 0, records: [], validEnd: 0, lastSequence: 0, damagedTail: nil)
        }
        let result: Result<JournalScan, StoreError> = bytes.withUnsafeBytes { buffer in
            scan(buffer, id: id, file: file, collectingFrom: collectingFrom)
        }
        return try result.get()
    }

    private static func scan(
        _ buffer: UnsafeRawBufferPointer, id: ExecutionID, file: String, collectingFrom: Int?
    ) -> Result<JournalScan, StoreError> {
        let header: JournalFileHeader
        switch JournalFileHeader.decode(buffer) {
        case .header(let h): header = h
        case .damaged(let detail): return .failure(.corrupted(id, sequence: nil, detail: "\(file): \(detail)"))
        case .unknownVersion(let v):
            return .failure(
                .unsupportedFormat("\(file): journal format version \(v); this build reads version \(JournalFileHeader.formatVersion)"))
        }
        var scan = JournalScan(
            baseSequence: header.baseSequence, records: [], validEnd: JournalFileHeader.size, lastSequence: header.baseSequence,
            damagedTail: nil)
        var offset = JournalFileHeader.size
        while offset < buffer.count {
            switch JournalFrame.decode(buffer, at: offset) {
            case .frame(let record, let end):
                guard record.sequence == scan.lastSequence + 1 else {
                    return .failure(
                        .corrupted(
                            id, sequence: record.sequence,
                            detail: "\(file): record \(record.sequence) at offset \(offset) follows record \(scan.lastSequence)"))
                }
                if let from = collectingFrom, record.sequence >= from { scan.records.append(record) }
                scan.lastSequence = record.sequence
                scan.validEnd = end
                offset = end
            case .unknownVersion(let v):
                return .failure(
                    .unsupportedFormat(
                        "\(file): record at offset \(offset) has format version \(v); this build reads version \(JournalFrame.formatVersion)"
                    ))
            case .truncated(let detail), .damaged(let detail):
                if JournalFrame.intactFrameExists(in: buffer, from: offset + 1) {
                    return .failure(
                        .corrupted(id, sequence: scan.lastSequence + 1, detail: "\(file): \(detail), followed by intact records"))
                }
                scan.damagedTail = DamagedTail(lastIntactSequence: scan.lastSequence, detail: detail)
                return .success(scan)
            }
        }
        return .success(scan)
    }
}
