import PlaybooksChecksum
import Testing

/// The one CRC-32 of the package (snapshots and journal records) is zlib's: the values below are
/// `python3 -c "import zlib; print(hex(zlib.crc32(DATA)))"`.
struct CRC32Tests {
    @Test func matchesZlib() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        let bytes = (0..<768).map { UInt8($0 % 256) }
        #expect(CRC32.checksum(bytes) == 0xB0C0_DF2A)
        #expect(CRC32.checksum(bytes[...]) == 0xB0C0_DF2A)
        #expect(CRC32.checksum(bytes.lazy.map { $0 }) == 0xB0C0_DF2A)
        var pieces = CRC32()
        pieces.update(bytes[0..<100])
        pieces.update(bytes[100])
        pieces.update(Array(bytes[101...]))
        #expect(pieces.value == 0xB0C0_DF2A)
    }

    /// Eight bytes at a step give what one byte at a step gives, for every length and alignment.
    @Test func slicingMatchesTheByteAtATimeDefinition() {
        func reference(_ bytes: ArraySlice<UInt8>) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
            }
            return ~c
        }
        let bytes = (0..<100_003).map { UInt8(($0 * 7 + 3) % 251) }
        for start in 0..<9 {
            for length in 0..<40 {
                let slice = bytes[start..<(start + length)]
                #expect(CRC32.checksum(slice) == reference(slice), "start \(start), length \(length)")
            }
        }
        // python3 -c "import zlib; b = bytes((i * 7 + 3) % 251 for i in range(100003)); print(hex(zlib.crc32(b)), hex(zlib.crc32(b[5:77777])))"
        #expect(CRC32.checksum(bytes) == 0xE128_2231)
        #expect(CRC32.checksum(bytes[5..<77777]) == 0xBA2F_D0DD)
    }
}
