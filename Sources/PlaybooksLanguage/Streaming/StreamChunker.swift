/// Cuts text into chunks the way a streaming LLM might deliver it: fixed sizes, or sizes from 1
/// to 40 Unicode scalars drawn from a seeded generator (the same seed gives the same chunks on
/// every platform).
public struct StreamChunker: Sendable {
    /// SplitMix64: a small, fast, well-mixed 64-bit generator.
    public struct Generator: RandomNumberGenerator, Sendable {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Chunks of `size` Unicode scalars (the last may be shorter).
    public static func chunks(of text: String, size: Int) -> [String] {
        chunks(of: text) { max(1, size) }
    }

    /// Chunks of 1 to `maxSize` Unicode scalars, sizes drawn from a generator seeded with `seed`.
    public static func chunks(of text: String, seed: UInt64, maxSize: Int = 40) -> [String] {
        var rng = Generator(seed: seed)
        return chunks(of: text) { Int(rng.next() % UInt64(max(1, maxSize))) + 1 }
    }

    /// Cuts `text` into chunks whose sizes `nextSize` gives, one after another.
    private static func chunks(of text: String, nextSize: () -> Int) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var target = nextSize()
        var n = 0
        for s in text.unicodeScalars {
            current.append(s)
            n += 1
            if n == target {
                out.append(String(current))
                current = String.UnicodeScalarView()
                n = 0
                target = nextSize()
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }
}
