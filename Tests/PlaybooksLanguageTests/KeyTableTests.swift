import PlaybooksTestSupport
import Testing

@testable import PlaybooksLanguage

/// The key table behind dicts and sets against a plain model (an array of pairs searched with
/// Python key equality), through random inserts, replacements, removals and lookups that take
/// tables across the size where an index is built and back.
@Suite struct KeyTableTests {
    /// Keys that collide in Python's sense (`1`, `1.0`, `True`), short and long strings, tuples.
    static let keys: [Value] = {
        var keys: [Value] = [.int(1), .float(1.0), .bool(true), .int(0), .bool(false), .none, .float(2.5)]
        for n in 0..<14 { keys.append(.str(n % 2 == 0 ? "k\(n)" : "a longer key that is not a small string \(n)")) }
        for n in 0..<6 { keys.append(.int(n * 8)) }  // equal low bits: the same first probe slot
        keys.append(.tuple([.int(1), .str("x")]))
        return keys
    }()

    @Test func randomOperationsAgreeWithAModel() {
        var random = SplitMix64(seed: 0x7AB1E)
        for round in 0..<300 {
            var table = KeyTable()
            var model: [(key: Value, value: Value)] = []
            let operations = 1 + Int(random.next() % 60)
            for step in 0..<operations {
                let key = Self.keys[Int(random.next() % UInt64(Self.keys.count))]
                let hash = PyHash.hash(key)
                let found = model.firstIndex { HashKey.keyEquals($0.key, key) }
                switch random.next() % 3 {
                case 0, 1:
                    let value = Value.int(round * 1000 + step)
                    let isNew = table.set(key, hash: hash, value: value)
                    #expect(isNew == (found == nil))
                    if let found { model[found].value = value } else { model.append((key, value)) }
                default:
                    let removed = table.remove(key, hash: hash)
                    #expect(Self.same(removed, found.map { model[$0].value }))
                    if let found { model.remove(at: found) }
                }
                #expect(table.count == model.count)
            }
            // Every key: lookups agree, in place or not; iteration keeps insertion order.
            for key in Self.keys {
                let hash = PyHash.hash(key)
                let expected = model.first { HashKey.keyEquals($0.key, key) }?.value
                #expect(Self.same(table.value(for: key, hash: hash), expected))
                #expect(Self.same(table.valueInPlace(for: key, hash: hash), expected))
                #expect((table.findInPlace(key, hash: hash) != nil) == (expected != nil))
                if case .str(let name) = key {
                    #expect(Self.same(table.valueInPlace(forName: name, hash: hash), expected))
                }
            }
            let live = table.entries.compactMap { $0 }
            #expect(live.count == model.count)
            for (entry, pair) in zip(live, model) {
                #expect(HashKey.keyEquals(entry.key, pair.key) && Self.same(entry.value, pair.value))
            }
        }
    }

    @Test func reservedDictDisplaysOfEverySizeFindTheirKeys() {
        for size in 0...20 {
            var table = KeyTable()
            table.reserve(size)
            for n in 0..<size { table.set(.str("key\(n)"), hash: PyHash.string("key\(n)"), value: .int(n)) }
            #expect(table.count == size)
            for n in 0..<size { #expect(Self.same(table.value(for: .str("key\(n)"), hash: PyHash.string("key\(n)")), .int(n))) }
            #expect(table.value(for: .str("missing"), hash: PyHash.string("missing")) == nil)
        }
    }

    /// String hashes are FNV-1a of the UTF-8 bytes, reduced modulo 2**61 - 1 as CPython reduces
    /// hashes, whatever the string's storage (small strings live inside the `String` value,
    /// longer ones in a buffer; substrings are copied).
    @Test func stringHashIsFNV1aOfTheUTF8Bytes() {
        let long = String(repeating: "x", count: 40)
        let strings = [
            "", "a", "north", "sku-12", "fifteen bytes!!", "sixteen bytes!!!", long, "naïve", "日本語のキー", "😀🎉", String(long.dropFirst(3)),
        ]
        for s in strings {
            var expected: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in Array(s.utf8) { expected = (expected ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
            #expect(PyHash.string(s) == Int(expected % ((1 << 61) - 1)), "\(s)")
        }
        #expect(PyHash.string("north") != PyHash.string("south"))
    }

    static func same(_ a: Value?, _ b: Value?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return HashKey.keyEquals(x, y)
        default: return false
        }
    }
}
