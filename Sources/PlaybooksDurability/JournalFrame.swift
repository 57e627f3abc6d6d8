import PlaybooksChecksum

/// One journal record as the files store writes it.
///
/// Layout (20-byte header, little endian, then the payload):
///
/// | bytes  | field                                            |
/// |--------|--------------------------------------------------|
/// | 0-1    | marker `A7 1F`                                   |
/// | 2      | frame format version (1)                         |
/// | 3      | kind                                             |
/// | 4-7    | payload length                                   |
/// | 8-11   | CRC-32 of sequence, kind and payload (see ``CRC32/record(sequence:kind:payload:)``) |
/// | 12-19  | sequence                                         |
/// | 20-... | payload                                          |
enum JournalFrame {
    static let marker0: UInt8 = 0xA7
    static let marker1: UInt8 = 0x1F
    static let formatVersion: UInt8 = 1
    static let headerSize = 20
    /// Larger payloads are refused on write and read as damage.
    static let maxPayload = 1 << 30

    /// The number of bytes `record` takes in a journal file.
    static func encodedSize(_ record: JournalRecord) -> Int { headerSize + record.payload.count }

    /// Appends the frame of `record` to `bytes`.
    static func encode(_ record: JournalRecord, into bytes: inout [UInt8]) {
        bytes.append(marker0)
        bytes.append(marker1)
        bytes.append(formatVersion)
        bytes.append(record.kind)
        bytes.appendLittleEndian(UInt32(truncatingIfNeeded: record.payload.count))
        bytes.appendLittleEndian(CRC32.record(sequence: record.sequence, kind: record.kind, payload: record.payload))
        bytes.appendLittleEndian(UInt64(truncatingIfNeeded: record.sequence))
        bytes.append(contentsOf: record.payload)
    }

    /// What is found at one offset of a journal.
    enum Decoded {
        /// An intact frame, ending at `end`.
        case frame(JournalRecord, end: Int)
        /// The bytes stop before the frame does.
        case truncated(String)
        /// The frame is there but wrong (marker, length or checksum).
        case damaged(String)
        /// A frame of a format this build does not read.
        case unknownVersion(UInt8)
    }

    /// Decodes the frame starting at `offset` of `buffer`.
    static func decode(_ buffer: UnsafeRawBufferPointer, at offset: Int) -> Decoded {
        let available = buffer.count - offset
        if available < headerSize {
            return .truncated("\(available) bytes of a partial record header")
        }
        guard buffer[offset] == marker0, buffer[offset + 1] == marker1 else {
            return .damaged("no record marker at offset \(offset)")
        }
        let version = buffer[offset + 2]
        guard version == formatVersion else { return .unknownVersion(version) }
        let kind = buffer[offset + 3]
        let length = Int(buffer.littleEndianUInt32(at: offset + 4))
        let crc = buffer.littleEndianUInt32(at: offset + 8)
        let rawSequence = buffer.littleEndianUInt64(at: offset + 12)
        if length > maxPayload { return .damaged("implausible record length \(length) at offset \(offset)") }
        if available - headerSize < length {
            return .truncated("\(available) bytes of a \(headerSize + length)-byte record")
        }
        guard rawSequence >= 1, rawSequence <= UInt64(Int.max) else {
            return .damaged("invalid sequence \(rawSequence) at offset \(offset)")
        }
        let start = offset + headerSize
        let payload = [UInt8](UnsafeRawBufferPointer(rebasing: buffer[start..<(start + length)]))
        let sequence = Int(rawSequence)
        guard CRC32.record(sequence: sequence, kind: kind, payload: payload) == crc else {
            return .damaged("checksum mismatch in a \(headerSize + length)-byte record at offset \(offset)")
        }
        return .frame(JournalRecord(sequence: sequence, kind: kind, payload: payload), end: start + length)
    }

    /// Whether an intact frame starts anywhere in `buffer` at or after `offset`: tells a torn tail
    /// (nothing intact follows) from damage in the middle of a journal.
    static func intactFrameExists(in buffer: UnsafeRawBufferPointer, from offset: Int) -> Bool {
        var p = offset
        while p + headerSize <= buffer.count {
            if buffer[p] == marker0, buffer[p + 1] == marker1, buffer[p + 2] == formatVersion,
                case .frame = decode(buffer, at: p)
            {
                return true
            }
            p += 1
        }
        return false
    }
}
