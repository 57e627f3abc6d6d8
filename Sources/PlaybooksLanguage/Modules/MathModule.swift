import BigInt

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `math` module.
enum MathModule {
    static func number(_ vm: VirtualMachine, _ args: ArraySlice<Value>, _ i: Int, _ fn: String) throws(PyException) -> Double {
        guard i < args.count else { throw PyException.typeError("\(fn)() missing required argument (pos \(i + 1))") }
        let v = args[args.startIndex + i]
        guard let d = try Arithmetic.toDouble(v) else {
            throw PyException.typeError("must be real number, not \(v.typeName)")
        }
        return d
    }

    static func unary(
        _ name: String, domainCheck: @escaping @Sendable (Double) -> Bool = { _ in true }, _ f: @escaping @Sendable (Double) -> Double
    ) -> BuiltinFunction {
        BuiltinFunction(key: "math." + name) { vm, args, kwargs throws(PyException) in
            try ArgumentReader(name, args, kwargs).expect(1, 1)
            let x = try number(vm, args, 0, name)
            guard domainCheck(x) else { throw PyException.valueError("math domain error") }
            let r = f(x)
            if r.isInfinite && x.isFinite { throw PyException.overflow("math range error") }
            if r.isNaN && !x.isNaN { throw PyException.valueError("math domain error") }
            return .float(r)
        }
    }

    static func integral(_ name: String, _ rule: FloatingPointRoundingRule) -> BuiltinFunction {
        BuiltinFunction(key: "math." + name) { vm, args, kwargs throws(PyException) in
            try ArgumentReader(name, args, kwargs).expect(1, 1)
            let v = args[args.startIndex]
            if Arithmetic.isInt(v) { return Arithmetic.small(v).map { .int($0) } ?? v }
            let x = try number(vm, args, 0, name)
            return try vm.toInt(.float(x.rounded(rule)))
        }
    }

    /// log of an int of any size (CPython handles big ints exactly enough via frexp).
    static func logValue(_ v: Value) throws(PyException) -> Double {
        if case .bigInt(let b) = v {
            guard b.value > 0 else { throw PyException.valueError("math domain error") }
            let bits = b.value.bitWidth
            let shift = max(0, bits - 60)
            let top = Double(b.value >> shift)
            return log(top) + Double(shift) * log(2.0)
        }
        guard let d = try Arithmetic.toDouble(v) else { throw PyException.typeError("must be real number, not \(v.typeName)") }
        guard d > 0 else { throw PyException.valueError("math domain error") }
        return log(d)
    }

    static let functions: [BuiltinFunction] = [
        unary("sqrt", domainCheck: { $0 >= 0 || $0.isNaN }) { $0.squareRoot() },
        unary("exp") { exp($0) },
        unary("sin") { sin($0) },
        unary("cos") { cos($0) },
        unary("tan") { tan($0) },
        unary("asin", domainCheck: { $0 >= -1 && $0 <= 1 }) { asin($0) },
        unary("acos", domainCheck: { $0 >= -1 && $0 <= 1 }) { acos($0) },
        unary("atan") { atan($0) },
        unary("sinh") { sinh($0) },
        unary("cosh") { cosh($0) },
        unary("tanh") { tanh($0) },
        unary("fabs") { Swift.abs($0) },
        unary("degrees") { $0 * 180 / Double.pi },
        unary("radians") { $0 * Double.pi / 180 },
        unary("log2", domainCheck: { $0 > 0 }) { log2($0) },
        unary("log10", domainCheck: { $0 > 0 }) { log10($0) },
        unary("log1p", domainCheck: { $0 > -1 }) { log1p($0) },
        unary("expm1") { expm1($0) },
        integral("floor", .down),
        integral("ceil", .up),
        integral("trunc", .towardZero),
        BuiltinFunction(key: "math.log") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("log", args, kwargs).expect(1, 2)
            let lx = try logValue(args[args.startIndex])
            if args.count == 2 {
                let lb = try logValue(args[args.startIndex + 1])
                if lb == 0 { throw PyException.zeroDivision("float division by zero") }
                return .float(lx / lb)
            }
            return .float(lx)
        },
        BuiltinFunction(key: "math.pow") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("pow", args, kwargs).expect(2, 2)
            let x = try number(vm, args, 0, "pow")
            let y = try number(vm, args, 1, "pow")
            if x == 0 && y < 0 { throw PyException.valueError("math domain error") }
            if x < 0 && y.rounded(.towardZero) != y && y.isFinite { throw PyException.valueError("math domain error") }
            let r = pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw PyException.overflow("math range error") }
            return .float(r)
        },
        BuiltinFunction(key: "math.atan2") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("atan2", args, kwargs).expect(2, 2)
            return .float(atan2(try number(vm, args, 0, "atan2"), try number(vm, args, 1, "atan2")))
        },
        BuiltinFunction(key: "math.fmod") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("fmod", args, kwargs).expect(2, 2)
            let y = try number(vm, args, 1, "fmod")
            if y == 0 { throw PyException.valueError("math domain error") }
            return .float(try number(vm, args, 0, "fmod").truncatingRemainder(dividingBy: y))
        },
        BuiltinFunction(key: "math.copysign") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("copysign", args, kwargs).expect(2, 2)
            let x = try number(vm, args, 0, "copysign")
            let y = try number(vm, args, 1, "copysign")
            return .float(Double(sign: y.sign, exponentBitPattern: x.exponentBitPattern, significandBitPattern: x.significandBitPattern))
        },
        BuiltinFunction(key: "math.hypot") { vm, args, _ throws(PyException) in
            var sum = 0.0
            for i in 0..<args.count {
                let x = try number(vm, args, i, "hypot")
                sum += x * x
            }
            return .float(sum.squareRoot())
        },
        BuiltinFunction(key: "math.modf") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("modf", args, kwargs).expect(1, 1)
            let x = try number(vm, args, 0, "modf")
            let i = x.rounded(.towardZero)
            return .tuple([.float(x - i), .float(i)])
        },
        BuiltinFunction(key: "math.isclose") { vm, args, kwargs throws(PyException) in
            let r = ArgumentReader("isclose", args, kwargs)
            try r.checkKeywords(["rel_tol", "abs_tol"])
            let a = try number(vm, args, 0, "isclose")
            let b = try number(vm, args, 1, "isclose")
            let rel = try r.keyword("rel_tol").map { (v) throws(PyException) in try Arithmetic.toDouble(v) ?? 1e-9 } ?? 1e-9
            let absTol = try r.keyword("abs_tol").map { (v) throws(PyException) in try Arithmetic.toDouble(v) ?? 0 } ?? 0
            if rel < 0 || absTol < 0 { throw PyException.valueError("tolerances must be non-negative") }
            if a == b { return .bool(true) }
            if a.isInfinite || b.isInfinite { return .bool(false) }
            let diff = Swift.abs(b - a)
            return .bool(diff <= Swift.abs(rel * b) || diff <= Swift.abs(rel * a) || diff <= absTol)
        },
        BuiltinFunction(key: "math.isnan") { vm, args, _ throws(PyException) in .bool(try number(vm, args, 0, "isnan").isNaN) },
        BuiltinFunction(key: "math.isinf") { vm, args, _ throws(PyException) in .bool(try number(vm, args, 0, "isinf").isInfinite) },
        BuiltinFunction(key: "math.isfinite") { vm, args, _ throws(PyException) in .bool(try number(vm, args, 0, "isfinite").isFinite) },
        BuiltinFunction(key: "math.gcd") { vm, args, _ throws(PyException) in
            var g = BigInt(0)
            for a in args {
                guard let b = Arithmetic.big(a) else {
                    throw PyException.typeError("'\(a.typeName)' object cannot be interpreted as an integer")
                }
                g = g.greatestCommonDivisor(with: b)
            }
            return .integer(BigInt(g.magnitude))
        },
        BuiltinFunction(key: "math.lcm") { vm, args, _ throws(PyException) in
            var l = BigInt(1)
            for a in args {
                guard let b = Arithmetic.big(a) else {
                    throw PyException.typeError("'\(a.typeName)' object cannot be interpreted as an integer")
                }
                if b == 0 { return .int(0) }
                l = BigInt((l * b).magnitude) / l.greatestCommonDivisor(with: b)
            }
            return .integer(l)
        },
        BuiltinFunction(key: "math.factorial") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("factorial", args, kwargs).expect(1, 1)
            let v = args[args.startIndex]
            if case .float = v { throw PyException.typeError("'float' object cannot be interpreted as an integer") }
            let n = try vm.integerArgument(v)
            if n < 0 { throw PyException.valueError("factorial() not defined for negative values") }
            if n > 100_000 { throw PyException.overflow("factorial() argument should not exceed 100000 here") }
            var r = BigInt(1)
            if n > 1 {
                for i in 2...n {
                    try vm.charge(r.magnitude.words.count)
                    r *= BigInt(i)
                }
            }
            return .integer(r)
        },
        BuiltinFunction(key: "math.comb") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("comb", args, kwargs).expect(2, 2)
            let n = try vm.integerArgument(args[args.startIndex])
            let k = try vm.integerArgument(args[args.startIndex + 1])
            if n < 0 || k < 0 { throw PyException.valueError("n must be a non-negative integer") }
            if k > n { return .int(0) }
            var r = BigInt(1)
            let kk = min(k, n - k)
            if kk > 0 {
                for i in 0..<kk {
                    // A multiplication and a division by one word each: linear in the size of r.
                    try vm.charge(2 * r.magnitude.words.count)
                    r = r * BigInt(n - i) / BigInt(i + 1)
                }
            }
            return .integer(r)
        },
        BuiltinFunction(key: "math.perm") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("perm", args, kwargs).expect(1, 2)
            let n = try vm.integerArgument(args[args.startIndex])
            let k = args.count > 1 ? try vm.integerArgument(args[args.startIndex + 1]) : n
            if n < 0 || k < 0 { throw PyException.valueError("n must be a non-negative integer") }
            if k > n { return .int(0) }
            var r = BigInt(1)
            if k > 0 {
                for i in 0..<k {
                    try vm.charge(r.magnitude.words.count)
                    r *= BigInt(n - i)
                }
            }
            return .integer(r)
        },
        BuiltinFunction(key: "math.prod") { vm, args, kwargs throws(PyException) in
            guard let iterable = args.first else { throw PyException.typeError("prod() takes exactly 1 positional argument (0 given)") }
            var r = ArgumentReader("prod", args, kwargs).keyword("start") ?? .int(1)
            for v in try vm.iterate(iterable) { r = try vm.binaryOp(.mul, r, v) }
            return r
        },
        BuiltinFunction(key: "math.fsum") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("fsum", args, kwargs).expect(1, 1)
            // Shewchuk's algorithm via partial sums (exactly rounded, as CPython).
            var partials: [Double] = []
            for v in try vm.iterate(args[args.startIndex]) {
                guard var x = try Arithmetic.toDouble(v) else { throw PyException.typeError("must be real number, not \(v.typeName)") }
                var i = 0
                for var y in partials {
                    if Swift.abs(x) < Swift.abs(y) { swap(&x, &y) }
                    let hi = x + y
                    let lo = y - (hi - x)
                    if lo != 0 {
                        partials[i] = lo
                        i += 1
                    }
                    x = hi
                }
                partials.removeSubrange(i...)
                partials.append(x)
            }
            return .float(partials.reduce(0, +))
        },
        BuiltinFunction(key: "math.isqrt") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("isqrt", args, kwargs).expect(1, 1)
            guard let n = Arithmetic.big(args[args.startIndex]) else {
                throw PyException.typeError("'\(args[args.startIndex].typeName)' object cannot be interpreted as an integer")
            }
            if n < 0 { throw PyException.valueError("isqrt() argument must be nonnegative") }
            return .integer(n.squareRoot())
        },
    ]

    static func make() -> ModuleObject {
        StandardModules.module(
            "math", functions,
            constants: [
                ("pi", .float(Double.pi)), ("e", .float(2.718281828459045)), ("tau", .float(2 * Double.pi)),
                ("inf", .float(.infinity)), ("nan", .float(.nan)),
            ])
    }
}
