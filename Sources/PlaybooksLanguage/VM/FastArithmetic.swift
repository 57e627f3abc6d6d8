/// The dispatch loop's inline arithmetic: the operations on machine ints and floats whose
/// result is again a machine int or a float and which cannot raise. Everything else (overflow
/// into big ints, division by zero, negative divisors, strings, instances, ...) returns `nil`
/// and goes to ``VirtualMachine/binaryOp(_:_:_:)``, which has the whole of Python's rules.
///
/// The results agree with `binaryOp`: `-7 % 3 == 2`, `-7 // 2 == -4`, `3 * 0.5 == 1.5`.
enum FastArithmetic {
    /// `a op b` for two machine ints, or `nil` when the general path must decide.
    @inline(__always)
    static func int(_ op: BinaryOp, _ a: Int, _ b: Int) -> Int? {
        switch op {
        case .add:
            let (s, o) = a.addingReportingOverflow(b)
            return o ? nil : s
        case .sub:
            let (s, o) = a.subtractingReportingOverflow(b)
            return o ? nil : s
        case .mul:
            let (s, o) = a.multipliedReportingOverflow(by: b)
            return o ? nil : s
        case .mod:
            // Python's modulo takes the divisor's sign; only positive divisors here.
            guard b > 0 else { return nil }
            let r = a % b
            return r < 0 ? r + b : r
        case .floordiv:
            guard b > 0 else { return nil }
            let q = a / b
            return a % b < 0 ? q - 1 : q
        case .bitand: return a & b
        case .bitor: return a | b
        case .bitxor: return a ^ b
        default: return nil
        }
    }

    /// `a op b` for two floats (an int operand converted as Python converts it), or `nil`.
    @inline(__always)
    static func float(_ op: BinaryOp, _ a: Double, _ b: Double) -> Double? {
        switch op {
        case .add: return a + b
        case .sub: return a - b
        case .mul: return a * b
        case .truediv: return b != 0 ? a / b : nil
        default: return nil
        }
    }

    /// `l op r` as a float when one operand is a float and the other a float or a machine
    /// int, or `nil`. (Two ints are ``int(_:_:_:)``'s, checked first where it matters.)
    static func float(_ op: BinaryOp, _ l: Value, _ r: Value) -> Double? {
        switch l {
        case .int(let a):
            if case .float(let b) = r { return float(op, Double(a), b) }
            return nil
        case .float(let a):
            switch r {
            case .float(let b): return float(op, a, b)
            case .int(let b): return float(op, a, Double(b))
            default: return nil
            }
        default:
            return nil
        }
    }
}
