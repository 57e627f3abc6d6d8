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
}
