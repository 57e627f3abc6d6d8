extension VirtualMachine {
    /// Normalizes a Python index into `0..<count`, or `nil` if out of range.
    @inline(__always)
    func normalizedIndex(_ i: Int, _ count: Int) -> Int? {
        let j = i < 0 ? i + count : i
        return j >= 0 && j < count ? j : nil
    }

    func indexValue(_ v: Value, _ what: String) throws(PyException) -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .bigInt: throw PyException(Types.indexError, "cannot fit 'int' into an index-sized integer")
        case .instance(let o):
            if let m = o.cls.lookup("__index__") { return try indexValue(try callValue(m, [v][...], []), what) }
        default: break
        }
        if what == "string" {  // CPython 3.11 words this one differently
            throw PyException.typeError("string indices must be integers, not '\(v.typeName)'")
        }
        throw PyException.typeError("\(what) indices must be integers or slices, not \(v.typeName)")
    }

    /// Resolves a slice against a length: start, stop, step and the number of items, as CPython's
    /// `PySlice_Unpack` and `PySlice_AdjustIndices` do: bounds beyond `Int` are clamped to it,
    /// and a step of `-2**63` or less becomes `-Int.max` (so that it can be negated).
    func sliceIndices(_ s: SliceValue, _ count: Int) throws(PyException) -> (start: Int, stop: Int, step: Int, length: Int) {
        func int(_ v: Value) throws(PyException) -> Int? {
            switch v {
            case .none: return nil
            case .int(let i): return i
            case .bool(let b): return b ? 1 : 0
            case .bigInt(let b): return b.value < 0 ? Int.min : Int.max
            default:
                throw PyException.typeError("slice indices must be integers or None or have an __index__ method")
            }
        }
        let step = max(try int(s.step) ?? 1, -Int.max)
        if step == 0 { throw PyException.valueError("slice step cannot be zero") }
        var start: Int
        var stop: Int
        if step > 0 {
            start = try int(s.start) ?? 0
            stop = try int(s.stop) ?? count
            if start < 0 { start = max(start + count, 0) } else { start = min(start, count) }
            if stop < 0 { stop = max(stop + count, 0) } else { stop = min(stop, count) }
            let length = stop > start ? (stop - start - 1) / step + 1 : 0
            return (start, stop, step, length)
        } else {
            start = try int(s.start) ?? (count - 1)
            stop = try int(s.stop) ?? -count - 1
            if start < 0 { start = max(start + count, -1) } else { start = min(start, count - 1) }
            if stop < 0 { stop = max(stop + count, -1) } else { stop = min(stop, count - 1) }
            let length = start > stop ? (start - stop - 1) / (-step) + 1 : 0
            return (start, stop, step, length)
        }
    }

    func sliceArray(_ a: [Value], _ s: SliceValue) throws(PyException) -> [Value] {
        let (start, _, step, length) = try sliceIndices(s, a.count)
        if step == 1 { return length > 0 ? Array(a[start..<(start + length)]) : [] }
        var out: [Value] = []
        out.reserveCapacity(length)
        var i = start
        for _ in 0..<length {
            out.append(a[i])
            i &+= step
        }
        return out
    }

    /// `t[s]` for a tuple: the selected items, copied once into the new tuple.
    func sliceTuple(_ t: TupleItems, _ s: SliceValue) throws(PyException) -> TupleItems {
        let (start, _, step, length) = try sliceIndices(s, t.count)
        if length == t.count, step == 1 { return t }
        return TupleItems(count: length) { base in
            var i = start
            for k in 0..<length {
                (base + k).initialize(to: t[i])
                i &+= step
            }
        }
    }

    /// `r[s]` for a range: CPython's `range(r[start], r[stop], r.step * s.step)` with the indices
    /// the slice resolves to; `OverflowError` when a bound or the step does not fit in an `Int`.
    func sliceRange(_ r: RangeValue, _ s: SliceValue) throws(PyException) -> RangeValue {
        let (start, stop, clampedStep, _) = try sliceIndices(s, r.count)
        // CPython multiplies by the step as given: -2**63 stays -2**63.
        var step = clampedStep
        if case .int(let given) = s.step { step = given }
        let overflow = PyException(Types.overflowError, "Python int too large to convert to C ssize_t")
        func element(_ i: Int) throws(PyException) -> Int {
            let (offset, o1) = i.multipliedReportingOverflow(by: r.step)
            let (value, o2) = r.start.addingReportingOverflow(offset)
            if o1 || o2 { throw overflow }
            return value
        }
        let (newStep, o) = r.step.multipliedReportingOverflow(by: step)
        if o { throw overflow }
        return RangeValue(start: try element(start), stop: try element(stop), step: newStep)
    }

    func getItem(_ obj: Value, _ index: Value) throws(PyException) -> Value {
        switch obj {
        case .list(let l):
            if case .int(let i) = index {
                guard let j = normalizedIndex(i, l.items.count) else { throw PyException.indexError("list index out of range") }
                return l.items[j]
            }
            if case .slice(let s) = index { return .list(ListObject(try sliceArray(l.items, s))) }
            let i = try indexValue(index, l.isDeque ? "deque" : "list")
            guard let j = normalizedIndex(i, l.items.count) else {
                throw PyException.indexError(l.isDeque ? "deque index out of range" : "list index out of range")
            }
            return l.items[j]
        case .tuple(let t):
            if case .slice(let s) = index { return .tuple(try sliceTuple(t, s)) }
            let i = try indexValue(index, "tuple")
            guard let j = normalizedIndex(i, t.count) else { throw PyException.indexError("tuple index out of range") }
            return t[j]
        case .str(let s):
            if case .slice(let sl) = index { return .str(try sliceString(s, sl)) }
            let i = try indexValue(index, "string")
            return .str(try characterAt(s, i))
        case .dict(let d):
            let key = try hashKey(index, in: d)
            if let v = d[key] { return v }
            switch d.flavor {
            case .counter: return .int(0)
            case .defaultdict(let factory):
                if case .none = factory { break }
                let v = try callValue(factory, [][...], [])
                d[key] = v
                return v
            default: break
            }
            throw PyException.keyError(index)
        case .range(let r):
            if case .slice(let s) = index {
                return .range(try sliceRange(r, s))
            }
            let i = try indexValue(index, "range")
            guard let j = normalizedIndex(i, r.count) else { throw PyException.indexError("range object index out of range") }
            return .int(r.element(j))
        case .instance(let o):
            if let m = o.cls.lookup("__getitem__") { return try callValue(m, [obj, index][...], []) }
            throw PyException.typeError("'\(o.cls.name)' object is not subscriptable")
        case .type(let t):
            // `list[int]` and friends in annotations.
            if t.isBuiltin { return obj }
            throw PyException.typeError("type '\(t.name)' is not subscriptable")
        case .native(let n):
            if let items = try n.items(self), n.isSequence {
                let i = try indexValue(index, n.type.name)
                guard let j = normalizedIndex(i, items.count) else { throw PyException.indexError("\(n.type.name) index out of range") }
                return items[j]
            }
            if let m = n.methods?["__getitem__"] { return try callValue(.builtin(m), [obj, index][...], []) }
            if let v = try n.attribute("__getitem__", self) { return try callValue(v, [index][...], []) }
            throw PyException.typeError("'\(n.type.name)' object is not subscriptable")
        default:
            throw PyException.typeError("'\(obj.typeName)' object is not subscriptable")
        }
    }

    func storeSubscript(_ obj: Value, _ index: Value, _ value: Value) throws(PyException) {
        switch obj {
        case .list(let l):
            if case .slice(let s) = index {
                let (start, stop, step, length) = try sliceIndices(s, l.items.count)
                let newItems = try iterate(value)
                if step == 1 {
                    let end = max(start, stop)
                    l.items.replaceSubrange(start..<end, with: newItems)
                } else {
                    guard newItems.count == length else {
                        throw PyException.valueError(
                            "attempt to assign sequence of size \(newItems.count) to extended slice of size \(length)")
                    }
                    var i = start
                    for v in newItems {
                        l.items[i] = v
                        i &+= step
                    }
                }
                return
            }
            let i = try indexValue(index, "list")
            guard let j = normalizedIndex(i, l.items.count) else { throw PyException.indexError("list assignment index out of range") }
            l.items[j] = value
        case .dict(let d):
            d[try hashKey(index, in: d)] = value
        case .instance(let o):
            guard let m = o.cls.lookup("__setitem__") else {
                throw PyException.typeError("'\(o.cls.name)' object does not support item assignment")
            }
            _ = try callValue(m, [obj, index, value][...], [])
        default:
            throw PyException.typeError("'\(obj.typeName)' object does not support item assignment")
        }
    }

    func deleteSubscript(_ obj: Value, _ index: Value) throws(PyException) {
        switch obj {
        case .list(let l):
            if case .slice(let s) = index {
                let (start, _, step, length) = try sliceIndices(s, l.items.count)
                var drop = Set<Int>()
                var i = start
                for _ in 0..<length {
                    drop.insert(i)
                    i &+= step
                }
                l.items = l.items.enumerated().filter { !drop.contains($0.offset) }.map { $0.element }
                return
            }
            let i = try indexValue(index, "list")
            guard let j = normalizedIndex(i, l.items.count) else { throw PyException.indexError("list assignment index out of range") }
            l.items.remove(at: j)
        case .dict(let d):
            guard d.removeValue(forKey: try hashKey(index, in: d)) != nil else { throw PyException.keyError(index) }
        case .instance(let o):
            guard let m = o.cls.lookup("__delitem__") else {
                throw PyException.typeError("'\(o.cls.name)' object does not support item deletion")
            }
            _ = try callValue(m, [obj, index][...], [])
        default:
            throw PyException.typeError("'\(obj.typeName)' object doesn't support item deletion")
        }
    }

    // MARK: Strings by code point

    func isASCII(_ s: String) -> Bool { UnicodeText.isASCII(s) }

    func scalarCount(_ s: String) -> Int { UnicodeText.count(s) }

    func characterAt(_ s: String, _ i: Int) throws(PyException) -> String {
        let utf8 = s.utf8
        if isASCII(s) {
            guard let j = normalizedIndex(i, utf8.count) else { throw PyException.indexError("string index out of range") }
            let b = utf8[utf8.index(utf8.startIndex, offsetBy: j)]
            return String(UnicodeScalar(b))
        }
        let scalars = UnicodeText.scalars(s)
        guard let j = normalizedIndex(i, scalars.count) else { throw PyException.indexError("string index out of range") }
        return String(scalars[j])
    }

    func sliceString(_ s: String, _ sl: SliceValue) throws(PyException) -> String {
        if isASCII(s) {
            let bytes = Array(s.utf8)
            let (start, _, step, length) = try sliceIndices(sl, bytes.count)
            if length <= 0 { return "" }
            if step == 1 { return String(decoding: bytes[start..<(start + length)], as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(length)
            var i = start
            for _ in 0..<length {
                out.append(bytes[i])
                i &+= step
            }
            return String(decoding: out, as: UTF8.self)
        }
        let scalars = UnicodeText.scalars(s)
        let (start, _, step, length) = try sliceIndices(sl, scalars.count)
        var view = String.UnicodeScalarView()
        var i = start
        for _ in 0..<max(length, 0) {
            view.append(scalars[i])
            i &+= step
        }
        return String(view)
    }
}
