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

    static func log(_ x: Double, _ base: Double?) throws(PyException) -> Double {
        guard x > 0 else { throw PyException.valueError("math domain error") }
        guard let base else { return CMath.log(x) }
        guard base > 0, base != 1 else {
            if base == 1 { throw PyException.zeroDivision("float division by zero") }
            throw PyException.valueError("math domain error")
        }
        return CMath.log(x) / CMath.log(base)
    }

    /// log of an int of any size (CPython handles big ints exactly enough via frexp).
    static func logValue(_ v: Value) throws(PyException) -> Double {
        if case .bigInt(let b) = v {
            guard b.value > 0 else { throw PyException.valueError("math domain error") }
            let bits = b.value.bitWidth
            let shift = max(0, bits - 60)
            let top = Double(b.value >> shift)
            return CMath.log(top) + Double(shift) * CMath.log(2.0)
        }
        guard let d = try Arithmetic.toDouble(v) else { throw PyException.typeError("must be real number, not \(v.typeName)") }
        guard d > 0 else { throw PyException.valueError("math domain error") }
        return CMath.log(d)
    }

    static let functions: [BuiltinFunction] = [
        unary("sqrt", domainCheck: { $0 >= 0 || $0.isNaN }) { $0.squareRoot() },
        unary("exp") { CMath.exp($0) },
        unary("sin") { CMath.sin($0) },
        unary("cos") { CMath.cos($0) },
        unary("tan") { CMath.tan($0) },
        unary("asin", domainCheck: { $0 >= -1 && $0 <= 1 }) { CMath.asin($0) },
        unary("acos", domainCheck: { $0 >= -1 && $0 <= 1 }) { CMath.acos($0) },
        unary("atan") { CMath.atan($0) },
        unary("sinh") { CMath.sinh($0) },
        unary("cosh") { CMath.cosh($0) },
        unary("tanh") { CMath.tanh($0) },
        unary("fabs") { Swift.abs($0) },
        unary("degrees") { $0 * 180 / Double.pi },
        unary("radians") { $0 * Double.pi / 180 },
        unary("log2", domainCheck: { $0 > 0 }) { CMath.log2($0) },
        unary("log10", domainCheck: { $0 > 0 }) { CMath.log10($0) },
        unary("log1p", domainCheck: { $0 > -1 }) { CMath.log1p($0) },
        unary("expm1") { CMath.expm1($0) },
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
            let r = CMath.pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw PyException.overflow("math range error") }
            return .float(r)
        },
        BuiltinFunction(key: "math.atan2") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("atan2", args, kwargs).expect(2, 2)
            return .float(CMath.atan2(try number(vm, args, 0, "atan2"), try number(vm, args, 1, "atan2")))
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
            if n > 1 { for i in 2...n { r *= BigInt(i) } }
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
            if kk > 0 { for i in 0..<kk { r = r * BigInt(n - i) / BigInt(i + 1) } }
            return .integer(r)
        },
        BuiltinFunction(key: "math.perm") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("perm", args, kwargs).expect(1, 2)
            let n = try vm.integerArgument(args[args.startIndex])
            let k = args.count > 1 ? try vm.integerArgument(args[args.startIndex + 1]) : n
            if n < 0 || k < 0 { throw PyException.valueError("n must be a non-negative integer") }
            if k > n { return .int(0) }
            var r = BigInt(1)
            if k > 0 { for i in 0..<k { r *= BigInt(n - i) } }
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

/// The C math library under names that do not clash with `MathModule`'s own.
enum CMath {
    @inline(__always) static func log(_ x: Double) -> Double { libmLog(x) }
    @inline(__always) static func log2(_ x: Double) -> Double { libmLog2(x) }
    @inline(__always) static func log10(_ x: Double) -> Double { libmLog10(x) }
    @inline(__always) static func log1p(_ x: Double) -> Double { libmLog1p(x) }
    @inline(__always) static func exp(_ x: Double) -> Double { libmExp(x) }
    @inline(__always) static func expm1(_ x: Double) -> Double { libmExpm1(x) }
    @inline(__always) static func sin(_ x: Double) -> Double { libmSin(x) }
    @inline(__always) static func cos(_ x: Double) -> Double { libmCos(x) }
    @inline(__always) static func tan(_ x: Double) -> Double { libmTan(x) }
    @inline(__always) static func asin(_ x: Double) -> Double { libmAsin(x) }
    @inline(__always) static func acos(_ x: Double) -> Double { libmAcos(x) }
    @inline(__always) static func atan(_ x: Double) -> Double { libmAtan(x) }
    @inline(__always) static func atan2(_ y: Double, _ x: Double) -> Double { libmAtan2(y, x) }
    @inline(__always) static func sinh(_ x: Double) -> Double { libmSinh(x) }
    @inline(__always) static func cosh(_ x: Double) -> Double { libmCosh(x) }
    @inline(__always) static func tanh(_ x: Double) -> Double { libmTanh(x) }
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { libmPow(x, y) }
}

@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func libmLog2(_ x: Double) -> Double { log2(x) }
@inline(__always) private func libmLog10(_ x: Double) -> Double { log10(x) }
@inline(__always) private func libmLog1p(_ x: Double) -> Double { log1p(x) }
@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func libmExpm1(_ x: Double) -> Double { expm1(x) }
@inline(__always) private func libmSin(_ x: Double) -> Double { sin(x) }
@inline(__always) private func libmCos(_ x: Double) -> Double { cos(x) }
@inline(__always) private func libmTan(_ x: Double) -> Double { tan(x) }
@inline(__always) private func libmAsin(_ x: Double) -> Double { asin(x) }
@inline(__always) private func libmAcos(_ x: Double) -> Double { acos(x) }
@inline(__always) private func libmAtan(_ x: Double) -> Double { atan(x) }
@inline(__always) private func libmAtan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
@inline(__always) private func libmSinh(_ x: Double) -> Double { sinh(x) }
@inline(__always) private func libmCosh(_ x: Double) -> Double { cosh(x) }
@inline(__always) private func libmTanh(_ x: Double) -> Double { tanh(x) }
@inline(__always) private func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
