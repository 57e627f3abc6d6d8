import BigInt
import PlaybooksChecksum

struct SnapshotDecoder {
    var r: ByteReader
    var codes: [CodeObject] = []
    var kinds: [SnapshotFormat.Kind] = []
    var objects: [AnyObject] = []
    let vm: VirtualMachine
    /// The snapshot's format version (see ``SnapshotFormat``).
    var version: UInt16 = SnapshotFormat.version

    static func damaged(_ what: String) -> SnapshotError { SnapshotError("snapshot is damaged: \(what)") }

    // MARK: Shells

    static func shell(_ kind: SnapshotFormat.Kind) -> AnyObject {
        switch kind {
        case .list: return ListObject()
        case .dict: return DictObject()
        case .set: return SetObject()
        case .function:
            return FunctionObject(code: CodeObject.placeholder, globals: Namespace(), defaults: [], keywordDefaults: [:], closure: [])
        case .boundMethod: return BoundMethod(receiver: .none, function: .none)
        case .type: return TypeObject(name: "", base: nil, isBuiltin: false)
        case .exception: return ExceptionObject(type: Types.exception, args: [])
        case .instance: return InstanceObject(cls: Types.object)
        case .iterator: return IteratorObject(.exhausted, kindName: "")
        case .coroutine: return CoroutineObject(frame: nil, name: "")
        case .hostCall: return HostCall(name: "", arguments: [], keywordArguments: [])
        case .cell: return Cell()
        case .namespace: return Namespace()
        case .frame: return Frame(code: CodeObject.placeholder, globals: Namespace(), locals: [], cells: [])
        }
    }

    func object<T: AnyObject>(_ id: Int, as: T.Type) throws(SnapshotError) -> T {
        guard id >= 0, id < objects.count else {
            throw SnapshotDecoder.damaged("object \(id) is referred to, but there is no such object (there are \(objects.count))")
        }
        guard let o = objects[id] as? T else {
            throw SnapshotDecoder.damaged("object \(id) is a \(kinds[id]) where a \(SnapshotDecoder.kindName(T.self)) is required")
        }
        return o
    }

    /// The snapshot's name for objects of class `type` (for messages).
    static func kindName(_ type: AnyObject.Type) -> String {
        let kinds: [(AnyObject.Type, String)] = [
            (ListObject.self, "list"), (DictObject.self, "dict"), (SetObject.self, "set"), (FunctionObject.self, "function"),
            (BoundMethod.self, "bound method"), (TypeObject.self, "class"), (ExceptionObject.self, "exception"),
            (InstanceObject.self, "instance"), (IteratorObject.self, "iterator"), (CoroutineObject.self, "coroutine"),
            (HostCall.self, "host call"), (Cell.self, "cell"), (Namespace.self, "namespace"), (Frame.self, "frame"),
        ]
        return kinds.first { $0.0 == type }?.1 ?? "\(type)"
    }

    mutating func ref<T: AnyObject>(_ type: T.Type) throws(SnapshotError) -> T {
        try object(try r.index(), as: T.self)
    }

    mutating func optionalRef<T: AnyObject>(_ type: T.Type) throws(SnapshotError) -> T? {
        try r.bool() ? try ref(T.self) : nil
    }

    // MARK: Values

    /// A tuple after its tag: tuples inside it are read with a work list, so tuples nested any
    /// depth (as ``SnapshotEncoder/tuple(_:into:)`` writes them) do not recurse.
    mutating func tupleValue() throws(SnapshotError) -> Value {
        var open: [(items: [Value], remaining: Int)] = [([], try r.count())]
        while !open.isEmpty {
            let top = open.count - 1
            if open[top].remaining == 0 {
                let items = open.removeLast().items
                guard top > 0 else { return .tuple(TupleItems(items)) }
                open[top - 1].items.append(.tuple(TupleItems(items)))
                continue
            }
            open[top].remaining -= 1
            let start = r.offset
            if try r.u8() == SnapshotFormat.Tag.tuple.rawValue {
                open.append(([], try r.count()))
            } else {
                r.offset = start
                let item = try value()
                open[top].items.append(item)
            }
        }
        return .tuple([])
    }

    mutating func value() throws(SnapshotError) -> Value {
        typealias T = SnapshotFormat.Tag
        let raw = try r.u8()
        guard let tag = T(rawValue: raw) else { throw SnapshotDecoder.damaged("unknown value tag \(raw)") }
        switch tag {
        case .none: return .none
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .int: return .int(try r.varint())
        case .float: return .float(Double(bitPattern: try r.u64()))
        case .str: return .str(try r.string())
        case .bigInt:
            let s = try r.string()
            guard let b = BigInt(s) else { throw SnapshotDecoder.damaged("bad integer") }
            return .integer(b)
        case .tuple:
            return try tupleValue()
        case .ellipsis: return .ellipsis
        case .range:
            return .range(RangeValue(start: try r.varint(), stop: try r.varint(), step: try r.varint()))
        case .slice:
            return .slice(SliceValue(start: try value(), stop: try value(), step: try value()))
        case .builtin:
            let key = try r.string()
            if key.hasPrefix("host:") { return .builtin(BuiltinFunction.host(String(key.dropFirst(5)))) }
            guard let b = Builtins.registry[key] else {
                throw SnapshotError("snapshot refers to built-in '\(key)', which this build does not have")
            }
            return .builtin(b)
        case .builtinType:
            let name = try r.string()
            guard let t = Types.byQualifiedName[name] else {
                throw SnapshotError("snapshot refers to type '\(name)', which this build does not have")
            }
            return .type(t)
        case .module:
            let name = try r.string()
            do {
                return .module(try vm.importModule(name))
            } catch {
                throw SnapshotError(
                    "snapshot refers to module '\(name)', which cannot be imported: \(error.object.args.first.map { "\($0)" } ?? "")")
            }
        case .native:
            let kindTag = try r.string()
            let n = try r.count()
            var fields: [Value] = []
            for _ in 0..<n { fields.append(try value()) }
            guard let make = NativeObjectRegistry.decoders[kindTag] else {
                throw SnapshotError("snapshot holds a '\(kindTag)' object, which this build cannot restore")
            }
            // Whether a property was added late is not recorded: a restored heap with properties
            // takes the checked attribute reads (see `propertiesMayBeShadowed`).
            if kindTag == "property" { vm.propertiesMayBeShadowed = true }
            return .native(try make(fields))
        case .list: return .list(try ref(ListObject.self))
        case .dict: return .dict(try ref(DictObject.self))
        case .set: return .set(try ref(SetObject.self))
        case .function: return .function(try ref(FunctionObject.self))
        case .boundMethod: return .boundMethod(try ref(BoundMethod.self))
        case .userType: return .type(try ref(TypeObject.self))
        case .exception: return .exception(try ref(ExceptionObject.self))
        case .instance: return .instance(try ref(InstanceObject.self))
        case .iterator: return .iterator(try ref(IteratorObject.self))
        case .coroutine: return .coroutine(try ref(CoroutineObject.self))
        case .hostCall: return .hostCall(try ref(HostCall.self))
        }
    }

    mutating func optionalValue() throws(SnapshotError) -> Value? {
        try r.bool() ? try value() : nil
    }

    /// The hashes a user `__hash__` gave some of a dict's or set's `count` keys (when its
    /// ``SnapshotFormat/userHashesFlag`` is `present`), by position; `nil` for the keys hashed
    /// as ``HashKey`` hashes them.
    mutating func userHashes(count: Int, present: Bool) throws(SnapshotError) -> [Int?] {
        var out = [Int?](repeating: nil, count: count)
        guard present else { return out }
        for _ in 0..<(try r.count()) {
            let i = try r.count()
            guard i < count else { throw SnapshotDecoder.damaged("a key hash for a missing key") }
            out[i] = Int(truncatingIfNeeded: try r.u64())
        }
        return out
    }

    func hashKey(_ v: Value) throws(SnapshotError) -> HashKey {
        guard let k = HashKey(v) else { throw SnapshotDecoder.damaged("an unhashable dict key") }
        return k
    }

    // MARK: Records

    mutating func fill(_ id: Int) throws(SnapshotError) {
        let o = objects[id]
        switch kinds[id] {
        case .list:
            let l = try object(id, as: ListObject.self)
            l.isDeque = try r.bool()
            let maxLength = try r.varint()
            l.maxLength = maxLength >= 0 ? maxLength : nil
            let n = try r.count()
            l.items.reserveCapacity(n)
            for _ in 0..<n { l.items.append(try value()) }
        case .dict:
            let d = try object(id, as: DictObject.self)
            let flavor = try r.u8()
            let hasUserHashes = version >= 3 && flavor & SnapshotFormat.userHashesFlag != 0
            switch hasUserHashes ? flavor & ~SnapshotFormat.userHashesFlag : flavor {
            case 0: d.flavor = .plain
            case 1: d.flavor = .counter
            case 2: d.flavor = .defaultdict(try value())
            case 3: d.flavor = .ordered
            default: throw SnapshotDecoder.damaged("unknown dict flavor")
            }
            let n = try r.count()
            var pairs: [(HashKey, Value)] = []
            for _ in 0..<n {
                let k = try value()
                pairs.append((try hashKey(k), try value()))
            }
            let hashes = try userHashes(count: n, present: hasUserHashes)
            for (i, (k, v)) in pairs.enumerated() { d[hashes[i].map { HashKey(raw: k.value, hash: $0) } ?? k] = v }
        case .set:
            let s = try object(id, as: SetObject.self)
            let flags = try r.u8()
            let hasUserHashes = version >= 3 && flags & SnapshotFormat.userHashesFlag != 0
            let frozen = hasUserHashes ? flags & ~SnapshotFormat.userHashesFlag : flags
            guard frozen <= 1 else { throw SnapshotDecoder.damaged("unknown set flags") }
            s.isFrozen = frozen == 1
            let n = try r.count()
            var keys: [HashKey] = []
            for _ in 0..<n { keys.append(try hashKey(try value())) }
            let hashes = try userHashes(count: n, present: hasUserHashes)
            for (i, k) in keys.enumerated() { s.storage.insert(hashes[i].map { HashKey(raw: k.value, hash: $0) } ?? k) }
        case .function:
            let f = try object(id, as: FunctionObject.self)
            f.code = try codeRef()
            f.globals = try ref(Namespace.self)
            var defaults: [Value] = []
            for _ in 0..<(try r.count()) { defaults.append(try value()) }
            f.defaults = defaults
            var kw: [String: Value] = [:]
            for _ in 0..<(try r.count()) {
                let k = try r.string()
                kw[k] = try value()
            }
            f.keywordDefaults = kw
            var closure: [Cell] = []
            for _ in 0..<(try r.count()) { closure.append(try ref(Cell.self)) }
            f.closure = closure
            f.name = try r.string()
            f.attributes = try optionalRef(DictObject.self)
        case .boundMethod:
            let m = try object(id, as: BoundMethod.self)
            m.receiver = try value()
            m.function = try value()
        case .type:
            let t = try object(id, as: TypeObject.self)
            t.name = try r.string()
            t.module = try r.string()
            if let b = try optionalValue() {
                guard case .type(let base) = b else { throw SnapshotDecoder.damaged("a class base is not a class") }
                t.base = base
            }
            t.attributes = try ref(DictObject.self)
        case .exception:
            let e = try object(id, as: ExceptionObject.self)
            guard case .type(let t) = try value() else { throw SnapshotDecoder.damaged("an exception type is not a class") }
            e.type = t
            var args: [Value] = []
            for _ in 0..<(try r.count()) { args.append(try value()) }
            e.args = args
            e.cause = try optionalRef(ExceptionObject.self)
            e.context = try optionalRef(ExceptionObject.self)
            e.suppressContext = try r.bool()
            var tb: [(name: String, line: Int, filename: String)] = []
            for _ in 0..<(try r.count()) {
                let name = try r.string()
                let line = try r.varint()
                tb.append((name, line, version >= 2 ? try r.string() : ""))
            }
            e.traceback = tb
            e.attributes = try optionalRef(DictObject.self)
        case .instance:
            let i = try object(id, as: InstanceObject.self)
            guard case .type(let t) = try value() else { throw SnapshotDecoder.damaged("an instance's class is not a class") }
            i.cls = t
            i.attributes = try ref(DictObject.self)
        case .iterator:
            let it = try object(id, as: IteratorObject.self)
            it.kindName = try r.string()
            it.state = try iteratorState()
        case .coroutine:
            let c = try object(id, as: CoroutineObject.self)
            c.name = try r.string()
            guard let s = CoroutineObject.State(rawValue: try r.u8()) else { throw SnapshotDecoder.damaged("bad coroutine state") }
            c.state = s
            c.frame = try optionalRef(Frame.self)
        case .hostCall:
            let h = try object(id, as: HostCall.self)
            h.name = try r.string()
            var args: [Value] = []
            for _ in 0..<(try r.count()) { args.append(try value()) }
            h.arguments = args
            var kw: [(name: String, value: Value)] = []
            for _ in 0..<(try r.count()) { kw.append((try r.string(), try value())) }
            h.keywordArguments = kw
        case .cell:
            let c = try object(id, as: Cell.self)
            c.value = try optionalValue()
        case .namespace:
            let ns = try object(id, as: Namespace.self)
            var names: [String] = []
            var values: [Value?] = []
            for _ in 0..<(try r.count()) {
                names.append(try r.string())
                values.append(try optionalValue())
            }
            ns.restore(names: names, values: values)
        case .frame:
            let f = try object(id, as: Frame.self)
            f.code = try codeRef()
            f.globals = try ref(Namespace.self)
            f.ip = try r.index()
            guard f.ip <= f.code.instructions.count else { throw SnapshotDecoder.damaged("an instruction pointer is out of range") }
            var stack: [Value] = []
            for _ in 0..<(try r.count()) { stack.append(try value()) }
            f.stack = stack
            var locals: [Value?] = []
            for _ in 0..<(try r.count()) { locals.append(try optionalValue()) }
            guard locals.count == f.code.localNames.count else { throw SnapshotDecoder.damaged("a frame's locals do not match its code") }
            f.locals = locals
            var cells: [Cell] = []
            for _ in 0..<(try r.count()) { cells.append(try ref(Cell.self)) }
            guard cells.count == f.code.cellNames.count + f.code.freeNames.count else {
                throw SnapshotDecoder.damaged("a frame's cells do not match its code")
            }
            f.cells = cells
            var handlers: [ExceptionHandler] = []
            for _ in 0..<(try r.count()) {
                let h = ExceptionHandler(target: try r.int32(), stackDepth: try r.int32(), handledDepth: try r.int32())
                guard h.target >= 0, Int(h.target) <= f.code.instructions.count, h.stackDepth >= 0, h.handledDepth >= 0 else {
                    throw SnapshotDecoder.damaged("an exception handler is out of range")
                }
                handlers.append(h)
            }
            f.handlers = handlers
            var handled: [ExceptionObject] = []
            for _ in 0..<(try r.count()) { handled.append(try ref(ExceptionObject.self)) }
            f.handled = handled
            f.coroutine = try optionalRef(CoroutineObject.self)
            f.isNestedBoundary = try r.bool()
            f.isClassBody = try r.bool()
            f.constructing = try optionalValue()
        }
        _ = o
    }

    mutating func codeRef() throws(SnapshotError) -> CodeObject {
        let id = try r.index()
        guard id < codes.count else { throw SnapshotDecoder.damaged("code object \(id) is missing") }
        return codes[id]
    }

    mutating func iteratorState() throws(SnapshotError) -> IteratorObject.State {
        switch try r.u8() {
        case 0:
            guard case .tuple(let items) = try value() else { throw SnapshotDecoder.damaged("bad iterator") }
            return .tuple(items, try r.index())
        case 1: return .list(try ref(ListObject.self), try r.index())
        case 2: return .reversedList(try ref(ListObject.self), try r.varint())
        case 3: return .str(try r.string(), try r.index())
        case 4: return .range(current: try r.varint(), stop: try r.varint(), step: try r.varint())
        case 5: return .dictKeys(try ref(DictObject.self), try r.index())
        case 6: return .dictValues(try ref(DictObject.self), try r.index())
        case 7: return .dictItems(try ref(DictObject.self), try r.index())
        case 8: return .set(try ref(SetObject.self), try r.index())
        case 9: return .enumerate(try ref(IteratorObject.self), try r.varint())
        case 10:
            var its: [IteratorObject] = []
            for _ in 0..<(try r.count()) { its.append(try ref(IteratorObject.self)) }
            return .zip(its)
        case 11:
            let fn = try value()
            var its: [IteratorObject] = []
            for _ in 0..<(try r.count()) { its.append(try ref(IteratorObject.self)) }
            return .map(fn, its)
        case 12: return .filter(try value(), try ref(IteratorObject.self))
        case 13: return .exhausted
        default: throw SnapshotDecoder.damaged("unknown iterator kind")
        }
    }

    mutating func codeObject() throws(SnapshotError) -> CodeObject {
        let name = try r.string()
        let qualified = try r.string()
        let filename = try r.string()
        let n = try r.count()
        var instructions: [Instruction] = []
        instructions.reserveCapacity(n)
        for _ in 0..<n {
            instructions.append(try Instruction.decode(op: try r.u8(), a: try r.int32(), b: try r.int32()))
        }
        var lines: [Int32] = []
        for _ in 0..<n { lines.append(try r.int32()) }
        var constants: [Value] = []
        for _ in 0..<(try r.count()) { constants.append(try value()) }
        var children: [CodeObject] = []
        for _ in 0..<(try r.count()) { children.append(try codeRef()) }
        var lists: [[String]] = []
        for _ in 0..<4 {
            var list: [String] = []
            for _ in 0..<(try r.count()) { list.append(try r.string()) }
            lists.append(list)
        }
        var cellSlots: [Int32] = []
        for _ in 0..<(try r.count()) { cellSlots.append(try r.int32()) }
        var closureSlots: [Int32] = []
        for _ in 0..<(try r.count()) { closureSlots.append(try r.int32()) }
        let code = CodeObject(
            name: name, qualifiedName: qualified, filename: filename, instructions: instructions, lines: lines,
            constants: constants, codeConstants: children, names: lists[0], localNames: lists[1], cellNames: lists[2],
            cellParameterSlots: cellSlots, freeNames: lists[3], positionalOnlyCount: try r.index(),
            positionalCount: try r.index(), keywordOnlyCount: try r.index(), hasVarargs: try r.bool(),
            hasKwargs: try r.bool(), isCoroutine: try r.bool(), firstLine: try r.varint(), closureSlots: closureSlots)
        try CodeValidator.validate(code)
        return code
    }
}

extension VirtualMachine {
    /// Rebuilds a VM from ``encodeSnapshot()`` bytes, in this or another process.
    ///
    /// Damaged bytes, bytes of another format version, and bytes that refer to built-ins this
    /// build lacks all fail with a ``SnapshotError`` that says what is wrong.
    public convenience init(snapshot bytes: [UInt8], limits: Limits = Limits()) throws(SnapshotError) {
        guard bytes.count >= 18, Array(bytes[0..<4]) == SnapshotFormat.magic else {
            throw SnapshotError("not a Playbooks VM snapshot (bad header)")
        }
        let version = UInt16(bytes[4]) | UInt16(bytes[5]) << 8
        guard version >= SnapshotFormat.oldestReadable, version <= SnapshotFormat.version else {
            throw SnapshotError(
                "unknown snapshot format version \(version) (this build reads versions \(SnapshotFormat.oldestReadable) to \(SnapshotFormat.version))"
            )
        }
        var header = ByteReader(bytes, from: 6)
        let length = try header.u64()
        guard length == UInt64(bytes.count - 18) else {
            throw SnapshotError("snapshot is damaged: expected \(length) payload bytes, found \(max(0, bytes.count - 18))")
        }
        let stored =
            UInt32(bytes[bytes.count - 4]) | UInt32(bytes[bytes.count - 3]) << 8 | UInt32(bytes[bytes.count - 2]) << 16 | UInt32(
                bytes[bytes.count - 1]) << 24
        guard CRC32.checksum(bytes[0..<(bytes.count - 4)]) == stored else {
            throw SnapshotError("snapshot is damaged: checksum mismatch")
        }
        self.init(limits: limits)
        var d = SnapshotDecoder(r: ByteReader(bytes, from: 14, end: bytes.count - 4), vm: self)
        d.version = version
        let codeCount = try d.r.count()
        for _ in 0..<codeCount { d.codes.append(try d.codeObject()) }
        let objectCount = try d.r.count()
        for _ in 0..<objectCount {
            let raw = try d.r.u8()
            guard let kind = SnapshotFormat.Kind(rawValue: raw) else { throw SnapshotDecoder.damaged("unknown object kind \(raw)") }
            d.kinds.append(kind)
            d.objects.append(SnapshotDecoder.shell(kind))
        }
        for id in 0..<objectCount { try d.fill(id) }
        let globalsNS = try d.ref(Namespace.self)
        let state = try d.ref(DictObject.self)
        var frames: [Frame] = []
        for _ in 0..<(try d.r.count()) { frames.append(try d.ref(Frame.self)) }
        let pending = try d.optionalRef(HostCall.self)
        let passAwait = try d.r.bool()
        var moduleNames: [String] = []
        for _ in 0..<(try d.r.count()) { moduleNames.append(try d.r.string()) }
        var hostNames: [String] = []
        for _ in 0..<(try d.r.count()) { hostNames.append(try d.r.string()) }
        let count = try d.r.index()
        var pendingExc: PyException? = nil
        if try d.r.bool() { pendingExc = PyException(try d.ref(ExceptionObject.self)) }
        guard d.r.remaining == 0 else { throw SnapshotDecoder.damaged("\(d.r.remaining) unexpected bytes at the end") }
        var verifier = SnapshotVerifier(codes: d.codes, objects: d.objects)
        try verifier.verify(frames: frames, waitingForHost: pending != nil, pendingException: pendingExc != nil)
        self.adopt(globals: globalsNS, stateVariables: state)
        self.frames.replaceAll(with: frames)
        self.pendingHostCall = pending
        self.passAwaitPoint = passAwait
        self.hostFunctionNames = hostNames
        self.instructionCount = count
        self.pendingException = pendingExc
        for name in moduleNames where modules[name] == nil {
            _ = try? importModule(name)
        }
    }
}

/// Checks a decoded code object so that running it cannot index out of range.
enum CodeValidator {
    static func validate(_ c: CodeObject) throws(SnapshotError) {
        let n = Int32(c.instructions.count)
        func check(_ ok: Bool) throws(SnapshotError) {
            if !ok { throw SnapshotDecoder.damaged("code object '\(c.name)' has an operand out of range") }
        }
        try check(c.lines.count == c.instructions.count)
        let cells = Int32(c.cellNames.count + c.freeNames.count)
        for i in c.instructions {
            switch i {
            case .loadConst(let k): try check(k >= 0 && k < Int32(c.constants.count))
            case .loadFast(let k), .storeFast(let k), .deleteFast(let k): try check(k >= 0 && k < Int32(c.localNames.count))
            case .loadDeref(let k), .storeDeref(let k), .deleteDeref(let k): try check(k >= 0 && k < cells)
            case .loadStateVar(let k), .storeStateVar(let k), .loadAttr(let k), .storeAttr(let k), .deleteAttr(let k),
                .loadMethod(let k), .importName(let k), .importFrom(let k), .subscriptConstStr(let k),
                .storeSubscriptConstStr(let k), .mapAddConstStr(let k):
                try check(k >= 0 && k < Int32(c.names.count))
            case .loadFastAttr(let l, let k):
                try check(l >= 0 && l < Int32(c.localNames.count) && k >= 0 && k < Int32(c.names.count))
            case .jump(let t), .popJumpIfFalse(let t), .popJumpIfTrue(let t), .jumpIfFalseOrPop(let t), .jumpIfTrueOrPop(let t),
                .forIter(let t), .setupExcept(let t), .compareJumpIfFalse(_, let t), .compareConstIntJumpIfFalse(_, _, let t):
                try check(t >= 0 && t <= n)
            case .makeFunction(let k, _): try check(k >= 0 && k < Int32(c.codeConstants.count))
            case .buildList(let k), .buildTuple(let k), .buildSet(let k), .buildMap(let k), .newDict(let k), .call(let k),
                .callMethod(let k),
                .callKeywords(let k), .buildString(let k), .unpackSequence(let k):
                try check(k >= 0)
            default: break
            }
        }
        for s in c.cellParameterSlots { try check(s >= -1 && s < Int32(c.localNames.count)) }
        try check(c.cellParameterSlots.count == c.cellNames.count)
    }
}
