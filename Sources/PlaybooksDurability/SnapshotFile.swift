import PlaybooksChecksum

/// A snapshot as the files store keeps it in `snapshots/<sequence>.snap`.
///
/// Layout (28-byte header, little endian, then the bytes): `PBSN` (4), format version (1),
/// 3 zero bytes, sequence (UInt64), byte count (UInt64), CRC-32 of sequence and bytes (UInt32,
/// see ``CRC32/snapshot(sequence:bytes:)``).
enum SnapshotFile {
    static let magic: [UInt8] = Array("PBSN".utf8)
    static let formatVersion: UInt8 = 1
    static let headerSize = 28

    static func encode(_ snapshot: SnapshotRecord) -> [UInt8] {
        var bytes = magic
        bytes.reserveCapacity(headerSize + snapshot.bytes.count)
        bytes.append(formatVersion)
        bytes.append(contentsOf: [0, 0, 0])
        bytes.appendLittleEndian(UInt64(snapshot.sequence))
        bytes.appendLittleEndian(UInt64(snapshot.bytes.count))
        bytes.appendLittleEndian(CRC32.snapshot(sequence: snapshot.sequence, bytes: snapshot.bytes))
        bytes.append(contentsOf: snapshot.bytes)
        return bytes
    }

    enum Decoded {
        case snapshot(SnapshotRecord)
        case damaged(String)
        case unknownVersion(UInt8)
    }

    static func decode(_ content: [UInt8]) -> Decoded {
        content.withUnsafeBytes { buffer -> Decoded in
            guard buffer.count >= headerSize else { return .damaged("snapshot cut short at \(buffer.count) bytes") }
            guard Array(buffer[0..<4]) == magic else { return .damaged("not a snapshot file") }
            guard buffer[4] == formatVersion else { return .unknownVersion(buffer[4]) }
            let sequence = buffer.littleEndianUInt64(at: 8)
            let count = buffer.littleEndianUInt64(at: 16)
            let crc = buffer.littleEndianUInt32(at: 24)
            guard sequence <= UInt64(Int.max), count == UInt64(buffer.count - headerSize) else {
                return .damaged("snapshot length does not match its header")
            }
            let bytes = [UInt8](UnsafeRawBufferPointer(rebasing: buffer[headerSize...]))
            guard CRC32.snapshot(sequence: Int(sequence), bytes: bytes) == crc else { return .damaged("snapshot checksum mismatch") }
            return .snapshot(SnapshotRecord(sequence: Int(sequence), bytes: bytes))
        }
    }
}
