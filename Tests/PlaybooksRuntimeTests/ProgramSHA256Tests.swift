import Testing

@testable import PlaybooksRuntime

/// Expected digests were produced by `python3 -c 'import hashlib; print(hashlib.sha256(data).hexdigest())'`.
struct ProgramSHA256Tests {
    static let cases: [(String, [UInt8], String)] = [
        ("empty", [], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("55 bytes", Array(repeating: 0x61, count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        ("56 bytes", Array(repeating: 0x61, count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        ("63 bytes", Array(repeating: 0x61, count: 63), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        ("64 bytes", Array(repeating: 0x61, count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        ("65 bytes", Array(repeating: 0x61, count: 65), "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        ("119 bytes", Array(repeating: 0x61, count: 119), "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        ("120 bytes", Array(repeating: 0x61, count: 120), "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        ("128 bytes", Array(repeating: 0x61, count: 128), "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
        (
            "fox", Array("The quick brown fox jumps over the lazy dog".utf8),
            "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
        ),
        ("utf8", Array("héllo wörld — ✓ 🎉".utf8), "4ed96e01a5b14790e4460291576b5102a65fc02d143326c197fa471434dda824"),
    ]

    @Test(arguments: 0..<cases.count)
    func digestMatchesPython(index: Int) {
        let (name, bytes, expected) = Self.cases[index]
        #expect(SHA256.hexDigest(bytes) == expected, "\(name)")
    }

    /// bytes(i % 251 for i in range(1 << 20))
    static let megabyte: [UInt8] = (0..<(1 << 20)).map { UInt8($0 % 251) }
    static let megabyteDigest = "631b84027d6b9e52b539c4e8373622d23032dfadc64d60af87339c9037e4f769"

    @Test func oneMegabyte() {
        #expect(SHA256.hexDigest(Self.megabyte) == Self.megabyteDigest)
    }

    @Test func incrementalFeedingInOddPiecesGivesTheSameDigest() {
        var hasher = SHA256()
        var offset = 0
        var size = 1
        while offset < Self.megabyte.count {
            let end = min(offset + size, Self.megabyte.count)
            hasher.update(Self.megabyte[offset..<end])
            offset = end
            size = size % 97 + 13  // piece sizes that straddle block boundaries
        }
        #expect(hasher.finalizeHex() == Self.megabyteDigest)
    }

    @Test func nonContiguousSequences() {
        #expect(SHA256.hexDigest("abc".utf8.lazy.map { $0 }) == Self.cases[1].2)
        #expect(SHA256.hexDigest(of: "abc") == Self.cases[1].2)
        #expect(SHA256.digest(Array("abc".utf8)).count == 32)
    }
}
