/// The `re` module, on the project's own backtracking engine (``CompiledRegex``).
enum RegexModule {
    static let patternType = TypeObject(name: "Pattern", base: Types.object, isBuiltin: true, module: "re")
    static let matchType = TypeObject(name: "Match", base: Types.object, isBuiltin: true, module: "re")

    static func error(_ e: RegexError) -> PyException {
        switch e.kind {
        case .error:
            let exc = ExceptionObject(type: Types.regexError, args: [.str(e.message)])
            let attrs = DictObject()
            attrs.set("msg", .str(e.bareMessage))
            attrs.set("pos", e.position.map { .int($0) } ?? .none)
            exc.attributes = attrs
            return PyException(exc)
        case .indexError: return PyException(Types.indexError, e.message)
        case .overflowError: return PyException(Types.overflowError, e.message)
        case .valueError: return PyException(Types.valueError, e.message)
        case .recursionError: return PyException(Types.recursionError, e.message)
        }
    }

    static func compile(_ vm: VirtualMachine, _ pattern: Value, _ flags: Value?) throws(PyException) -> CompiledRegex {
        if case .native(let n) = pattern, let p = n as? PatternObject {
            if let flags, (try vm.integerArgument(flags)) != 0 {
                throw PyException.valueError("cannot process flags argument with a compiled pattern")
            }
            return p.regex
        }
        guard case .str(let source) = pattern else {
            throw PyException.typeError("first argument must be string or compiled pattern")
        }
        let f = try flags.map { (v) throws(PyException) in try vm.integerArgument(v) } ?? 0
        let key = "\(f):\(source)"
        if let cached = vm.regexCache[key] { return cached }
        do {
            let r = try CompiledRegex(pattern: source, flags: RegexFlags(rawValue: f))
            if vm.regexCache.count > 256 { vm.regexCache.removeAll() }
            vm.regexCache[key] = r
            return r
        } catch {
            throw RegexModule.error(error)
        }
    }

    static func text(_ v: Value, _ fn: String) throws(PyException) -> String {
        guard let s = v.stringLike else { throw PyException.typeError("expected string or bytes-like object, got '\(v.typeName)'") }
        return s
    }

    /// Reads `(pattern, string, ...)` plus a `flags` keyword or positional argument at `flagsIndex`.
    static func patternCall(
        _ vm: VirtualMachine, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)], _ fn: String, flagsIndex: Int
    ) throws(PyException) -> (CompiledRegex, ArgumentReader) {
        let r = ArgumentReader(fn, args, kwargs)
        guard args.count >= 2 else { throw PyException.typeError("\(fn)() missing required argument 'string' (pos 2)") }
        return (try compile(vm, r[0], r.optional(flagsIndex, "flags")), r)
    }

    static func matchValue(
        _ regex: CompiledRegex, _ text: String, _ scalars: [Unicode.Scalar], _ m: RegexMatch?, pos: Int, endpos: Int
    ) -> Value {
        guard let m else { return .none }
        return .native(MatchObject(regex: regex, string: text, scalars: scalars, match: m, pos: pos, endpos: endpos))
    }

    static func run(
        _ vm: VirtualMachine, _ regex: CompiledRegex, _ text: String, mode: Int, pos: Int = 0, endpos: Int? = nil
    ) throws(PyException) -> Value {
        let meter = WorkMeter(vm)
        let scalars = UnicodeText.scalars(text)
        let p = max(0, min(pos, scalars.count))
        let e = max(p, min(endpos ?? scalars.count, scalars.count))
        let m: RegexMatch?
        switch mode {
        case 0: m = regex.match(scalars, at: p, end: e, mode: .prefix, meter: meter)
        case 1: m = regex.match(scalars, at: p, end: e, mode: .full, meter: meter)
        default: m = regex.search(scalars, from: p, end: e, meter: meter)
        }
        try meter.check()
        return matchValue(regex, text, scalars, m, pos: p, endpos: e)
    }

    static func substring(_ scalars: [Unicode.Scalar], _ r: Range<Int>) -> String {
        UnicodeText.string(scalars[r])
    }

    static func findall(_ vm: VirtualMachine, _ regex: CompiledRegex, _ text: String) throws(PyException) -> Value {
        let scalars = UnicodeText.scalars(text)
        var out: [Value] = []
        for m in try allMatches(vm, regex, scalars) {
            func group(_ i: Int) -> Value {
                guard i < m.spans.count, let r = m.spans[i] else { return .str("") }
                return .str(substring(scalars, r))
            }
            switch regex.groupCount {
            case 0: out.append(group(0))
            case 1: out.append(group(1))
            default: out.append(.tuple(TupleItems((1...regex.groupCount).lazy.map(group))))
            }
        }
        return .list(ListObject(out))
    }

    /// Every match of `regex` in `scalars`, its backtracking charged to `vm`'s budget.
    static func allMatches(_ vm: VirtualMachine, _ regex: CompiledRegex, _ scalars: [Unicode.Scalar]) throws(PyException) -> [RegexMatch] {
        let meter = WorkMeter(vm)
        let matches = regex.allMatches(scalars, meter: meter)
        try meter.check()
        return matches
    }

    static func finditer(_ vm: VirtualMachine, _ regex: CompiledRegex, _ text: String) throws(PyException) -> Value {
        let scalars = UnicodeText.scalars(text)
        let matches: [Value] = try allMatches(vm, regex, scalars).map {
            .native(MatchObject(regex: regex, string: text, scalars: scalars, match: $0, pos: 0, endpos: scalars.count))
        }
        return .iterator(IteratorObject(.values(matches, 0), kindName: "callable_iterator"))
    }

    static func sub(
        _ vm: VirtualMachine, _ regex: CompiledRegex, _ repl: Value, _ text: String, count: Int
    ) throws(PyException) -> (String, Int) {
        let scalars = UnicodeText.scalars(text)
        var pieces: [RegexTemplatePiece]? = nil
        if case .str(let template) = repl {
            do {
                pieces = try parseRegexTemplate(template, regex: regex)
            } catch {
                throw RegexModule.error(error)
            }
        }
        var out = String.UnicodeScalarView()
        var last = 0
        var n = 0
        for m in try allMatches(vm, regex, scalars) {
            if count > 0 && n >= count { break }
            guard let whole = m.spans.first ?? nil else { continue }
            out.append(contentsOf: scalars[last..<whole.lowerBound])
            if let pieces {
                out.append(contentsOf: expandTemplatePieces(pieces, match: m, text: scalars).unicodeScalars)
            } else {
                let matchObj = Value.native(
                    MatchObject(regex: regex, string: text, scalars: scalars, match: m, pos: 0, endpos: scalars.count))
                let r = try vm.callNested(repl, [matchObj])
                guard case .str(let s) = r else {
                    throw PyException.typeError("expected str instance, \(r.typeName) found")
                }
                out.append(contentsOf: s.unicodeScalars)
            }
            last = whole.upperBound
            n += 1
        }
        out.append(contentsOf: scalars[last...])
        return (String(out), n)
    }

    static func split(_ vm: VirtualMachine, _ regex: CompiledRegex, _ text: String, maxsplit: Int) throws(PyException) -> Value {
        let scalars = UnicodeText.scalars(text)
        var out: [Value] = []
        var last = 0
        var n = 0
        for m in try allMatches(vm, regex, scalars) {
            if maxsplit > 0 && n >= maxsplit { break }
            guard let whole = m.spans.first ?? nil else { continue }
            out.append(.str(substring(scalars, last..<whole.lowerBound)))
            if regex.groupCount > 0 {
                for i in 1...regex.groupCount {
                    if i < m.spans.count, let r = m.spans[i] { out.append(.str(substring(scalars, r))) } else { out.append(.none) }
                }
            }
            last = whole.upperBound
            n += 1
        }
        out.append(.str(substring(scalars, last..<scalars.count)))
        return .list(ListObject(out))
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let isWord =
                (u.value >= 0x30 && u.value <= 0x39) || ((u.value | 0x20) >= 0x61 && (u.value | 0x20) <= 0x7A) || u == "_"
                || u.value >= 0x80
            if !isWord { out += "\\" }
            out.unicodeScalars.append(u)
        }
        return out
    }

    static func fn(_ name: String, _ body: @escaping NativeFunction) -> BuiltinFunction {
        BuiltinFunction(key: "re." + name, name: name, body)
    }

    static let functions: [BuiltinFunction] = [
        fn("compile") { vm, args, kwargs throws(PyException) in
            let r = ArgumentReader("compile", args, kwargs)
            guard let p = r.optional(0, "pattern") else {
                throw PyException.typeError("compile() missing required argument 'pattern' (pos 1)")
            }
            return .native(PatternObject(try compile(vm, p, r.optional(1, "flags"))))
        },
        fn("match") { vm, args, kwargs throws(PyException) in
            let (re, r) = try patternCall(vm, args, kwargs, "match", flagsIndex: 2)
            return try run(vm, re, try text(r[1], "match"), mode: 0)
        },
        fn("fullmatch") { vm, args, kwargs throws(PyException) in
            let (re, r) = try patternCall(vm, args, kwargs, "fullmatch", flagsIndex: 2)
            return try run(vm, re, try text(r[1], "fullmatch"), mode: 1)
        },
        fn("search") { vm, args, kwargs throws(PyException) in
            let (re, r) = try patternCall(vm, args, kwargs, "search", flagsIndex: 2)
            return try run(vm, re, try text(r[1], "search"), mode: 2)
        },
        fn("findall") { vm, args, kwargs throws(PyException) in
            let (re, r) = try patternCall(vm, args, kwargs, "findall", flagsIndex: 2)
            return try findall(vm, re, try text(r[1], "findall"))
        },
        fn("finditer") { vm, args, kwargs throws(PyException) in
            let (re, r) = try patternCall(vm, args, kwargs, "finditer", flagsIndex: 2)
            return try finditer(vm, re, try text(r[1], "finditer"))
        },
        fn("sub") { vm, args, kwargs throws(PyException) in
            let r = ArgumentReader("sub", args, kwargs)
            guard args.count >= 3 else { throw PyException.typeError("sub() missing required argument 'string' (pos 3)") }
            let re = try compile(vm, r[0], r.optional(4, "flags"))
            let count = try r.optional(3, "count").map { (v) throws(PyException) in try vm.integerArgument(v) } ?? 0
            return .str(try sub(vm, re, r[1], try text(r[2], "sub"), count: count).0)
        },
        fn("subn") { vm, args, kwargs throws(PyException) in
            let r = ArgumentReader("subn", args, kwargs)
            guard args.count >= 3 else { throw PyException.typeError("subn() missing required argument 'string' (pos 3)") }
            let re = try compile(vm, r[0], r.optional(4, "flags"))
            let count = try r.optional(3, "count").map { (v) throws(PyException) in try vm.integerArgument(v) } ?? 0
            let (s, n) = try sub(vm, re, r[1], try text(r[2], "subn"), count: count)
            return .tuple([.str(s), .int(n)])
        },
        fn("split") { vm, args, kwargs throws(PyException) in
            let (re, r) = try patternCall(vm, args, kwargs, "split", flagsIndex: 3)
            let maxsplit = try r.optional(2, "maxsplit").map { (v) throws(PyException) in try vm.integerArgument(v) } ?? 0
            return try split(vm, re, try text(r[1], "split"), maxsplit: maxsplit)
        },
        fn("escape") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("escape", args, kwargs).expect(1, 1)
            return .str(escape(try text(args[args.startIndex], "escape")))
        },
    ]

    static let decoders: [String: NativeObjectRegistry.Decoder] = [
        "re.Pattern": { f throws(SnapshotError) in
            guard f.count == 2, case .str(let p) = f[0], case .int(let flags) = f[1] else {
                throw SnapshotDecoder.damaged("bad re.Pattern")
            }
            do throws(RegexError) {
                return PatternObject(try CompiledRegex(pattern: p, flags: RegexFlags(rawValue: flags)))
            } catch {
                throw SnapshotDecoder.damaged("a saved regular expression no longer compiles: \(error.message)")
            }
        },
        "re.Match": { f throws(SnapshotError) in
            guard f.count == 6, case .str(let p) = f[0], case .int(let flags) = f[1], case .str(let s) = f[2],
                case .tuple(let spans) = f[3], case .int(let pos) = f[4], case .int(let endpos) = f[5]
            else { throw SnapshotDecoder.damaged("bad re.Match") }
            let regex: CompiledRegex
            do throws(RegexError) {
                regex = try CompiledRegex(pattern: p, flags: RegexFlags(rawValue: flags))
            } catch {
                throw SnapshotDecoder.damaged("a saved regular expression no longer compiles: \(error.message)")
            }
            var ranges: [Range<Int>?] = []
            for span in spans {
                if case .tuple(let ab) = span, ab.count == 2, case .int(let a) = ab[0], case .int(let b) = ab[1], a <= b {
                    ranges.append(a..<b)
                } else {
                    ranges.append(nil)
                }
            }
            let scalars = UnicodeText.scalars(s)
            guard ranges.allSatisfy({ $0.map { $0.upperBound <= scalars.count } ?? true }) else {
                throw SnapshotDecoder.damaged("bad re.Match span")
            }
            return MatchObject(regex: regex, string: s, scalars: scalars, match: RegexMatch(spans: ranges), pos: pos, endpos: endpos)
        },
    ]

    static func make() -> ModuleObject {
        var constants: [(String, Value)] = [
            ("error", .type(Types.regexError)), ("Pattern", .type(patternType)), ("Match", .type(matchType)),
        ]
        for (names, v) in [
            (["I", "IGNORECASE"], 2), (["M", "MULTILINE"], 8), (["S", "DOTALL"], 16), (["X", "VERBOSE"], 64), (["A", "ASCII"], 256),
            (["U", "UNICODE"], 32),
        ] {
            for n in names { constants.append((n, .int(v))) }
        }
        return StandardModules.module("re", functions, constants: constants)
    }
}

/// `re.Pattern`.
final class PatternObject: NativeObject, @unchecked Sendable {
    let regex: CompiledRegex
    init(_ regex: CompiledRegex) { self.regex = regex }
    override var type: TypeObject { RegexModule.patternType }
    override var kindTag: String { "re.Pattern" }
    override var encodedFields: [Value] { [.str(regex.pattern), .int(regex.flags.rawValue)] }
    override var hashComponents: [Value]? { encodedFields }

    override func repr(_ vm: VirtualMachine) throws(PyException) -> String {
        "re.compile(\(vm.quoteString(regex.pattern)))"
    }

    override func equals(_ other: Value, _ vm: VirtualMachine) throws(PyException) -> Bool {
        guard case .native(let n) = other, let o = n as? PatternObject else { return false }
        return o.regex.pattern == regex.pattern && o.regex.flags == regex.flags
    }

    static func method(
        _ name: String, _ body: @escaping @Sendable (VirtualMachine, CompiledRegex, ArgumentReader) throws(PyException) -> Value
    ) -> (String, BuiltinFunction) {
        (
            name,
            BuiltinFunction(key: "re.Pattern." + name, name: name) { vm, args, kwargs throws(PyException) in
                guard case .native(let n)? = args.first, let p = n as? PatternObject else {
                    throw PyException.typeError("descriptor '\(name)' for 're.Pattern' objects doesn't apply to this object")
                }
                return try body(vm, p.regex, ArgumentReader(name, args.dropFirst(), kwargs))
            }
        )
    }

    static func searchMethod(_ name: String, mode: Int) -> (String, BuiltinFunction) {
        method(name) { vm, regex, r throws(PyException) in
            guard let s = r.optional(0, "string") else {
                throw PyException.typeError("\(name)() missing required argument 'string' (pos 1)")
            }
            let pos = try r.optional(1, "pos").map { (v) throws(PyException) in try vm.integerArgument(v) } ?? 0
            let endpos = try r.optional(2, "endpos").map { (v) throws(PyException) in try vm.integerArgument(v) }
            return try RegexModule.run(vm, regex, try RegexModule.text(s, name), mode: mode, pos: pos, endpos: endpos)
        }
    }

    static func substitution(_ name: String) -> (String, BuiltinFunction) {
        method(name) { vm, regex, r throws(PyException) in
            guard let repl = r.optional(0, "repl"), let s = r.optional(1, "string") else {
                throw PyException.typeError("\(name)() missing required argument 'string' (pos 2)")
            }
            let count = try r.optional(2, "count").map { (v) throws(PyException) in try vm.integerArgument(v) } ?? 0
            let (out, n) = try RegexModule.sub(vm, regex, repl, try RegexModule.text(s, name), count: count)
            return name == "sub" ? .str(out) : .tuple([.str(out), .int(n)])
        }
    }

    static let table: [String: BuiltinFunction] = Dictionary(
        uniqueKeysWithValues: [
            searchMethod("match", mode: 0), searchMethod("fullmatch", mode: 1), searchMethod("search", mode: 2),
            method("findall") { vm, regex, r throws(PyException) in
                guard let s = r.optional(0, "string") else {
                    throw PyException.typeError("findall() missing required argument 'string' (pos 1)")
                }
                return try RegexModule.findall(vm, regex, try RegexModule.text(s, "findall"))
            },
            method("finditer") { vm, regex, r throws(PyException) in
                guard let s = r.optional(0, "string") else {
                    throw PyException.typeError("finditer() missing required argument 'string' (pos 1)")
                }
                return try RegexModule.finditer(vm, regex, try RegexModule.text(s, "finditer"))
            },
            substitution("sub"), substitution("subn"),
            method("split") { vm, regex, r throws(PyException) in
                guard let s = r.optional(0, "string") else {
                    throw PyException.typeError("split() missing required argument 'string' (pos 1)")
                }
                let maxsplit = try r.optional(1, "maxsplit").map { (v) throws(PyException) in try vm.integerArgument(v) } ?? 0
                return try RegexModule.split(vm, regex, try RegexModule.text(s, "split"), maxsplit: maxsplit)
            },
        ])

    override var methods: [String: BuiltinFunction]? { PatternObject.table }

    override func attribute(_ name: String, _ vm: VirtualMachine) throws(PyException) -> Value? {
        switch name {
        case "pattern": return .str(regex.pattern)
        case "flags": return .int(regex.flags.rawValue | (regex.flags.contains(.ascii) ? 0 : 32))
        case "groups": return .int(regex.groupCount)
        case "groupindex":
            let d = DictObject()
            for (k, v) in regex.groupNames.sorted(by: { $0.value < $1.value }) { d.set(k, .int(v)) }
            return .dict(d)
        default: return nil
        }
    }
}

/// `re.Match`.
final class MatchObject: NativeObject, @unchecked Sendable {
    let regex: CompiledRegex
    let string: String
    let scalars: [Unicode.Scalar]
    let match: RegexMatch
    let pos: Int
    let endpos: Int

    init(regex: CompiledRegex, string: String, scalars: [Unicode.Scalar], match: RegexMatch, pos: Int, endpos: Int) {
        self.regex = regex
        self.string = string
        self.scalars = scalars
        self.match = match
        self.pos = pos
        self.endpos = endpos
    }

    override var type: TypeObject { RegexModule.matchType }
    override var kindTag: String { "re.Match" }
    override var encodedFields: [Value] {
        [
            .str(regex.pattern), .int(regex.flags.rawValue), .str(string),
            .tuple(TupleItems(match.spans.map { r in r.map { .tuple([.int($0.lowerBound), .int($0.upperBound)]) } ?? .none })),
            .int(pos), .int(endpos),
        ]
    }

    func index(_ v: Value) throws(PyException) -> Int {
        switch v {
        case .int(let i):
            guard i >= 0, i <= regex.groupCount else { throw PyException.indexError("no such group") }
            return i
        case .str(let name):
            guard let i = regex.groupNames[name] else { throw PyException.indexError("no such group") }
            return i
        default:
            throw PyException.indexError("no such group")
        }
    }

    func group(_ i: Int, default dflt: Value = .none) -> Value {
        guard i < match.spans.count, let r = match.spans[i] else { return dflt }
        return .str(RegexModule.substring(scalars, r))
    }

    func span(_ i: Int) -> (Int, Int) {
        guard i < match.spans.count, let r = match.spans[i] else { return (-1, -1) }
        return (r.lowerBound, r.upperBound)
    }

    override var isTruthy: Bool { true }

    override func repr(_ vm: VirtualMachine) throws(PyException) -> String {
        let (a, b) = span(0)
        return "<re.Match object; span=(\(a), \(b)), match=\(try vm.repr(group(0)))>"
    }

    static func method(
        _ name: String, _ body: @escaping @Sendable (MatchObject, ArraySlice<Value>, [(String, Value)]) throws(PyException) -> Value
    ) -> (String, BuiltinFunction) {
        (
            name,
            BuiltinFunction(key: "re.Match." + name, name: name) { _, args, kwargs throws(PyException) in
                guard case .native(let n)? = args.first, let m = n as? MatchObject else {
                    throw PyException.typeError("descriptor '\(name)' for 're.Match' objects doesn't apply to this object")
                }
                return try body(m, args.dropFirst(), kwargs)
            }
        )
    }

    static func group(_ name: String) -> (String, BuiltinFunction) {
        method(name) { m, args, _ throws(PyException) in
            if args.isEmpty { return m.group(0) }
            if args.count == 1 { return m.group(try m.index(args[args.startIndex])) }
            var out: [Value] = []
            for a in args { out.append(m.group(try m.index(a))) }
            return .tuple(TupleItems(out))
        }
    }

    static func position(_ name: String) -> (String, BuiltinFunction) {
        method(name) { m, args, _ throws(PyException) in
            let i = try args.first.map { (v) throws(PyException) in try m.index(v) } ?? 0
            let (a, b) = m.span(i)
            switch name {
            case "start": return .int(a)
            case "end": return .int(b)
            default: return .tuple([.int(a), .int(b)])
            }
        }
    }

    static let table: [String: BuiltinFunction] = Dictionary(
        uniqueKeysWithValues: [
            group("group"), group("__getitem__"), position("start"), position("end"), position("span"),
            method("groups") { m, args, kwargs throws(PyException) in
                let dflt = ArgumentReader("groups", args, kwargs).optional(0, "default") ?? .none
                guard m.regex.groupCount > 0 else { return .tuple([]) }
                return .tuple(TupleItems((1...m.regex.groupCount).lazy.map { m.group($0, default: dflt) }))
            },
            method("groupdict") { m, args, kwargs throws(PyException) in
                let dflt = ArgumentReader("groupdict", args, kwargs).optional(0, "default") ?? .none
                let d = DictObject()
                for (k, v) in m.regex.groupNames.sorted(by: { $0.value < $1.value }) { d.set(k, m.group(v, default: dflt)) }
                return .dict(d)
            },
            method("expand") { m, args, _ throws(PyException) in
                guard case .str(let t)? = args.first else { throw PyException.typeError("expand() takes a template string") }
                do throws(RegexError) {
                    return .str(try expandTemplate(t, match: m.match, text: m.scalars, regex: m.regex))
                } catch {
                    throw RegexModule.error(error)
                }
            },
        ])

    override var methods: [String: BuiltinFunction]? { MatchObject.table }

    override func attribute(_ name: String, _ vm: VirtualMachine) throws(PyException) -> Value? {
        switch name {
        case "string": return .str(string)
        case "re": return .native(PatternObject(regex))
        case "pos": return .int(pos)
        case "endpos": return .int(endpos)
        case "lastindex":
            var last: Int? = nil
            var bestEnd = -1
            for i in 1..<max(1, match.spans.count) {
                if let r = match.spans[i], r.upperBound >= bestEnd {
                    bestEnd = r.upperBound
                    last = i
                }
            }
            return last.map { .int($0) } ?? .none
        case "lastgroup":
            guard case .int(let i)? = try attribute("lastindex", vm) else { return .none }
            return regex.groupIndexToName[i].map { .str($0) } ?? .none
        default: return nil
        }
    }

    override func items(_ vm: VirtualMachine) throws(PyException) -> [Value]? { nil }
}
