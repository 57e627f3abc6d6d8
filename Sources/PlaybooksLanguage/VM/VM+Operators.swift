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
                if let v = Arithmetic.smallPow(a, b) { return v }
                return .integer(try power(BigInt(a), b))
            case .lshift:
                if b < 0 { throw PyException.valueError("negative shift count") }
                if b < 63, a.magnitude < (1 << (62 - b)) { return .int(a << b) }
                return .integer(try shiftLeft(BigInt(a), b))
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
        // A user class's operator comes first, whatever the right operand is (`msg + "!"`, `v * 2.0`).
        if case .instance(let o) = l, let m = o.cls.lookup(op.dunder) {
            let res = try callValue(m, [l, r][...], [])
            if !isNotImplemented(res) { return res }
        }
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
            if op == .add, !mayReflect(r) {
                throw PyException.typeError("can only concatenate str (not \"\(r.typeName)\") to str")
            }
        case (_, .str(let b)):
            if op == .mul, let n = Arithmetic.small(l) { return .str(try repeatString(b, n)) }
        case (.list(let a), .list(let b)):
            if op == .add { return .list(ListObject(a.items + b.items)) }
        case (.list(let a), _):
            if op == .mul, let n = Arithmetic.small(r) { return .list(ListObject(try repeatArray(a.items, n))) }
            if op == .add, !mayReflect(r) {
                throw PyException.typeError("can only concatenate list (not \"\(r.typeName)\") to list")
            }
        case (_, .list(let b)):
            if op == .mul, let n = Arithmetic.small(l) { return .list(ListObject(try repeatArray(b.items, n))) }
        case (.tuple(let a), .tuple(let b)):
            if op == .add { return .tuple(a + b) }
        case (.tuple(let a), _):
            if op == .mul, let n = Arithmetic.small(r) { return .tuple(TupleItems(try repeatArray(a, n))) }
            if op == .add, !mayReflect(r) {
                throw PyException.typeError("can only concatenate tuple (not \"\(r.typeName)\") to tuple")
            }
        case (_, .tuple(let b)):
            if op == .mul, let n = Arithmetic.small(l) { return .tuple(TupleItems(try repeatArray(b, n))) }
        case (.set(let a), .set(let b)):
            if let s = try setOperation(op, a, b) { return .set(s) }
        case (.dict(let a), .dict(let b)):
            if case .counter = a.flavor { return try counterOperation(op, a, b) }
            if op == .bitor {
                let d = a.copy()
                for (k, v) in b.hashedPairs { d[try lookupKey(k, in: d)] = v }
                return .dict(d)
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

    /// Whether `r` is an object whose class may define the reflected operator (`__radd__`, ...).
    private func mayReflect(_ r: Value) -> Bool {
        switch r {
        case .instance, .native: return true
        default: return false
        }
    }

    func isNotImplemented(_ v: Value) -> Bool {
        if case .native(let n) = v, n is NotImplementedMarker { return true }
        return false
    }

    func bigOp(_ op: BinaryOp, _ a: BigInt, _ b: BigInt, _ l: Value, _ r: Value) throws(PyException) -> Value {
        switch op {
        case .add: return .integer(a + b)
        case .sub: return .integer(a - b)
        case .mul:
            try chargeMultiplication(a, b)
            return .integer(a * b)
        case .truediv:
            try chargeDivision(a, b)
            return .float(try Arithmetic.trueDivide(a, b))
        case .floordiv:
            try chargeDivision(a, b)
            return try Arithmetic.bigFloorDiv(a, b)
        case .mod:
            try chargeDivision(a, b)
            return try Arithmetic.bigMod(a, b)
        case .pow:
            if b < 0 {
                guard let x = try Arithmetic.toDouble(l), let y = try Arithmetic.toDouble(r) else { throw unsupported("**", l, r) }
                return .float(try Arithmetic.floatPow(x, y))
            }
            if a == 0 || a == 1 { return .integer(a) }
            if a == -1 { return .integer(b.isMultiple(of: 2) ? 1 : -1) }
            guard let e = Int(exactly: b) else { throw PyException(Types.memoryError, "exponent too large") }
            return .integer(try power(a, e))
        case .lshift:
            if b < 0 { throw PyException.valueError("negative shift count") }
            if a == 0 { return .int(0) }
            guard let s = Int(exactly: b) else { throw PyException.overflow("too many digits in integer") }
            return .integer(try shiftLeft(a, s))
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
        if overflow || size > AllocationCaps.stringBytes { throw PyException(Types.memoryError, "repeated string is too long") }
        try checkAllocation(size)
        try charge(size >> 6)
        return String(repeating: s, count: n)
    }

    func repeatArray<C: Collection>(_ a: C, _ n: Int) throws(PyException) -> [Value] where C.Element == Value {
        if n <= 0 || a.isEmpty { return [] }
        let (count, overflow) = a.count.multipliedReportingOverflow(by: n)
        if overflow || count > AllocationCaps.sequenceLength {
            throw PyException(Types.memoryError, "repeated sequence is too long")
        }
        try checkAllocation(count * 16)
        try charge(count >> 2)
        var out: [Value] = []
        out.reserveCapacity(a.count * n)
        for _ in 0..<n { out.append(contentsOf: a) }
        return out
    }

    /// `|`, `&`, `-`, `^` of two sets; elements with a user `__eq__` are compared with it.
    func setOperation(_ op: BinaryOp, _ a: SetObject, _ b: SetObject) throws(PyException) -> SetObject? {
        var out = OrderedKeySet()
        switch op {
        case .bitor:
            out = a.storage
            for k in b.storage { out.insert(try lookupKey(k, in: out)) }
        case .bitand:
            for k in a.storage where b.storage.contains(try lookupKey(k, in: b.storage)) { out.insert(k) }
        case .sub:
            for k in a.storage where !b.storage.contains(try lookupKey(k, in: b.storage)) { out.insert(k) }
        case .bitxor:
            for k in a.storage where !b.storage.contains(try lookupKey(k, in: b.storage)) { out.insert(k) }
            for k in b.storage where !a.storage.contains(try lookupKey(k, in: a.storage)) { out.insert(k) }
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
            if let s = try setOperation(op, a, b) { a.storage = s.storage }
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
}

/// Python's `NotImplemented`.
final class NotImplementedMarker: NativeObject, @unchecked Sendable {
    static let shared = NotImplementedMarker()
    override var type: TypeObject { Types.builtin("NotImplementedType") }
    override var kindTag: String { "NotImplemented" }
}
