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

    /// FNV-1a over the UTF-8 bytes, read from the string's own storage (small strings are
    /// copied to the stack first): iterating `String.UTF8View` cost ~30 instructions a byte.
    @inline(__always)
    static func string(_ s: String) -> Int {
        if let h = s.utf8.withContiguousStorageIfAvailable(fnv1a) { return h }
        return nonContiguousString(s)
    }

    /// A string without contiguous UTF-8 storage (none on Linux; bridged strings elsewhere).
    @inline(never)
    static func nonContiguousString(_ s: String) -> Int {
        Array(s.utf8).withUnsafeBufferPointer(fnv1a)
    }

    /// FNV-1a, reduced modulo 2**61 - 1 as CPython reduces hashes: `hash(s)` is then the table
    /// hash of `s`, and a user `__hash__` returning `hash(self.name)` (which the VM reduces)
    /// finds the string keys its instances equal.
    @inline(__always)
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        // h mod (2**61 - 1) without a division: 2**61 is 1 modulo 2**61 - 1.
        var r = (h & mersenne61) &+ (h >> 61)
        if r >= mersenne61 { r &-= mersenne61 }
        return Int(bitPattern: UInt(r))
    }

    /// 2**61 - 1, the modulus of CPython's hashes.
    static let mersenne61: UInt64 = 0x1FFF_FFFF_FFFF_FFFF

    /// Floats with a fraction, tuples, frozensets and the rest: Swift's hash, reduced like an int's.
    static func slow(_ v: Value) -> Int {
        var hasher = Hasher()
        HashKey.hashValue(v, into: &hasher)
        let h = hasher.finalize()
        let magnitude = Int(h.magnitude % UInt(mersenne61))
        return h < 0 ? (magnitude == 1 ? -2 : -magnitude) : magnitude
    }
}

/// An insertion-ordered hash table of Python keys (and values), in the style of CPython's
/// dict: a dense entry array in insertion order plus an open-addressing index into it.
/// Lookups hash with ``PyHash`` and compare with Python key equality.
///
/// Small tables (up to ``linearLimit`` entry slots, the size of most records and instance
/// dicts) have no index: a lookup scans the entries' hashes, and making one costs one
/// allocation fewer. The index is built when the entries outgrow that.
struct KeyTable {
    struct Entry {
        var hash: Int
        var key: Value
        var value: Value
    }

    /// Entries in insertion order; `nil` marks a deleted entry.
    private(set) var entries: [Entry?] = []
    /// Open-addressing index: entry positions, -1 for empty, -2 for a deleted slot. Empty while
    /// the table is small enough to scan.
    private var index: [Int32] = []
    /// The most entry slots (live or deleted) a table has without an index.
    static let linearLimit = 8
    private(set) var count = 0
    private var deletedSlots = 0

    init() {}

    /// Where `key` is, or the slot to insert it in. The tables are read through unsafe buffers
    /// and only an entry's hash and key are looked at: reading whole entries (`if let entry =
    /// entries[e]`) copied key and value, a retain and release of each per probe.
    @inline(__always)
    private func probe(_ hash: Int, _ key: Value) -> (slot: Int, entry: Int?) {
        index.withUnsafeBufferPointer { index in
            entries.withUnsafeBufferPointer { entries in
                let mask = index.count - 1
                var perturb = UInt(bitPattern: hash)
                var i = Int(UInt(bitPattern: hash) & UInt(mask))
                var firstFree = -1
                while true {
                    let e = Int(index[i])
                    if e == -1 { return (firstFree >= 0 ? firstFree : i, nil) }
                    if e == -2 {
                        if firstFree < 0 { firstFree = i }
                    } else if entries[e]?.hash == hash, KeyTable.matches(entries[e]?.key, key) {
                        return (i, e)
                    }
                    perturb >>= 5
                    i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
                }
            }
        }
    }

    /// The position of `key` in a table without an index: a scan of the entries' hashes.
    @inline(__always)
    private func scan(_ hash: Int, _ key: Value) -> Int? {
        entries.withUnsafeBufferPointer { entries in
            var e = 0
            while e < entries.count {
                if entries[e]?.hash == hash, KeyTable.matches(entries[e]?.key, key) { return e }
                e += 1
            }
            return nil
        }
    }

    /// Whether an entry's key equals `key`; `stored` is `nil` for a deleted entry (a scan meets
    /// those; the index never points at them).
    @inline(__always)
    private static func matches(_ stored: Value?, _ key: Value) -> Bool {
        guard let stored else { return false }
        return same(stored, key)
    }

    @inline(__always)
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.str(let x), .str(let y)): return x == y
        default: return HashKey.keyEquals(a, b)
        }
    }

    /// The stored keys whose hash is `hash`, in probe order: the keys a key with a user-defined
    /// `__eq__` must be compared with (the VM calls `__eq__`, which may run any code, before the
    /// table is touched; see `VirtualMachine.lookupKey(_:in:)`).
    func keys(withHash hash: Int) -> [Value] {
        var out: [Value] = []
        if index.isEmpty {
            for case let entry? in entries where entry.hash == hash { out.append(entry.key) }
            return out
        }
        let mask = index.count - 1
        var perturb = UInt(bitPattern: hash)
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        while true {
            let e = Int(index[i])
            if e == -1 { return out }
            if e >= 0, let entry = entries[e], entry.hash == hash { out.append(entry.key) }
            perturb >>= 5
            i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
        }
    }

    /// Makes room for `n` keys up front (dict displays know their size).
    mutating func reserve(_ n: Int) {
        guard index.isEmpty, n > 0 else { return }
        if entries.isEmpty {
            // A fresh buffer: `reserveCapacity` would move the (no) old entries through the
            // standard library's unspecialized element loop.
            entries = [Entry?](unsafeUninitializedCapacity: n) { _, initialized in initialized = 0 }
        } else {
            entries.reserveCapacity(n)
        }
        if n > KeyTable.linearLimit { rebuild(capacity: max(8, n * 3 / 2 + 1)) }
    }

    /// The position in ``entries`` of `key`, if present.
    func find(_ key: Value, hash: Int) -> Int? {
        if index.isEmpty { return scan(hash, key) }
        return probe(hash, key).entry
    }

    func value(for key: Value, hash: Int) -> Value? {
        guard let e = find(key, hash: hash) else { return nil }
        return entries[e]?.value
    }

    /// ``find(_:hash:)`` for a table stored in a class (see ``valueInPlace(for:hash:)``).
    @inline(__always)
    mutating func findInPlace(_ key: Value, hash: Int) -> Int? {
        if index.isEmpty { return scan(hash, key) }
        return probe(hash, key).entry
    }

    /// ``value(for:hash:)`` for a table stored in a class (a dict). `mutating` only so that the
    /// call reaches the table in place: a non-mutating call on a class's stored struct copies
    /// it first, retaining and releasing both arrays on every lookup. Copies only the value.
    @inline(__always)
    mutating func valueInPlace(for key: Value, hash: Int) -> Value? {
        guard let e = index.isEmpty ? scan(hash, key) : probe(hash, key).entry else { return nil }
        return entries.withUnsafeBufferPointer { $0[e]?.value }
    }

    /// ``valueInPlace(for:hash:)`` for a string key (an attribute name, a constant subscript):
    /// only string keys can equal it, so stored keys are compared as strings where they lie,
    /// and no `Value` is built for the key.
    @inline(__always)
    mutating func valueInPlace(forName name: String, hash: Int) -> Value? {
        if index.isEmpty {
            return entries.withUnsafeBufferPointer { entries -> Value? in
                var e = 0
                while e < entries.count {
                    if entries[e]?.hash == hash, case .str(let stored)? = entries[e]?.key, stored == name {
                        return entries[e]?.value
                    }
                    e += 1
                }
                return nil
            }
        }
        guard let e = probe(hash, .str(name)).entry else { return nil }
        return entries.withUnsafeBufferPointer { $0[e]?.value }
    }

    /// Whether the string key `name` is present; like ``valueInPlace(forName:hash:)`` without
    /// copying the value out. (The two keep their own scans: sharing one that returns the
    /// entry's position cost `dict_aggregate` 4.5 % more instructions, measured.)
    @inline(__always)
    mutating func containsName(_ name: String, hash: Int) -> Bool {
        if index.isEmpty {
            return entries.withUnsafeBufferPointer { entries -> Bool in
                var e = 0
                while e < entries.count {
                    if entries[e]?.hash == hash, case .str(let stored)? = entries[e]?.key, stored == name { return true }
                    e += 1
                }
                return false
            }
        }
        return probe(hash, .str(name)).entry != nil
    }

    /// Inserts or replaces; returns true if the key was new.
    @discardableResult
    mutating func set(_ key: Value, hash: Int, value: Value) -> Bool {
        if index.isEmpty {
            if let e = scan(hash, key) {
                entries[e]?.value = value
                return false
            }
            if entries.count >= KeyTable.linearLimit && count < KeyTable.linearLimit {
                entries = entries.filter { $0 != nil }  // deleted slots make room
            }
            if entries.count < KeyTable.linearLimit {
                entries.append(Entry(hash: hash, key: key, value: value))
                count += 1
                return true
            }
            rebuild(capacity: max(8, (count + 1) * 3))
        }
        let (slot, existing) = probe(hash, key)
        if let e = existing {
            entries[e]?.value = value
            return false
        }
        if index[slot] == -2 { deletedSlots -= 1 }
        index[slot] = Int32(entries.count)
        entries.append(Entry(hash: hash, key: key, value: value))
        count += 1
        if (entries.count + deletedSlots) * 3 >= index.count * 2 { rebuild(capacity: max(8, count * 3)) }
        return true
    }

    @discardableResult
    mutating func remove(_ key: Value, hash: Int) -> Value? {
        if index.isEmpty {
            guard let e = scan(hash, key) else { return nil }
            let old = entries[e]?.value
            entries[e] = nil
            count -= 1
            while let last = entries.last, last == nil { entries.removeLast() }
            return old
        }
        let (slot, existing) = probe(hash, key)
        guard let e = existing else { return nil }
        let old = entries[e]?.value
        entries[e] = nil
        index[slot] = -2
        deletedSlots += 1
        count -= 1
        if e == entries.count - 1 {
            // Keep the dense array tight at its end (popitem, stacks of inserts and deletes).
            while let last = entries.last, last == nil { entries.removeLast() }
            if count == 0 { removeAll() }
        } else if entries.count > 16 && count * 2 < entries.count {
            rebuild(capacity: max(8, count * 3))
        }
        return old
    }

    mutating func removeAll() {
        entries.removeAll()
        index.removeAll()
        count = 0
        deletedSlots = 0
    }

    /// Compacts the entries and rebuilds the index with room for `capacity` keys.
    private mutating func rebuild(capacity: Int) {
        var size = 8
        while size < capacity { size <<= 1 }
        if entries.count != count { entries = entries.filter { $0 != nil } }
        index = [Int32](repeating: -1, count: size)
        deletedSlots = 0
        let mask = size - 1
        for (e, entry) in entries.enumerated() {
            guard let entry else { continue }
            var perturb = UInt(bitPattern: entry.hash)
            var i = Int(UInt(bitPattern: entry.hash) & UInt(mask))
            while index[i] != -1 {
                perturb >>= 5
                i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
            }
            index[i] = Int32(e)
        }
    }

    /// Removes and returns the most recently inserted entry.
    mutating func popLast() -> Entry? {
        while let last = entries.last {
            if let entry = last {
                remove(entry.key, hash: entry.hash)
                return entry
            }
            entries.removeLast()
        }
        return nil
    }
}
