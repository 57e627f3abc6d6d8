import PlaybooksLanguage

/// The seeded pseudo-random generator of every test (SplitMix64), so that a failing case can be
/// replayed from its seed. It draws from ``StreamChunker/Generator``, the one SplitMix64 of the
/// package, and adds the helpers test-case generators use.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var generator: StreamChunker.Generator

    public init(seed: UInt64) { generator = StreamChunker.Generator(seed: seed) }

    public mutating func next() -> UInt64 { generator.next() }

    /// A number in `0..<n` (n > 0).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// True with probability `1/n`.
    public mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

    /// One of `items` (not empty).
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
