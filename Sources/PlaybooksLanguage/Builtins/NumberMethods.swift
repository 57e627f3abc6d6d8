import BigInt

/// Methods of `int`, `float` and exceptions.
enum NumberMethods {
    static let int: [(String, NativeFunction)] = [
        (
            "bit_length",
            { _, args, _ throws(PyException) in
                guard let v = args.first, let b = Arithmetic.big(v) else { throw PyException.typeError("bit_length needs an int") }
                return .int(b == 0 ? 0 : b.magnitude.bitWidth)
            }
        ),
        (
            "bit_count",
            { _, args, _ throws(PyException) in
                guard let v = args.first, let b = Arithmetic.big(v) else { throw PyException.typeError("bit_count needs an int") }
                return .int(b.magnitude.words.reduce(0) { $0 + $1.nonzeroBitCount })
            }
        ),
        ("conjugate", { _, args, _ throws(PyException) in args.first ?? .int(0) }),
        ("is_integer", { _, _, _ throws(PyException) in .bool(true) }),
        ("__index__", { _, args, _ throws(PyException) in args.first ?? .int(0) }),
    ]

    static let intClassMethods: [(String, NativeFunction)] = []

    static let float: [(String, NativeFunction)] = [
        (
            "is_integer",
            { _, args, _ throws(PyException) in
                guard case .float(let d) = args.first else { throw PyException.typeError("is_integer needs a float") }
                return .bool(d.isFinite && d.rounded(.towardZero) == d)
            }
        ),
        (
            "as_integer_ratio",
            { _, args, _ throws(PyException) in
                guard case .float(let d) = args.first else { throw PyException.typeError("as_integer_ratio needs a float") }
                if d.isNaN { throw PyException.valueError("cannot convert NaN to integer ratio") }
                if d.isInfinite { throw PyException.overflow("cannot convert Infinity to integer ratio") }
                var num = BigInt(d.significandBitPattern | (d.isNormal ? (1 << 52) : 0))
                var exp = Int(d.exponent) - 52
                if !d.isNormal { exp = -1074 }
                var den: BigInt = 1
                if exp > 0 { num <<= exp } else { den <<= -exp }
                while num != 0 && num % 2 == 0 && den > 1 {
                    num >>= 1
                    den >>= 1
                }
                if d < 0 { num = -num }
                if d == 0 { return .tuple([.int(0), .int(1)]) }
                return .tuple([.integer(num), .integer(den)])
            }
        ),
        ("conjugate", { _, args, _ throws(PyException) in args.first ?? .float(0) }),
        ("hex", { _, _, _ throws(PyException) in throw PyException(Types.notImplementedError, "float.hex is not supported") }),
    ]

    static let floatClassMethods: [(String, NativeFunction)] = []
}

enum ExceptionMethods {
    static let all: [(String, NativeFunction)] = [
        (
            "add_note",
            { _, args, _ throws(PyException) in
                guard case .exception(let e) = args.first, args.count == 2 else {
                    throw PyException.typeError("add_note() takes exactly one argument")
                }
                if e.attributes == nil { e.attributes = DictObject() }
                let notes: ListObject
                if case .list(let l) = e.attributes?.get("__notes__") {
                    notes = l
                } else {
                    notes = ListObject()
                    e.attributes?.set("__notes__", .list(notes))
                }
                notes.items.append(args[args.startIndex + 1])
                return .none
            }
        ),
        ("with_traceback", { _, args, _ throws(PyException) in args.first ?? .none }),
    ]
}
