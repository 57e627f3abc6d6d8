extension VirtualMachine {
    /// `sorted(items, key=, reverse=)` / `list.sort`: a stable merge sort whose comparisons may
    /// raise (`TypeError: '<' not supported ...`).
    func sortValues(_ items: [Value], _ kwargs: [(String, Value)], function: String) throws(PyException) -> [Value] {
        var key: Value? = nil
        var reverse = false
        for (k, v) in kwargs {
            switch k {
            case "key": if !v.isNone { key = v }
            case "reverse": reverse = try isTruthy(v)
            default: throw PyException.typeError("'\(k)' is an invalid keyword argument for \(function)()")
            }
        }
        var keys: [Value]
        if let key {
            keys = []
            keys.reserveCapacity(items.count)
            for item in items { keys.append(try callNested(key, [item])) }
        } else {
            keys = items
        }
        // CPython calls the key for every item, even when there is nothing to compare.
        if items.count < 2 { return items }
        var order = Array(0..<items.count)
        // Python keeps equal elements in order even when reversed: sort by (key desc, index asc).
        try mergeSort(&order) { (a, b) throws(PyException) in
            if reverse { return try self.sortLess(keys[b], keys[a]) }
            return try self.sortLess(keys[a], keys[b])
        }
        return order.map { items[$0] }
    }

    @inline(__always)
    func sortLess(_ a: Value, _ b: Value) throws(PyException) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.str(let x), .str(let y)): return codepointLess(x, y)
        case (.float(let x), .float(let y)): return x < y
        default: return try lessThan(a, b, "<")
        }
    }

    func mergeSort(_ a: inout [Int], _ less: (Int, Int) throws(PyException) -> Bool) throws(PyException) {
        let n = a.count
        var src = a
        var dst = a
        // Insertion-sort runs of 16, then merge.
        let run = 16
        var start = 0
        while start < n {
            let end = min(start + run, n)
            var i = start + 1
            while i < end {
                let x = src[i]
                var j = i - 1
                while j >= start, try less(x, src[j]) {
                    src[j + 1] = src[j]
                    j -= 1
                }
                src[j + 1] = x
                i += 1
            }
            start = end
        }
        var width = run
        while width < n {
            var lo = 0
            while lo < n {
                let mid = min(lo + width, n)
                let hi = min(lo + 2 * width, n)
                var i = lo
                var j = mid
                var k = lo
                if mid < hi, try !less(src[mid], src[mid - 1]) {
                    // Already in order.
                    while k < hi {
                        dst[k] = src[k]
                        k += 1
                    }
                    lo = hi
                    continue
                }
                while i < mid && j < hi {
                    if try less(src[j], src[i]) {
                        dst[k] = src[j]
                        j += 1
                    } else {
                        dst[k] = src[i]
                        i += 1
                    }
                    k += 1
                }
                while i < mid {
                    dst[k] = src[i]
                    i += 1
                    k += 1
                }
                while j < hi {
                    dst[k] = src[j]
                    j += 1
                    k += 1
                }
                lo = hi
            }
            swap(&src, &dst)
            width *= 2
        }
        a = src
    }
}
