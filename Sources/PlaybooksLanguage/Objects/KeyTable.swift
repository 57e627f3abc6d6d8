/// Python-compatible hashing: equal keys (`1`, `1.0`, `True`) hash alike, ints hash to
/// themselves, strings hash their UTF-8 bytes (FNV-1a), tuples combine their items.
enum PyHash {
    @inline(__always)
    static func hash(_ v: Value) -> Int {
        switch v {
        case .int(let i): return i
        case .str(let s): return string(s)
        case .bool(let b): return b ? 1 : 0
        case .none: return 0x5EED_0000
        case .float(let d):
            if d.rounded(.towardZero) == d, let i = Int(exactly: d) { return i }
            return slow(v)
        default: return slow(v)
        }
    }

    @inline(__always)
    static func string(_ s: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return Int(bitPattern: UInt(h))
    }

    static func slow(_ v: Value) -> Int {
        var hasher = Hasher()
        HashKey.hashValue(v, into: &hasher)
        return hasher.finalize()
    }
}

/// An insertion-ordered hash table of Python keys (and values), in the style of CPython's
/// dict: dense arrays in insertion order plus an open-addressing index into them. Hashes, keys
/// and values sit in separate arrays so that probing compares hashes without touching (and
/// reference-counting) keys, and a lookup copies only the value it returns.
struct KeyTable {
    /// Hashes in insertion order.
    private(set) var hashes: [Int] = []
    /// Keys in insertion order; `nil` marks a deleted entry.
    private(set) var keys: [Value?] = []
    /// Values in insertion order (`.none` for deleted entries and for sets).
    private(set) var values: [Value] = []
    /// Open-addressing index: entry positions, -1 for empty, -2 for a deleted slot.
    private var index: [Int32] = []
    private(set) var count = 0
    private var deletedSlots = 0

    init() {}

    /// Entries ever appended, including deleted ones (positions for iterators).
    var slotCount: Int { keys.count }

    @inline(__always)
    private func probe(_ hash: Int, _ key: Value) -> (slot: Int, entry: Int?) {
        let mask = index.count - 1
        var perturb = UInt(bitPattern: hash)
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        var firstFree = -1
        while true {
            let e = Int(index[i])
            if e == -1 { return (firstFree >= 0 ? firstFree : i, nil) }
            if e == -2 {
                if firstFree < 0 { firstFree = i }
            } else if hashes[e] == hash, let k = keys[e], KeyTable.same(k, key) {
                return (i, e)
            }
            perturb >>= 5
            i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
        }
    }

    @inline(__always)
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.str(let x), .str(let y)): return x == y
        default: return HashKey.keyEquals(a, b)
        }
    }

    /// Makes room for `n` keys up front (dict displays know their size).
    mutating func reserve(_ n: Int) {
        guard index.isEmpty, n > 0 else { return }
        hashes.reserveCapacity(n)
        keys.reserveCapacity(n)
        values.reserveCapacity(n)
        rebuild(capacity: max(8, n * 3 / 2 + 1))
    }

    /// The position of `key`, if present.
    func find(_ key: Value, hash: Int) -> Int? {
        if index.isEmpty { return nil }
        return probe(hash, key).entry
    }

    @inline(__always)
    func value(for key: Value, hash: Int) -> Value? {
        guard let e = find(key, hash: hash) else { return nil }
        return values[e]
    }

    /// Inserts or replaces; returns true if the key was new.
    @discardableResult
    mutating func set(_ key: Value, hash: Int, value: Value) -> Bool {
        if index.isEmpty { rebuild(capacity: 8) }
        let (slot, existing) = probe(hash, key)
        if let e = existing {
            values[e] = value
            return false
        }
        if index[slot] == -2 { deletedSlots -= 1 }
        index[slot] = Int32(keys.count)
        hashes.append(hash)
        keys.append(key)
        values.append(value)
        count += 1
        if (keys.count + deletedSlots) * 3 >= index.count * 2 { rebuild(capacity: max(8, count * 3)) }
        return true
    }

    @discardableResult
    mutating func remove(_ key: Value, hash: Int) -> Value? {
        if index.isEmpty { return nil }
        let (slot, existing) = probe(hash, key)
        guard let e = existing else { return nil }
        let old = values[e]
        keys[e] = nil
        values[e] = .none
        index[slot] = -2
        deletedSlots += 1
        count -= 1
        if e == keys.count - 1 {
            // Keep the dense arrays tight at their end (popitem, stacks of inserts and deletes).
            while let last = keys.last, last == nil {
                keys.removeLast()
                values.removeLast()
                hashes.removeLast()
            }
            if count == 0 { removeAll() }
        } else if keys.count > 16 && count * 2 < keys.count {
            rebuild(capacity: max(8, count * 3))
        }
        return old
    }

    mutating func removeAll() {
        hashes.removeAll()
        keys.removeAll()
        values.removeAll()
        index.removeAll()
        count = 0
        deletedSlots = 0
    }

    /// Compacts the entries and rebuilds the index with room for `capacity` keys.
    private mutating func rebuild(capacity: Int) {
        var size = 8
        while size < capacity { size <<= 1 }
        if keys.count != count {
            var h: [Int] = []
            var k: [Value?] = []
            var v: [Value] = []
            h.reserveCapacity(count)
            k.reserveCapacity(count)
            v.reserveCapacity(count)
            for i in 0..<keys.count where keys[i] != nil {
                h.append(hashes[i])
                k.append(keys[i])
                v.append(values[i])
            }
            hashes = h
            keys = k
            values = v
        }
        index = [Int32](repeating: -1, count: size)
        deletedSlots = 0
        let mask = size - 1
        for e in 0..<keys.count where keys[e] != nil {
            var perturb = UInt(bitPattern: hashes[e])
            var i = Int(UInt(bitPattern: hashes[e]) & UInt(mask))
            while index[i] != -1 {
                perturb >>= 5
                i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
            }
            index[i] = Int32(e)
        }
    }

    /// Removes and returns the most recently inserted entry.
    mutating func popLast() -> (key: Value, value: Value)? {
        while let last = keys.last {
            if let key = last {
                let value = values[keys.count - 1]
                remove(key, hash: hashes[keys.count - 1])
                return (key, value)
            }
            keys.removeLast()
            values.removeLast()
            hashes.removeLast()
        }
        return nil
    }

    /// Live (key, value) pairs in insertion order.
    var pairs: [(key: Value, value: Value)] {
        var out: [(key: Value, value: Value)] = []
        out.reserveCapacity(count)
        for i in 0..<keys.count { if let k = keys[i] { out.append((k, values[i])) } }
        return out
    }

    var liveKeys: [Value] { keys.compactMap { $0 } }

    var liveValues: [Value] {
        var out: [Value] = []
        out.reserveCapacity(count)
        for i in 0..<keys.count where keys[i] != nil { out.append(values[i]) }
        return out
    }
}
