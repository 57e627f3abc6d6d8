/// Reads what ``ByteWriter`` wrote; every read is bounds-checked and fails with a
/// ``SnapshotError`` instead of trapping.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int
    let end: Int

    init(_ bytes: [UInt8], from: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = from
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - offset }

    static let truncated = SnapshotError("snapshot is damaged: it ends in the middle of a record")

    mutating func u8() throws(SnapshotError) -> UInt8 {
        guard offset < end else { throw ByteReader.truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uvarint() throws(SnapshotError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try u8()
            if shift >= 64 { throw SnapshotError("snapshot is damaged: an integer is too long") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func varint() throws(SnapshotError) -> Int {
        let z = try uvarint()
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    /// A count of items that each take at least one byte, so it cannot exceed what is left.
    mutating func count() throws(SnapshotError) -> Int {
        let n = try uvarint()
        guard n <= UInt64(remaining) else {
            throw SnapshotError("snapshot is damaged: a count of \(n) exceeds the remaining \(remaining) bytes")
        }
        return Int(n)
    }

    /// A non-negative integer that is not a count (an id, an index, a position).
    mutating func index() throws(SnapshotError) -> Int {
        let n = try uvarint()
        guard n <= UInt64(Int32.max) else { throw SnapshotError("snapshot is damaged: an index of \(n) is out of range") }
        return Int(n)
    }

    mutating func int32() throws(SnapshotError) -> Int32 {
        let v = try varint()
        guard let i = Int32(exactly: v) else { throw SnapshotError("snapshot is damaged: an operand is out of range") }
        return i
    }

    mutating func u64() throws(SnapshotError) -> UInt64 {
        guard remaining >= 8 else { throw ByteReader.truncated }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return v
    }

    mutating func u32() throws(SnapshotError) -> UInt32 {
        guard remaining >= 4 else { throw ByteReader.truncated }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        offset += 4
        return v
    }

    mutating func string() throws(SnapshotError) -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
    }

    mutating func bool() throws(SnapshotError) -> Bool { try u8() != 0 }
}
