import BigInt

extension BinaryOp {
    var symbol: String {
        switch self {
        case .add: return "+"
        case .sub: return "-"
        case .mul: return "*"
        case .truediv: return "/"
        case .floordiv: return "//"
        case .mod: return "%"
        case .pow: return "**"
        case .matmul: return "@"
        case .lshift: return "<<"
        case .rshift: return ">>"
        case .bitand: return "&"
        case .bitor: return "|"
        case .bitxor: return "^"
        }
    }

    var dunder: String {
        switch self {
        case .add: return "__add__"
        case .sub: return "__sub__"
        case .mul: return "__mul__"
        case .truediv: return "__truediv__"
        case .floordiv: return "__floordiv__"
        case .mod: return "__mod__"
        case .pow: return "__pow__"
        case .matmul: return "__matmul__"
        case .lshift: return "__lshift__"
        case .rshift: return "__rshift__"
        case .bitand: return "__and__"
        case .bitor: return "__or__"
        case .bitxor: return "__xor__"
        }
    }
}

extension VirtualMachine {
    func unsupported(_ op: String, _ l: Value, _ r: Value) -> PyException {
        PyException.typeError("unsupported operand type(s) for \(op): '\(l.typeName)' and '\(r.typeName)'")
    }

    func binaryOp(_ op: BinaryOp, _ l: Value, _ r: Value) throws(PyException) -> Value {
        // Machine ints.
        if let a = Arithmetic.small(l), let b = Arithmetic.small(r) {
            switch op {
            case .add:
                let (s, o) = a.addingReportingOverflow(b)
                return o ? .integer(BigInt(a) + BigInt(b)) : .int(s)
            case .sub:
                let (s, o) = a.subtractingReportingOverflow(b)
                return o ? .integer(BigInt(a) - BigInt(b)) : .int(s)
            case .mul:
                let (s, o) = a.multipliedReportingOverflow(by: b)
                return o ? .integer(BigInt(a) * BigInt(b)) : .int(s)
            case .truediv:
                if b == 0 { throw PyException.zeroDivision() }
                if a.magnitude < (1 << 53) && b.magnitude < (1 << 53) { return .float(Double(a) / Double(b)) }
                return .float(try Arithmetic.trueDivide(BigInt(a), BigInt(b)))
            case .floordiv: return try Arithmetic.floorDiv(a, b)
            case .mod: return try Arithmetic.mod(a, b)
            case .pow:
                if b < 0 {
                    return .float(try Arithmetic.floatPow(Double(a), Double(b)))
                }
                return Arithmetic.smallPow(a, b)
            case .lshift:
                if b < 0 { throw PyException.valueError("negative shift count") }
                if b < 63, a.magnitude < (1 << (62 - b)) { return .int(a << b) }
                // The same bound as for a big shift count (below): not an allocation the size of the count.
                guard b < 64_000_000 else { throw PyException.overflow("too many digits in integer") }
                return .integer(BigInt(a) << b)
            case .rshift:
                if b < 0 { throw PyException.valueError("negative shift count") }
                return .int(b >= 64 ? (a < 0 ? -1 : 0) : a >> b)
            case .bitand:
                if case .bool(let x) = l, case .bool(let y) = r { return .bool(x && y) }
                return .int(a & b)
            case .bitor:
                if case .bool(let x) = l, case .bool(let y) = r { return .bool(x || y) }
                return .int(a | b)
            case .bitxor:
                if case .bool(let x) = l, case .bool(let y) = r { return .bool(x != y) }
                return .int(a ^ b)
            case .matmul: throw unsupported(op.symbol, l, r)
            }
        }
        if op == .mod, case .str(let a) = l { return .str(try percentFormat(a, r)) }
        if case .native(let n) = l, let res = try nativeBinary(op, n, r, reflected: false) { return res }
        switch (l, r) {
        case (.float(let a), .float(let b)): return try floatOp(op, a, b, l, r)
        case (.float(let a), _):
            if Arithmetic.isInt(r), let b = try Arithmetic.toDouble(r) { return try floatOp(op, a, b, l, r) }
        case (_, .float(let b)):
            if Arithmetic.isInt(l), let a = try Arithmetic.toDouble(l) { return try floatOp(op, a, b, l, r) }
        case (.str(let a), .str(let b)):
            if op == .add {
                if limits.maxMemoryBytes != nil { try checkAllocation(a.utf8.count + b.utf8.count) }
                return .str(a + b)
            }
            if op == .mod { return .str(try percentFormat(a, r)) }
        case (.str(let a), _):
            if op == .mod { return .str(try percentFormat(a, r)) }
            if op == .mul, let n = Arithmetic.small(r) { return .str(try repeatString(a, n)) }
            if op == .add {
                throw PyException.typeError("can only concatenate str (not \"\(r.typeName)\") to str")
            }
        case (_, .str(let b)):
            if op == .mul, let n = Arithmetic.small(l) { return .str(try repeatString(b, n)) }
        case (.list(let a), .list(let b)):
            if op == .add { return .list(ListObject(a.items + b.items)) }
        case (.list(let a), _):
            if op == .mul, let n = Arithmetic.small(r) { return .list(ListObject(try repeatArray(a.items, n))) }
            if op == .add {
                throw PyException.typeError("can only concatenate list (not \"\(r.typeName)\") to list")
            }
        case (_, .list(let b)):
            if op == .mul, let n = Arithmetic.small(l) { return .list(ListObject(try repeatArray(b.items, n))) }
        case (.tuple(let a), .tuple(let b)):
            if op == .add { return .tuple(a + b) }
        case (.tuple(let a), _):
            if op == .mul, let n = Arithmetic.small(r) { return .tuple(try repeatArray(a, n)) }
            if op == .add {
                throw PyException.typeError("can only concatenate tuple (not \"\(r.typeName)\") to tuple")
            }
        case (_, .tuple(let b)):
            if op == .mul, let n = Arithmetic.small(l) { return .tuple(try repeatArray(b, n)) }
        case (.set(let a), .set(let b)):
            if let s = setOperation(op, a, b) { return .set(s) }
        case (.dict(let a), .dict(let b)):
            if case .counter = a.flavor { return try counterOperation(op, a, b) }
            if op == .bitor {
                let d = a.copy()
                for (k, v) in b.pairs { d[try hashKey(k)] = v }
                return .dict(d)
            }
        case (.instance(let o), _):
            if let m = o.cls.lookup(op.dunder) {
                let res = try callValue(m, [l, r][...], [])
                if !isNotImplemented(res) { return res }
            }
        case (.native(let n), _):
            if let res = try nativeBinary(op, n, r, reflected: false) { return res }
        default:
            break
        }
        if case .native(let n) = r, let res = try nativeBinary(op, n, l, reflected: true) { return res }
        if case .instance(let o) = r, let m = o.cls.lookup("__r" + op.dunder.dropFirst(2)) {
            let res = try callValue(m, [r, l][...], [])
            if !isNotImplemented(res) { return res }
        }
        // Big ints.
        if let a = Arithmetic.big(l), let b = Arithmetic.big(r) {
            return try bigOp(op, a, b, l, r)
        }
        throw unsupported(op.symbol, l, r)
    }

    func isNotImplemented(_ v: Value) -> Bool {
        if case .native(let n) = v, n is NotImplementedMarker { return true }
        return false
    }

    func bigOp(_ op: BinaryOp, _ a: BigInt, _ b: BigInt, _ l: Value, _ r: Value) throws(PyException) -> Value {
        switch op {
        case .add: return .integer(a + b)
        case .sub: return .integer(a - b)
        case .mul: return .integer(a * b)
        case .truediv: return .float(try Arithmetic.trueDivide(a, b))
        case .floordiv: return try Arithmetic.bigFloorDiv(a, b)
        case .mod: return try Arithmetic.bigMod(a, b)
        case .pow:
            if b < 0 {
                guard let x = try Arithmetic.toDouble(l), let y = try Arithmetic.toDouble(r) else { throw unsupported("**", l, r) }
                return .float(try Arithmetic.floatPow(x, y))
            }
            guard let e = Int(exactly: b), e < 100_000_000 else {
                throw PyException(Types.memoryError, "exponent too large")
            }
            if a == 0 || a == 1 { return .integer(a) }
            if a.magnitude.bitWidth * e > 64_000_000 {
                throw PyException(Types.memoryError, "result of ** too large")
            }
            return .integer(Arithmetic.intPow(a, e))
        case .lshift:
            if b < 0 { throw PyException.valueError("negative shift count") }
            guard let s = Int(exactly: b), s < 64_000_000 else { throw PyException.overflow("too many digits in integer") }
            return .integer(a << s)
        case .rshift:
            if b < 0 { throw PyException.valueError("negative shift count") }
            guard let s = Int(exactly: b) else { return .int(a < 0 ? -1 : 0) }
            return .integer(Arithmetic.shiftRight(a, s))
        case .bitand: return .integer(Arithmetic.bitwise(a, b) { $0 & $1 })
        case .bitor: return .integer(Arithmetic.bitwise(a, b) { $0 | $1 })
        case .bitxor: return .integer(Arithmetic.bitwise(a, b) { $0 ^ $1 })
        case .matmul: throw unsupported(op.symbol, l, r)
        }
    }

    func floatOp(_ op: BinaryOp, _ a: Double, _ b: Double, _ l: Value, _ r: Value) throws(PyException) -> Value {
        switch op {
        case .add: return .float(a + b)
        case .sub: return .float(a - b)
        case .mul: return .float(a * b)
        case .truediv:
            if b == 0 { throw PyException.zeroDivision("float division by zero") }
            return .float(a / b)
        case .floordiv: return .float(try Arithmetic.floatFloorDiv(a, b))
        case .mod: return .float(try Arithmetic.floatMod(a, b))
        case .pow: return .float(try Arithmetic.floatPow(a, b))
        default: throw unsupported(op.symbol, l, r)
        }
    }

    func repeatString(_ s: String, _ n: Int) throws(PyException) -> String {
        if n <= 0 || s.isEmpty { return "" }
        let (size, overflow) = s.utf8.count.multipliedReportingOverflow(by: n)
        if overflow || size > 1 << 31 { throw PyException(Types.memoryError, "repeated string is too long") }
        try checkAllocation(size)
        return String(repeating: s, count: n)
    }

    func repeatArray(_ a: [Value], _ n: Int) throws(PyException) -> [Value] {
        if n <= 0 || a.isEmpty { return [] }
        let (count, overflow) = a.count.multipliedReportingOverflow(by: n)
        if overflow || count > 1 << 28 { throw PyException(Types.memoryError, "repeated sequence is too long") }
        try checkAllocation(count * 16)
        var out: [Value] = []
        out.reserveCapacity(a.count * n)
        for _ in 0..<n { out.append(contentsOf: a) }
        return out
    }

    func setOperation(_ op: BinaryOp, _ a: SetObject, _ b: SetObject) -> SetObject? {
        var out = OrderedKeySet()
        switch op {
        case .bitor:
            out = a.storage
            for k in b.storage { out.insert(k) }
        case .bitand:
            for k in a.storage where b.storage.contains(k) { out.insert(k) }
        case .sub:
            for k in a.storage where !b.storage.contains(k) { out.insert(k) }
        case .bitxor:
            for k in a.storage where !b.storage.contains(k) { out.insert(k) }
            for k in b.storage where !a.storage.contains(k) { out.insert(k) }
        default:
            return nil
        }
        return SetObject(out, frozen: a.isFrozen)
    }

    func inplaceOp(_ op: BinaryOp, _ l: Value, _ r: Value) throws(PyException) -> Value {
        switch (l, op) {
        case (.list(let a), .add):
            a.items.append(contentsOf: try iterate(r))
            return l
        case (.list(let a), .mul):
            if let n = Arithmetic.small(r) {
                a.items = try repeatArray(a.items, n)
                return l
            }
        case (.set(let a), .bitor), (.set(let a), .bitand), (.set(let a), .sub), (.set(let a), .bitxor):
            guard case .set(let b) = r else { break }
            if let s = setOperation(op, a, b) { a.storage = s.storage }
            return l
        case (.dict(let a), .bitor):
            try dictUpdate(a, from: r)
            return l
        case (.instance(let o), _):
            if let m = o.cls.lookup("__i" + op.dunder.dropFirst(2)) {
                return try callValue(m, [l, r][...], [])
            }
        default:
            break
        }
        do {
            return try binaryOp(op, l, r)
        } catch {
            // CPython names the augmented operator when neither operand supports it (`+=`).
            if error.object.type === Types.typeError, case .str(let message)? = error.object.args.first,
                case .str(let plain)? = unsupported(op.symbol, l, r).object.args.first, message == plain
            {
                throw unsupported(op.symbol + "=", l, r)
            }
            throw error
        }
    }

    func unaryOp(_ op: UnaryOp, _ v: Value) throws(PyException) -> Value {
        switch op {
        case .not:
            return .bool(!(try isTruthy(v)))
        case .negate:
            switch v {
            case .int(let i):
                if i == Int.min { return .integer(-BigInt(i)) }
                return .int(-i)
            case .bool(let b): return .int(b ? -1 : 0)
            case .float(let d): return .float(-d)
            case .bigInt(let b): return .integer(-b.value)
            case .native(let n):
                if let r = try nativeUnary(op, n) { return r }
            case .instance(let o):
                if let m = o.cls.lookup("__neg__") { return try callValue(m, [v][...], []) }
            default: break
            }
            throw PyException.typeError("bad operand type for unary -: '\(v.typeName)'")
        case .plus:
            switch v {
            case .int, .float, .bigInt: return v
            case .bool(let b): return .int(b ? 1 : 0)
            case .native(let n):
                if let r = try nativeUnary(op, n) { return r }
            default: break
            }
            throw PyException.typeError("bad operand type for unary +: '\(v.typeName)'")
        case .invert:
            switch v {
            case .int(let i): return .int(~i)
            case .bool(let b): return .int(b ? -2 : -1)
            case .bigInt(let b): return .integer(-b.value - 1)
            default: throw PyException.typeError("bad operand type for unary ~: '\(v.typeName)'")
            }
        }
    }

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
            for (k, v) in x.pairs {
                guard let other = y[try hashKey(k)] else { return false }
                if !identical(v, other), !(try equals(v, other)) { return false }
            }
            return true
        case (.set(let x), .set(let y)):
            return x.storage == y.storage
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

    func sequenceEquals(_ x: [Value], _ y: [Value]) throws(PyException) -> Bool {
        guard x.count == y.count else { return false }
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
            return x.storage.count < y.storage.count && x.storage.allSatisfy { y.storage.contains($0) }
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
            return x.storage.allSatisfy { y.storage.contains($0) }
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

    func sequenceLess(_ x: [Value], _ y: [Value], _ symbol: String, orEqual: Bool) throws(PyException) -> Bool {
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
            guard case .str(let sub) = item else {
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
            return d.containsKey(try hashKey(item))
        case .set(let s):
            return s.storage.containsInPlace(try hashKey(item))
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

    /// Python truthiness.
    func isTruthy(_ v: Value) throws(PyException) -> Bool {
        switch v {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .bigInt: return true
        case .tuple(let t): return !t.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .dict(let d): return d.count > 0
        case .set(let s): return s.storage.count > 0
        case .range(let r): return r.count > 0
        case .instance(let o):
            if let m = o.cls.lookup("__bool__") { return try isTruthy(try callValue(m, [v][...], [])) }
            if let m = o.cls.lookup("__len__") {
                return try isTruthy(try callValue(m, [v][...], []))
            }
            return true
        case .native(let n): return nativeTruthy(n)
        default: return true
        }
    }

    /// The key for a dict or set, or `TypeError: unhashable type`.
    @inline(__always)
    func hashKey(_ v: Value) throws(PyException) -> HashKey {
        guard let k = HashKey(v) else { throw unhashable(v) }
        return k
    }

    /// `TypeError: unhashable type: 'list'` (out of line: the hashable path is inlined).
    @inline(never)
    func unhashable(_ v: Value) -> PyException {
        PyException.typeError("unhashable type: '\(unhashableName(v))'")
    }

    private func unhashableName(_ v: Value) -> String {
        if case .tuple(let items) = v {
            for i in items where HashKey(i) == nil { return unhashableName(i) }
        }
        return v.typeName
    }
}

/// Python's `NotImplemented`.
final class NotImplementedMarker: NativeObject, @unchecked Sendable {
    static let shared = NotImplementedMarker()
    override var type: TypeObject { Types.builtin("NotImplementedType") }
    override var kindTag: String { "NotImplemented" }
}
