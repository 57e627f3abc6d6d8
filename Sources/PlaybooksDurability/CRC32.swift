/// CRC-32 (IEEE 802.3, the one of zlib and PNG), computed incrementally.
///
/// ```swift
/// var crc = CRC32()
/// crc.update([0x31, 0x32, 0x33])
/// crc.value   // 0x884863D2
/// ```
package struct CRC32: Sendable {
    private static let table: [UInt32] = (0..<256).map { (n: Int) -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
        return c
    }

    private var state: UInt32 = 0xFFFF_FFFF

    init() {}

    /// The checksum of everything passed to ``update(_:)`` so far.
    var value: UInt32 { ~state }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var c = state
        CRC32.table.withUnsafeBufferPointer { table in
            for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        state = c
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    mutating func update(_ byte: UInt8) {
        withUnsafeBytes(of: byte) { update($0) }
    }

    mutating func update(littleEndian value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { update($0) }
    }

    /// The checksum both stores keep for a journal record: CRC-32 of the sequence (8 bytes, little
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
