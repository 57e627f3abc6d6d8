import BigInt

extension Builtins {
    static func fn(_ name: String, _ body: @escaping NativeFunction) -> BuiltinFunction {
        BuiltinFunction(key: name, name: name, body)
    }

    static let functions: [BuiltinFunction] = [
        fn("print") { vm, args, kwargs throws(PyException) in
            var sep = " "
            var end = "\n"
            for (k, v) in kwargs {
                switch k {
                case "sep":
                    if case .str(let s) = v {
                        sep = s
                    } else if !v.isNone {
                        throw PyException.typeError("sep must be None or a string, not \(v.typeName)")
                    }
                case "end":
                    if case .str(let s) = v {
                        end = s
                    } else if !v.isNone {
                        throw PyException.typeError("end must be None or a string, not \(v.typeName)")
                    }
                case "flush", "file": break
                default: throw PyException.typeError("'\(k)' is an invalid keyword argument for print()")
                }
            }
            var out = ""
            for (i, a) in args.enumerated() {
                if i > 0 { out += sep }
                out += try vm.str(a)
            }
            out += end
            vm.output(out)
            return .none
        },
        fn("len") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("len", args, kwargs).expect(1, 1)
            return .int(try vm.length(args[args.startIndex]))
        },
        fn("repr") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("repr", args, kwargs).expect(1, 1)
            return .str(try vm.repr(args[args.startIndex]))
        },
        fn("ascii") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("ascii", args, kwargs).expect(1, 1)
            return .str(vm.asciiEscaped(try vm.repr(args[args.startIndex])))
        },
        fn("format") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("format", args, kwargs).expect(1, 2)
            var spec = ""
            if args.count > 1, case .str(let s) = args[args.startIndex + 1] { spec = s }
            return .str(try vm.format(args[args.startIndex], spec))
        },
        fn("abs") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("abs", args, kwargs).expect(1, 1)
            let v = args[args.startIndex]
            switch v {
            case .int(let i): return i == Int.min ? .integer(-BigInt(i)) : .int(Swift.abs(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d): return .float(Swift.abs(d))
            case .bigInt(let b): return .integer(BigInt(b.value.magnitude))
            case .instance(let o):
                if let m = o.cls.lookup("__abs__") { return try vm.callValue(m, [v][...], []) }
            case .native(let n):
                if let r = try n.unary(.plus, vm), case .native(let m) = r, let a = try m.attribute("__abs__", vm) {
                    return try vm.callValue(a, [][...], [])
                }
            default: break
            }
            throw PyException.typeError("bad operand type for abs(): '\(v.typeName)'")
        },
        fn("min") { vm, args, kwargs throws(PyException) in try vm.minMax(args, kwargs, isMax: false) },
        fn("max") { vm, args, kwargs throws(PyException) in try vm.minMax(args, kwargs, isMax: true) },
        fn("sum") { vm, args, kwargs throws(PyException) in
            let r = ArgumentReader("sum", args, kwargs)
            try r.checkKeywords(["start"])
            guard args.count >= 1, args.count <= 2 else {
                throw PyException.typeError("sum() takes at most 2 arguments (\(args.count) given)")
            }
            var total = r.optional(1, "start") ?? .int(0)
            if case .str = total { throw PyException.typeError("sum() can't sum strings [use ''.join(seq) instead]") }
            var intTotal = 0
            var useInt = { if case .int = total { return true } else { return false } }()
            if case .int(let i) = total { intTotal = i }
            var floatTotal = 0.0
            var useFloat = false
            let iterator = try vm.makeIterator(r[0])
            var steps = 0
            while let item = try vm.nextItem(iterator) {
                try vm.poll(&steps)
                if useInt, case .int(let i) = item {
                    let (s, o) = intTotal.addingReportingOverflow(i)
                    if !o {
                        intTotal = s
                        continue
                    }
                }
                if useInt {
                    total = .int(intTotal)
                    useInt = false
                }
                if useFloat {
                    if case .float(let d) = item {
                        floatTotal += d
                        continue
                    }
                    total = .float(floatTotal)
                    useFloat = false
                }
                if case .float(let d) = item, case .float(let t) = total {
                    floatTotal = t + d
                    useFloat = true
                    continue
                }
                total = try vm.binaryOp(.add, total, item)
                if case .int(let i) = total {
                    intTotal = i
                    useInt = true
                }
            }
            if useInt { return .int(intTotal) }
            if useFloat { return .float(floatTotal) }
            return total
        },
        fn("round") { vm, args, kwargs throws(PyException) in try vm.roundNumber(args, kwargs) },
        fn("divmod") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("divmod", args, kwargs).expect(2, 2)
            let a = args[args.startIndex]
            let b = args[args.startIndex + 1]
            return .tuple([try vm.binaryOp(.floordiv, a, b), try vm.binaryOp(.mod, a, b)])
        },
        fn("pow") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("pow", args, kwargs).expect(2, 3)
            let a = args[args.startIndex]
            let b = args[args.startIndex + 1]
            if args.count == 3 {
                guard let x = Arithmetic.big(a), let e = Arithmetic.big(b), let m = Arithmetic.big(args[args.startIndex + 2]) else {
                    throw PyException.typeError("pow() 3rd argument not allowed unless all arguments are integers")
                }
                if m == 0 { throw PyException.valueError("pow() 3rd argument cannot be 0") }
                if e < 0 { throw PyException.valueError("base is not invertible for the given modulus") }
                // Square-and-multiply: one squaring and up to one multiplication modulo m per bit of e.
                try vm.charge(VirtualMachine.modularPowerCost(modulus: m, exponent: e))
                var r = x.power(e, modulus: m)
                if r != 0 && (r < 0) != (m < 0) { r += m }
                return .integer(r)
            }
            return try vm.binaryOp(.pow, a, b)
        },
        fn("any") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("any", args, kwargs).expect(1, 1)
            let it = try vm.makeIterator(args[args.startIndex])
            while let v = try vm.nextItem(it) { if try vm.isTruthy(v) { return .bool(true) } }
            return .bool(false)
        },
        fn("all") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("all", args, kwargs).expect(1, 1)
            let it = try vm.makeIterator(args[args.startIndex])
            while let v = try vm.nextItem(it) { if try !vm.isTruthy(v) { return .bool(false) } }
            return .bool(true)
        },
        fn("enumerate") { vm, args, kwargs throws(PyException) in
            let r = ArgumentReader("enumerate", args, kwargs)
            try r.checkKeywords(["start", "iterable"])
            guard let iterable = r.optional(0, "iterable") else {
                throw PyException.typeError("enumerate() missing required argument 'iterable' (pos 1)")
            }
            var start = 0
            if let s = r.optional(1, "start") { start = try vm.indexValue(s, "enumerate") }
            return .iterator(IteratorObject(.enumerate(try vm.makeIterator(iterable), start), kindName: "enumerate"))
        },
        fn("zip") { vm, args, kwargs throws(PyException) in
            var strict = false
            for (k, v) in kwargs {
                guard k == "strict" else { throw PyException.typeError("zip() got an unexpected keyword argument '\(k)'") }
                strict = try vm.isTruthy(v)
            }
            if strict {
                let lists = try args.map { (a) throws(PyException) in try vm.iterate(a) }
                if let n = lists.first?.count, let bad = lists.firstIndex(where: { $0.count != n }) {
                    throw PyException.valueError(
                        "zip() argument \(bad + 1) is \(lists[bad].count > n ? "longer" : "shorter") than argument 1")
                }
            }
            var its: [IteratorObject] = []
            for (i, a) in args.enumerated() {
                do throws(PyException) {
                    its.append(try vm.makeIterator(a))
                } catch {
                    throw PyException.typeError("zip argument #\(i + 1) must support iteration")
                }
            }
            return .iterator(IteratorObject(.zip(its), kindName: "zip"))
        },
        fn("map") { vm, args, kwargs throws(PyException) in
            guard args.count >= 2 else { throw PyException.typeError("map() must have at least two arguments.") }
            var its: [IteratorObject] = []
            for a in args.dropFirst() { its.append(try vm.makeIterator(a)) }
            return .iterator(IteratorObject(.map(args[args.startIndex], its), kindName: "map"))
        },
        fn("filter") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("filter", args, kwargs).expect(2, 2)
            return .iterator(
                IteratorObject(.filter(args[args.startIndex], try vm.makeIterator(args[args.startIndex + 1])), kindName: "filter"))
        },
        fn("reversed") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("reversed", args, kwargs).expect(1, 1)
            let v = args[args.startIndex]
            switch v {
            case .list(let l): return .iterator(IteratorObject(.reversedList(l, l.items.count - 1), kindName: "list_reverseiterator"))
            case .tuple(let t): return .iterator(IteratorObject(.values(t.reversed(), 0), kindName: "reversed"))
            case .str, .range: return .iterator(IteratorObject(.values(try vm.iterate(v).reversed(), 0), kindName: "reversed"))
            case .dict(let d): return .iterator(IteratorObject(.values(d.keys.reversed(), 0), kindName: "dict_reversekeyiterator"))
            case .instance(let o):
                if let m = o.cls.lookup("__reversed__") { return try vm.callValue(m, [v][...], []) }
            default: break
            }
            throw PyException.typeError("'\(v.typeName)' object is not reversible")
        },
        fn("sorted") { vm, args, kwargs throws(PyException) in
            guard args.count == 1 else {
                throw PyException.typeError("sorted expected 1 argument, got \(args.count)")
            }
            let items = try vm.iterate(args[args.startIndex])
            return .list(ListObject(try vm.sortValues(items, kwargs, function: "sorted")))
        },
        fn("iter") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("iter", args, kwargs).expect(1, 1)
            return .iterator(try vm.makeIterator(args[args.startIndex]))
        },
        fn("next") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("next", args, kwargs).expect(1, 2)
            guard case .iterator(let it) = args[args.startIndex] else {
                throw PyException.typeError("'\(args[args.startIndex].typeName)' object is not an iterator")
            }
            if let v = try vm.nextItem(it) { return v }
            if args.count == 2 { return args[args.startIndex + 1] }
            throw PyException(ExceptionObject(type: Types.stopIteration, args: []))
        },
        fn("isinstance") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("isinstance", args, kwargs).expect(2, 2)
            return .bool(try vm.isInstance(args[args.startIndex], args[args.startIndex + 1]))
        },
        fn("issubclass") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("issubclass", args, kwargs).expect(2, 2)
            guard case .type(let t) = args[args.startIndex] else { throw PyException.typeError("issubclass() arg 1 must be a class") }
            return .bool(try vm.classMatches(t, args[args.startIndex + 1], "issubclass"))
        },
        fn("callable") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("callable", args, kwargs).expect(1, 1)
            switch args[args.startIndex] {
            case .function, .builtin, .boundMethod, .type: return .bool(true)
            case .instance(let o): return .bool(o.cls.lookup("__call__") != nil)
            default: return .bool(false)
            }
        },
        fn("hasattr") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("hasattr", args, kwargs).expect(2, 2)
            guard case .str(let name) = args[args.startIndex + 1] else {
                throw PyException.typeError("hasattr(): attribute name must be string")
            }
            do throws(PyException) {
                _ = try vm.getAttribute(args[args.startIndex], name)
                return .bool(true)
            } catch {
                if error.object.type.isSubclass(of: Types.attributeError) { return .bool(false) }
                throw error
            }
        },
        fn("getattr") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("getattr", args, kwargs).expect(2, 3)
            guard case .str(let name) = args[args.startIndex + 1] else {
                throw PyException.typeError("getattr(): attribute name must be string")
            }
            do throws(PyException) {
                return try vm.getAttribute(args[args.startIndex], name)
            } catch {
                if args.count == 3, error.object.type.isSubclass(of: Types.attributeError) { return args[args.startIndex + 2] }
                throw error
            }
        },
        fn("setattr") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("setattr", args, kwargs).expect(3, 3)
            guard case .str(let name) = args[args.startIndex + 1] else {
                throw PyException.typeError("setattr(): attribute name must be string")
            }
            try vm.setAttribute(args[args.startIndex], name, args[args.startIndex + 2])
            return .none
        },
        fn("delattr") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("delattr", args, kwargs).expect(2, 2)
            guard case .str(let name) = args[args.startIndex + 1] else {
                throw PyException.typeError("delattr(): attribute name must be string")
            }
            try vm.deleteAttribute(args[args.startIndex], name)
            return .none
        },
        fn("chr") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("chr", args, kwargs).expect(1, 1)
            let i = try vm.integerArgument(args[args.startIndex])
            guard i >= 0, i <= 0x10FFFF, let s = Unicode.Scalar(UInt32(i)) else {
                if i >= 0xD800 && i <= 0xDFFF { return .str("\u{FFFD}") }
                throw PyException.valueError("chr() arg not in range(0x110000)")
            }
            return .str(String(s))
        },
        fn("ord") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("ord", args, kwargs).expect(1, 1)
            guard case .str(let s) = args[args.startIndex] else {
                throw PyException.typeError("ord() expected string of length 1, but \(args[args.startIndex].typeName) found")
            }
            let scalars = s.unicodeScalars
            guard scalars.count == 1, let c = scalars.first else {
                throw PyException.typeError("ord() expected a character, but string of length \(scalars.count) found")
            }
            return .int(Int(c.value))
        },
        fn("hex") { vm, args, kwargs throws(PyException) in try vm.radixString(args, kwargs, "hex", 16, "0x") },
        fn("oct") { vm, args, kwargs throws(PyException) in try vm.radixString(args, kwargs, "oct", 8, "0o") },
        fn("bin") { vm, args, kwargs throws(PyException) in try vm.radixString(args, kwargs, "bin", 2, "0b") },
        fn("hash") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("hash", args, kwargs).expect(1, 1)
            let v = args[args.startIndex]
            switch v {
            case .int(let i): return .int(VirtualMachine.reducedHash(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .bigInt(let b): return .int(VirtualMachine.reducedHash(b.value))
            case .instance(let o):
                if let method = o.cls.lookup("__hash__"), case .function = method { return try vm.userHash(method, v) }
                return .int(VirtualMachine.reducedHash(try vm.hashKey(v).hash))
            // The hash dicts and sets use (already reduced), so `hash(k)` returned by a user
            // `__hash__` finds `k`'s entries.
            default: return .int(VirtualMachine.reducedHash(try vm.hashKey(v).hash))
            }
        },
        fn("id") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("id", args, kwargs).expect(1, 1)
            if let id = args[args.startIndex].objectIdentity { return .int(id.hashValue) }
            return .int(try vm.hashKey(args[args.startIndex]).hashValue)
        },
        fn("vars") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("vars", args, kwargs).expect(1, 1)
            if case .instance(let o) = args[args.startIndex] {
                vm.propertiesMayBeShadowed = true  // the dict may now get a property's name
                return .dict(o.attributes)
            }
            throw PyException.typeError("vars() argument must have __dict__ attribute")
        },
        fn("staticmethod") { _, args, _ throws(PyException) in
            guard let f = args.first else { throw PyException.typeError("staticmethod expected 1 argument, got 0") }
            return .native(StaticMethodWrapper(f))
        },
        fn("classmethod") { _, args, _ throws(PyException) in
            guard let f = args.first else { throw PyException.typeError("classmethod expected 1 argument, got 0") }
            return .native(ClassMethodWrapper(f))
        },
        fn("property") { _, args, _ throws(PyException) in
            guard let f = args.first else { throw PyException.typeError("property expected 1 argument, got 0") }
            return .native(PropertyWrapper(f))
        },
        fn("super") { vm, args, _ throws(PyException) in try vm.makeSuper(args) },
        fn("globals") { _, _, _ throws(PyException) in
            throw PyException(Types.nameError, "name 'globals' is not defined")
        },
    ]
}

extension VirtualMachine {
    func length(_ v: Value) throws(PyException) -> Int {
        switch v {
        case .str(let s): return UnicodeText.count(s)
        case .list(let l): return l.items.count
        case .tuple(let t): return t.count
        case .dict(let d): return d.count
        case .set(let s): return s.storage.count
        case .range(let r): return r.count
        case .instance(let o):
            if let m = o.cls.lookup("__len__") {
                let r = try callValue(m, [v][...], [])
                guard case .int(let n) = r else {
                    throw PyException.typeError("'\(r.typeName)' object cannot be interpreted as an integer")
                }
                if n < 0 { throw PyException.valueError("__len__() should return >= 0") }
                return n
            }
        case .native(let n):
            if let items = try n.items(self) { return items.count }
        default: break
        }
        throw PyException.typeError("object of type '\(v.typeName)' has no len()")
    }

    func integerArgument(_ v: Value) throws(PyException) -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .bigInt: throw PyException.overflow("Python int too large to convert to C long")
        default: throw PyException.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
        }
    }

    func radixString(
        _ args: ArraySlice<Value>, _ kwargs: [(String, Value)], _ name: String, _ radix: Int, _ prefix: String
    ) throws(PyException) -> Value {
        try ArgumentReader(name, args, kwargs).expect(1, 1)
        let v = args[args.startIndex]
        guard let b = Arithmetic.big(v) else {
            throw PyException.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
        }
        let digits = String(b.magnitude, radix: radix)
        return .str((b < 0 ? "-" : "") + prefix + digits)
    }

    func isInstance(_ v: Value, _ cls: Value) throws(PyException) -> Bool {
        try classMatches(v.typeObject, cls, "isinstance")
    }

    func classMatches(_ t: TypeObject, _ cls: Value, _ fn: String) throws(PyException) -> Bool {
        switch cls {
        case .type(let c):
            if t.isSubclass(of: c) { return true }
            // Ints are not floats; bools are ints (handled by the chain). Counter etc. derive from dict.
            return false
        case .tuple(let items):
            for i in items {
                if try classMatches(t, i, fn) { return true }
            }
            return false
        default:
            throw PyException.typeError("\(fn)() arg 2 must be a type, a tuple of types, or a union")
        }
    }

    func minMax(_ args: ArraySlice<Value>, _ kwargs: [(String, Value)], isMax: Bool) throws(PyException) -> Value {
        let name = isMax ? "max" : "min"
        var key: Value? = nil
        var defaultValue: Value? = nil
        for (k, v) in kwargs {
            switch k {
            case "key": if !v.isNone { key = v }
            case "default": defaultValue = v
            default: throw PyException.typeError("'\(k)' is an invalid keyword argument for \(name)()")
            }
        }
        var items: [Value]
        if args.count == 1 {
            items = []
            let iterator = try makeIterator(args[args.startIndex])
            var steps = 0
            while let item = try nextItem(iterator) {
                try poll(&steps)
                items.append(item)
            }
        } else if args.isEmpty {
            throw PyException.typeError("\(name) expected at least 1 argument, got 0")
        } else {
            if defaultValue != nil {
                throw PyException.typeError("Cannot specify a default for \(name)() with multiple positional arguments")
            }
            items = Array(args)
        }
        guard var best = items.first else {
            if let defaultValue { return defaultValue }
            throw PyException.valueError("\(name)() arg is an empty sequence")
        }
        var bestKey = try key.map { (k) throws(PyException) in try callNested(k, [best]) } ?? best
        var steps = 0
        for item in items.dropFirst() {
            try poll(&steps)
            let k = try key.map { (kf) throws(PyException) in try callNested(kf, [item]) } ?? item
            let better = isMax ? try lessThan(bestKey, k, "<") : try lessThan(k, bestKey, "<")
            if better {
                best = item
                bestKey = k
            }
        }
        return best
    }

    func roundNumber(_ args: ArraySlice<Value>, _ kwargs: [(String, Value)]) throws(PyException) -> Value {
        let r = ArgumentReader("round", args, kwargs)
        try r.checkKeywords(["number", "ndigits"])
        guard let number = r.optional(0, "number") else {
            throw PyException.typeError("round() missing required argument 'number' (pos 1)")
        }
        let nd = r.optional(1, "ndigits")
        switch number {
        case .float(let d):
            if let nd, !nd.isNone {
                let n = try integerArgument(nd)
                if !d.isFinite { return .float(d) }
                return .float(PyFormat.round(d, ndigits: n))
            }
            if d.isNaN { throw PyException.valueError("cannot convert float NaN to integer") }
            if d.isInfinite { throw PyException.overflow("cannot convert float infinity to integer") }
            let rounded = d.rounded(.toNearestOrEven)
            if let i = Int(exactly: rounded) { return .int(i) }
            return .integer(BigInt(rounded))
        case .int, .bool, .bigInt:
            guard let nd, !nd.isNone else { return Arithmetic.small(number).map { .int($0) } ?? number }
            let n = try integerArgument(nd)
            if n >= 0 { return Arithmetic.small(number).map { .int($0) } ?? number }
            guard let value = Arithmetic.big(number) else { return number }
            // 10**-n > 2 * |value| rounds to 0 (CPython answers at once; computing 10**-n may not end).
            if -n > value.magnitude.bitWidth { return .int(0) }
            let p = try power(10, -n)
            var (q, rem) = value.quotientAndRemainder(dividingBy: p)
            if rem < 0 {
                q -= 1
                rem += p
            }
            let twice = rem * 2
            if twice > p || (twice == p && q % 2 != 0) { q += 1 }
            return .integer(q * p)
        case .instance(let o):
            if let m = o.cls.lookup("__round__") {
                var all: [Value] = [number]
                if let nd { all.append(nd) }
                return try callValue(m, all[...], [])
            }
        default: break
        }
        throw PyException.typeError("type \(number.typeName) doesn't define __round__ method")
    }
}
