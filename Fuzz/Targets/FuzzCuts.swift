/// Where a fuzz target cuts a byte string into pieces, as network reads cut a stream: decided by a
/// seed (the input's first byte), so that one input always gives the same cuts.
struct FuzzCuts {
    /// The generator's state; after ``pieces(of:maxSizeBits:)``, a seed for further decisions.
    private(set) var seed: UInt64

    init(seedByte: UInt8) { seed = UInt64(seedByte) &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// `bytes` in consecutive pieces of 1 to 2^`maxSizeBits` bytes.
    mutating func pieces(of bytes: [UInt8], maxSizeBits: UInt64) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var i = 0
        while i < bytes.count {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let n = 1 + Int(seed >> (64 - maxSizeBits))
            pieces.append(bytes[i..<min(bytes.count, i + n)])
            i += n
        }
        return pieces
    }
}
