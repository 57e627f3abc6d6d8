/// Appends primitive values in a compact little-endian form (LEB128 varints for integers).
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func uvarint(_ v: UInt64) {
        var x = v
        while x >= 0x80 {
            bytes.append(UInt8(x & 0x7F) | 0x80)
            x >>= 7
        }
        bytes.append(UInt8(x))
    }

    mutating func varint(_ v: Int) {
        let z = UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))
        uvarint(z)
    }

    mutating func count(_ n: Int) { uvarint(UInt64(n)) }

    mutating func u64(_ v: UInt64) {
        for i in 0..<8 { bytes.append(UInt8((v >> (8 * UInt64(i))) & 0xFF)) }
    }

    mutating func u32(_ v: UInt32) {
        for i in 0..<4 { bytes.append(UInt8((v >> (8 * UInt32(i))) & 0xFF)) }
    }

    mutating func string(_ s: String) {
        let utf8 = s.utf8
        count(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }
}
