/// CRC-32 (IEEE 802.3, the one of zlib and PNG), computed incrementally: the one checksum of the
/// snapshot bytes of the language and of the records and snapshots of the stores.
///
/// ```swift
/// var crc = CRC32()
/// crc.update([0x31, 0x32, 0x33])
/// crc.value   // 0x884863D2
/// CRC32.checksum([0x31, 0x32, 0x33])   // the same
/// ```
public struct CRC32: Sendable {
    private static let table: [UInt32] = (0..<256).map { (n: Int) -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
        return c
    }

    private var state: UInt32 = 0xFFFF_FFFF

    /// A checksum of nothing yet.
    public init() {}

    /// The checksum of everything passed to the `update` methods so far.
    public var value: UInt32 { ~state }

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    /// Adds `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var c = state
        CRC32.table.withUnsafeBufferPointer { table in
            for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        state = c
    }

    /// Adds `bytes` (contiguous storage is read in place).
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    /// Adds one byte.
    public mutating func update(_ byte: UInt8) {
        withUnsafeBytes(of: byte) { update($0) }
    }

    /// Adds the 8 bytes of `value`, little endian.
    public mutating func update(littleEndian value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { update($0) }
    }
}
