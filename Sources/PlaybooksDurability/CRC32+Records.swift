import PlaybooksChecksum

extension CRC32 {
    /// The checksum every store keeps for a journal record: CRC-32 of the sequence (8 bytes, little
    /// endian), the kind and the payload.
    package static func record(sequence: Int, kind: UInt8, payload: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(littleEndian: UInt64(truncatingIfNeeded: sequence))
        crc.update(kind)
        crc.update(payload)
        return crc.value
    }

    /// The checksum of a snapshot: CRC-32 of the sequence (8 bytes, little endian) and the bytes.
    package static func snapshot(sequence: Int, bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(littleEndian: UInt64(truncatingIfNeeded: sequence))
        crc.update(bytes)
        return crc.value
    }
}
