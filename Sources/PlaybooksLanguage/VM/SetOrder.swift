/// CPython iterates a set in hash-table order. For sets of ints (whose hashes are the ints
/// themselves) that order is deterministic, and programs print it, so we reproduce it by
/// replaying the insertions into a model of CPython's open-addressing table (linear probes of 9,
/// then perturbation; resize at 3/5 full to the next power of two above 4x the used count).
/// Sets of other types keep insertion order.
enum CPythonSetOrder {
    static let linearProbes = 9
    static let perturbShift = 5

    /// `hash(n)` for an int, as CPython computes it (modulo 2**61 - 1, and -1 becomes -2).
    static func hash(_ n: Int) -> Int {
        let p = (1 << 61) - 1
        var h = n.magnitude >= UInt(p) ? Int(n.magnitude % UInt(p)) : Int(n.magnitude)
        if n < 0 { h = -h }
        return h == -1 ? -2 : h
    }

    /// The order CPython would iterate a set built by inserting `values` in order, or `nil` if
    /// they are not all ints (or bools).
    static func order(_ values: [Value]) -> [Value]? {
        if values.count < 2 { return values }
        var hashes: [Int] = []
        hashes.reserveCapacity(values.count)
        for v in values {
            switch v {
            case .int(let i): hashes.append(hash(i))
            case .bool(let b): hashes.append(b ? 1 : 0)
            default: return nil
            }
        }
        var table = [Int](repeating: -1, count: 8)  // index into values, -1 = empty
        var mask = 7
        var used = 0
        for (index, h) in hashes.enumerated() {
            insert(index, h, into: &table, mask: mask)
            used += 1
            if used * 5 >= mask * 3 {
                let minUsed = used > 50000 ? used * 2 : used * 4
                var size = 8
                while size <= minUsed { size <<= 1 }
                var fresh = [Int](repeating: -1, count: size)
                for slot in table where slot >= 0 { insert(slot, hashes[slot], into: &fresh, mask: size - 1) }
                table = fresh
                mask = size - 1
            }
        }
        return table.compactMap { $0 >= 0 ? values[$0] : nil }
    }

    private static func insert(_ index: Int, _ h: Int, into table: inout [Int], mask: Int) {
        var perturb = UInt(bitPattern: h)
        var i = Int(UInt(bitPattern: h) & UInt(mask))
        while true {
            if table[i] < 0 {
                table[i] = index
                return
            }
            if i + linearProbes <= mask {
                for j in 1...linearProbes where table[i + j] < 0 {
                    table[i + j] = index
                    return
                }
            }
            perturb >>= UInt(perturbShift)
            i = (i &* 5 &+ 1 &+ Int(truncatingIfNeeded: perturb)) & mask
        }
    }
}
