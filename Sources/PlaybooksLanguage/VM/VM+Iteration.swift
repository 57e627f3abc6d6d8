extension VirtualMachine {
    /// `iter(v)`.
    func makeIterator(_ v: Value) throws(PyException) -> IteratorObject {
        switch v {
        case .list(let l): return IteratorObject(.list(l, 0), kindName: "list_iterator")
        case .tuple(let t): return IteratorObject(.tuple(t, 0), kindName: "tuple_iterator")
        case .str(let s): return IteratorObject(.str(s, 0), kindName: "str_iterator")
        case .range(let r): return IteratorObject(.range(current: r.start, stop: r.stop, step: r.step), kindName: "range_iterator")
        case .dict(let d): return IteratorObject(.dictKeys(d, 0), kindName: "dict_keyiterator")
        case .set(let s):
            if let ordered = CPythonSetOrder.order(s.storage.elements.map { $0.value }) {
                return IteratorObject(.values(ordered, 0), kindName: "set_iterator")
            }
            return IteratorObject(.set(s, 0), kindName: "set_iterator")
        case .iterator(let it): return it
        case .native(let n):
            if let items = try n.items(self) { return IteratorObject(.values(items, 0), kindName: "iterator") }
        case .instance(let o):
            if let m = o.cls.lookup("__iter__") {
                let r = try callValue(m, [v][...], [])
                if case .iterator(let it) = r { return it }
                return try makeIterator(r)
            }
        default:
            break
        }
        throw PyException.typeError("'\(v.typeName)' object is not iterable")
    }

    /// The next item, or `nil` when exhausted.
    func nextItem(_ it: IteratorObject) throws(PyException) -> Value? {
        switch it.state {
        case .list(let l, let i):
            guard i < l.items.count else {
                it.state = .exhausted
                return nil
            }
            it.state = .list(l, i + 1)
            return l.items[i]
        case .reversedList(let l, let i):
            guard i >= 0, i < l.items.count else {
                it.state = .exhausted
                return nil
            }
            it.state = .reversedList(l, i - 1)
            return l.items[i]
        case .values(let items, let i):
            guard i < items.count else {
                it.state = .exhausted
                return nil
            }
            it.state = .values(items, i + 1)
            return items[i]
        case .tuple(let items, let i):
            guard i < items.count else {
                it.state = .exhausted
                return nil
            }
            it.state = .tuple(items, i + 1)
            return items[i]
        case .str(let s, let offset):
            let utf8 = s.utf8
            guard offset < utf8.count else {
                it.state = .exhausted
                return nil
            }
            let start = utf8.index(utf8.startIndex, offsetBy: offset)
            let scalar = s.unicodeScalars[start]
            it.state = .str(s, offset + String(scalar).utf8.count)
            return .str(String(scalar))
        case .range(let cur, let stop, let step):
            guard step > 0 ? cur < stop : cur > stop else {
                it.state = .exhausted
                return nil
            }
            let (n, o) = cur.addingReportingOverflow(step)
            it.state = o ? .exhausted : .range(current: n, stop: stop, step: step)
            return .int(cur)
        case .dictKeys(let d, let slot), .dictValues(let d, let slot), .dictItems(let d, let slot):
            var s = slot
            while s < d.slotCount {
                if let e = d.entry(at: s) {
                    switch it.state {
                    case .dictKeys: it.state = .dictKeys(d, s + 1); return e.key
                    case .dictValues: it.state = .dictValues(d, s + 1); return e.value
                    default: it.state = .dictItems(d, s + 1); return .tuple([e.key, e.value])
                    }
                }
                s += 1
            }
            it.state = .exhausted
            return nil
        case .set(let set, let slot):
            var s = slot
            while s < set.storage.slotCount {
                if let k = set.storage.slot(s) {
                    it.state = .set(set, s + 1)
                    return k.value
                }
                s += 1
            }
            it.state = .exhausted
            return nil
        case .enumerate(let inner, let n):
            guard let v = try nextItem(inner) else {
                it.state = .exhausted
                return nil
            }
            it.state = .enumerate(inner, n + 1)
            return .tuple([.int(n), v])
        case .zip(let iterators):
            var out: [Value] = []
            out.reserveCapacity(iterators.count)
            for i in iterators {
                guard let v = try nextItem(i) else {
                    it.state = .exhausted
                    return nil
                }
                out.append(v)
            }
            return iterators.isEmpty ? nil : .tuple(TupleItems(out))
        case .map(let fn, let iterators):
            var args: [Value] = []
            for i in iterators {
                guard let v = try nextItem(i) else {
                    it.state = .exhausted
                    return nil
                }
                args.append(v)
            }
            return try callNested(fn, args)
        case .filter(let fn, let inner):
            while let v = try nextItem(inner) {
                let keep: Bool
                if case .none = fn { keep = try isTruthy(v) } else { keep = try isTruthy(try callNested(fn, [v])) }
                if keep { return v }
            }
            it.state = .exhausted
            return nil
        case .exhausted:
            return nil
        }
    }

    /// Items for `a, b = v`, with CPython's message for a non-iterable.
    func iterateForUnpacking(_ v: Value) throws(PyException) -> [Value] {
        do {
            return try iterate(v)
        } catch {
            if error.object.type === Types.typeError,
                error.object.args.first.map({ if case .str(let s) = $0 { return s.hasSuffix("is not iterable") } else { return false } })
                    ?? false
            {
                throw PyException.typeError("cannot unpack non-iterable \(v.typeName) object")
            }
            throw error
        }
    }

    /// All items of an iterable.
    func iterate(_ v: Value) throws(PyException) -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t.array
        case .dict(let d): return d.keys
        case .set(let s):
            let items = s.storage.elements.map { $0.value }
            return CPythonSetOrder.order(items) ?? items
        case .str(let s): return s.unicodeScalars.map { .str(String($0)) }
        case .range(let r):
            try reserveSequence(count: r.count)
            var out: [Value] = []
            out.reserveCapacity(r.count)
            for i in 0..<r.count { out.append(.int(r.element(i))) }
            return out
        default:
            let it = try makeIterator(v)
            var out: [Value] = []
            var steps = 0
            while let x = try nextItem(it) {
                try poll(&steps)
                out.append(x)
            }
            return out
        }
    }
}
