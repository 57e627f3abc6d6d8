import PlaybooksChecksum

/// The first 20 bytes of a files-store journal: format version and the sequence the journal
/// continues from (non-zero after a prune removed the older records).
///
/// Layout: `PBJL` (4), format version (1), 3 zero bytes, base sequence (UInt64 LE), CRC-32 of
/// bytes 0-15 (UInt32 LE).
struct JournalFileHeader: Equatable, Sendable {
    static let magic: [UInt8] = Array("PBJL".utf8)
    static let formatVersion: UInt8 = 1
    static let size = 20

    /// The sequence of the last record before the first frame in the file (0: none).
    var baseSequence: Int

    func encoded() -> [UInt8] {
        var bytes = JournalFileHeader.magic
        bytes.append(JournalFileHeader.formatVersion)
        bytes.append(contentsOf: [0, 0, 0])
        bytes.appendLittleEndian(UInt64(baseSequence))
        var crc = CRC32()
        crc.update(bytes)
        bytes.appendLittleEndian(crc.value)
        return bytes
    }

    enum Decoded {
        case header(JournalFileHeader)
        case damaged(String)
        case unknownVersion(UInt8)
    }

    static func decode(_ buffer: UnsafeRawBufferPointer) -> Decoded {
        guard buffer.count >= size else { return .damaged("journal header cut short at \(buffer.count) bytes") }
        guard Array(buffer[0..<4]) == magic else { return .damaged("not a journal file (no PBJL header)") }
        guard buffer[4] == formatVersion else { return .unknownVersion(buffer[4]) }
        var crc = CRC32()
        crc.update(UnsafeRawBufferPointer(rebasing: buffer[0..<16]))
        guard crc.value == buffer.littleEndianUInt32(at: 16) else { return .damaged("journal header checksum mismatch") }
        let base = buffer.littleEndianUInt64(at: 8)
        guard base <= UInt64(Int.max) else { return .damaged("journal header has an invalid base sequence") }
        return .header(JournalFileHeader(baseSequence: Int(base)))
    }
}
