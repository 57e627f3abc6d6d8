import BigInt

extension VirtualMachine {
    func compareOp(_ op: CompareOp, _ l: Value, _ r: Value) throws(PyException) -> Value {
        switch op {
        case .eq: return .bool(try equals(l, r))
        case .ne: return .bool(!(try equals(l, r)))
        case .lt: return .bool(try lessThan(l, r, "<"))
        case .gt: return .bool(try lessThan(r, l, ">"))
        case .le: return .bool(try lessOrEqual(l, r, "<="))
        case .ge: return .bool(try lessOrEqual(r, l, ">="))
        case .in: return .bool(try contains(r, l))
        case .notIn: return .bool(!(try contains(r, l)))
        case .is: return .bool(identical(l, r))
        case .isNot: return .bool(!identical(l, r))
        }
    }

    func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y && x >= -5 && x <= 256
        case (.str(let x), .str(let y)): return x == y
        case (.tuple(let x), .tuple(let y)): return x.isEmpty && y.isEmpty
        default:
            if let x = a.objectIdentity, let y = b.objectIdentity { return x == y }
            return false
        }
    }

    /// `a is b or a == b`: how containers compare their elements.
    func identicalOrEqual(_ a: Value, _ b: Value) throws(PyException) -> Bool {
        if identical(a, b) { return true }
        return try equals(a, b)
    }

    /// Python `==`.
    func equals(_ a: Value, _ b: Value) throws(PyException) -> Bool {
        switch (a, b) {
        case (.str(let x), .str(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.list(let x), .list(let y)):
            if x === y { return true }
            return try sequenceEquals(x.items, y.items)
        case (.tuple(let x), .tuple(let y)):
            return try sequenceEquals(x, y)
        case (.dict(let x), .dict(let y)):
            if x === y { return true }
            guard x.count == y.count else { return false }
            try enterNativeRecursion(NativeRecursionContext.comparison)
            defer { leaveNativeRecursion() }
            for (k, v) in x.hashedPairs {
                guard let other = y[try lookupKey(k, in: y)] else { return false }
                if !identical(v, other), !(try equals(v, other)) { return false }
            }
            return true
        case (.set(let x), .set(let y)):
            return try setsEqual(x.storage, y.storage)
        case (.instance(let o), _):
            if let m = o.cls.lookup("__eq__") {
                let r = try callValue(m, [a, b][...], [])
                if !isNotImplemented(r) { return try isTruthy(r) }
            }
            return identical(a, b)
        case (_, .instance(let o)):
            if let m = o.cls.lookup("__eq__") {
                let r = try callValue(m, [b, a][...], [])
                if !isNotImplemented(r) { return try isTruthy(r) }
            }
            return false
        case (.native(let n), _):
            return try nativeEquals(n, b)
        default:
            if let r = numericEquals(a, b) { return r }
            return HashKey.keyEquals(a, b)
        }
    }

    /// `x == y` of two lists or two tuples (zero-based; specialized for each).
    func sequenceEquals<C: RandomAccessCollection>(_ x: C, _ y: C) throws(PyException) -> Bool
    where C.Element == Value, C.Index == Int {
        guard x.count == y.count else { return false }
        try enterNativeRecursion(NativeRecursionContext.comparison)
        defer { leaveNativeRecursion() }
        for i in 0..<x.count {
            if identical(x[i], y[i]) { continue }
            if !(try equals(x[i], y[i])) { return false }
        }
        return true
    }

    func lessThan(_ a: Value, _ b: Value, _ symbol: String) throws(PyException) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        case (.str(let x), .str(let y)): return codepointLess(x, y)
        case (.list(let x), .list(let y)): return try sequenceLess(x.items, y.items, symbol, orEqual: false)
        case (.tuple(let x), .tuple(let y)): return try sequenceLess(x, y, symbol, orEqual: false)
        case (.set(let x), .set(let y)):
            guard x.storage.count < y.storage.count else { return false }
            return try isSubset(x.storage, of: y.storage)
        case (.instance(let o), _):
            if let m = o.cls.lookup("__lt__") { return try isTruthy(try callValue(m, [a, b][...], [])) }
        case (_, .instance(let o)):
            if let m = o.cls.lookup("__gt__") { return try isTruthy(try callValue(m, [b, a][...], [])) }
        case (.native(let n), _):
            if let r = try nativeCompare(n, b) { return r < 0 }
        default:
            break
        }
        if let r = try numericCompare(a, b) { return r < 0 }
        throw PyException.typeError("'\(symbol)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }

    func lessOrEqual(_ a: Value, _ b: Value, _ symbol: String) throws(PyException) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x <= y
        case (.float(let x), .float(let y)): return x <= y
        case (.str(let x), .str(let y)): return !codepointLess(y, x)
        case (.list(let x), .list(let y)): return try sequenceLess(x.items, y.items, symbol, orEqual: true)
        case (.tuple(let x), .tuple(let y)): return try sequenceLess(x, y, symbol, orEqual: true)
        case (.set(let x), .set(let y)):
            return try isSubset(x.storage, of: y.storage)
        case (.instance(let o), _):
            if let m = o.cls.lookup("__le__") { return try isTruthy(try callValue(m, [a, b][...], [])) }
        case (.native(let n), _):
            if let r = try nativeCompare(n, b) { return r <= 0 }
        default:
            break
        }
        if let r = try numericCompare(a, b) { return r <= 0 }
        throw PyException.typeError("'\(symbol)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }

    /// Python compares strings by code point; Swift's `<` on String uses Unicode canonical
    /// ordering, so compare the scalars.
    func codepointLess(_ x: String, _ y: String) -> Bool {
        var i = x.unicodeScalars.makeIterator()
        var j = y.unicodeScalars.makeIterator()
        while true {
            guard let a = i.next() else { return j.next() != nil }
            guard let b = j.next() else { return false }
            if a != b { return a.value < b.value }
        }
    }

    func sequenceLess<C: RandomAccessCollection>(_ x: C, _ y: C, _ symbol: String, orEqual: Bool) throws(PyException) -> Bool
    where C.Element == Value, C.Index == Int {
        try enterNativeRecursion(NativeRecursionContext.comparison)
        defer { leaveNativeRecursion() }
        let n = min(x.count, y.count)
        for i in 0..<n {
            if identical(x[i], y[i]) { continue }
            if try equals(x[i], y[i]) { continue }
            return try lessThan(x[i], y[i], symbol == "<=" ? "<" : (symbol == ">=" ? "<" : symbol))
        }
        return orEqual ? x.count <= y.count : x.count < y.count
    }

    /// -1, 0, 1 for two numbers, or `nil` if either is not a number.
    func numericCompare(_ a: Value, _ b: Value) throws(PyException) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.float(let x), .float(let y)):
            if x.isNaN || y.isNaN { return 2 }
            return x < y ? -1 : (x == y ? 0 : 1)
        default:
            break
        }
        let aIsNum = Arithmetic.isInt(a) || { if case .float = a { return true } else { return false } }()
        let bIsNum = Arithmetic.isInt(b) || { if case .float = b { return true } else { return false } }()
        guard aIsNum, bIsNum else { return nil }
        if let x = Arithmetic.big(a), let y = Arithmetic.big(b) { return x < y ? -1 : (x == y ? 0 : 1) }
        // One float, one int: compare exactly.
        if case .float(let x) = a, let y = Arithmetic.big(b) { return compareFloatInt(x, y) }
        if case .float(let y) = b, let x = Arithmetic.big(a) {
            let c = compareFloatInt(y, x)
            return c == 2 ? 2 : -c
        }
        return nil
    }

    private func compareFloatInt(_ x: Double, _ y: BigInt) -> Int {
        if x.isNaN { return 2 }
        if x == .infinity { return 1 }
        if x == -.infinity { return -1 }
        let fl = x.rounded(.down)
        let bx = BigInt(fl)
        if bx < y { return -1 }
        if bx > y { return 1 }
        return x > fl ? 1 : 0
    }

    /// `item in container`.
    func contains(_ container: Value, _ item: Value) throws(PyException) -> Bool {
        switch container {
        case .str(let s):
            guard let sub = item.stringLike else {
                throw PyException.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.isEmpty || s.contains(sub)
        case .list(let l):
            for v in l.items {
                if try identicalOrEqual(v, item) { return true }
            }
            return false
        case .tuple(let t):
            for v in t {
                if try identicalOrEqual(v, item) { return true }
            }
            return false
        case .dict(let d):
            return d.containsKey(try hashKey(item, in: d))
        case .set(let s):
            return s.storage.containsInPlace(try hashKey(item, in: s))
        case .range(let r):
            guard let i = Arithmetic.small(item) else { return false }
            if r.step > 0 ? (i < r.start || i >= r.stop) : (i > r.start || i <= r.stop) { return false }
            return (i - r.start) % r.step == 0
        case .instance(let o):
            if let m = o.cls.lookup("__contains__") { return try isTruthy(try callValue(m, [container, item][...], [])) }
        default:
            break
        }
        if case .native = container {
            for v in try iterate(container) {
                if try equals(v, item) { return true }
            }
            return false
        }
        if case .iterator = container {
            for v in try iterate(container) {
                if try equals(v, item) { return true }
            }
            return false
        }
        throw PyException.typeError("argument of type '\(container.typeName)' is not iterable")
    }

}
