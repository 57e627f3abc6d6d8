import PlaybooksChecksum

/// Layout of a snapshot:
///
/// ```
/// "PBVM" magic, format version (u16), payload length (u64)
/// payload:
///   code objects, children before parents
///   object kinds (one byte per heap object, in id order)
///   object records, in id order; references are ids
///   the VM record (globals, state variables, frames, pending call, modules)
/// CRC-32 of everything before it (u32)
/// ```
///
/// Heap objects are numbered as they are first met, so aliasing and cycles survive: the decoder
/// creates every object empty first, then fills them in.
enum SnapshotFormat {
    static let magic: [UInt8] = Array("PBVM".utf8)
    /// 2: traceback entries carry their code's file name. Version 1 still decodes (file names empty).
    /// 3: a dict or set with keys that a user `__hash__` hashed (the decoder cannot call it) has
    /// ``userHashesFlag`` set in its flavor or frozen byte and ends with those keys' hashes.
    /// Versions 1 and 2 still decode (they never set the flag).
    static let version: UInt16 = 3
    static let userHashesFlag: UInt8 = 0x80
    static let oldestReadable: UInt16 = 1

    enum Kind: UInt8 {
        case list = 1, dict, set, function, boundMethod, type, exception, instance, iterator, coroutine, hostCall
        case cell, namespace, frame
    }

    enum Tag: UInt8 {
        case none = 0, `false`, `true`, int, float, str, bigInt, tuple, ellipsis, range, slice, builtin, builtinType
        case module, native
        case list = 20, dict, set, function, boundMethod, userType, exception, instance, iterator, coroutine, hostCall
    }
}

struct SnapshotEncoder {
    var out = ByteWriter()
    var codeIDs: [ObjectIdentifier: Int] = [:]
    var codes: [CodeObject] = []
    var objectIDs: [ObjectIdentifier: Int] = [:]
    var objects: [(kind: SnapshotFormat.Kind, object: AnyObject)] = []

    // MARK: Discovery

    mutating func code(_ c: CodeObject) -> Int {
        if let id = codeIDs[ObjectIdentifier(c)] { return id }
        for child in c.codeConstants { _ = code(child) }
        codeIDs[ObjectIdentifier(c)] = codes.count
        codes.append(c)
        return codes.count - 1
    }

    /// The id of a heap object, numbering it on first sight.
    mutating func id(_ o: AnyObject, _ kind: SnapshotFormat.Kind) -> Int {
        let key = ObjectIdentifier(o)
        if let id = objectIDs[key] { return id }
        objectIDs[key] = objects.count
        objects.append((kind, o))
        return objects.count - 1
    }

    // MARK: Values

    mutating func value(_ v: Value, into w: inout ByteWriter) {
        typealias T = SnapshotFormat.Tag
        switch v {
        case .none: w.u8(T.none.rawValue)
        case .bool(let b): w.u8(b ? T.true.rawValue : T.false.rawValue)
        case .int(let i):
            w.u8(T.int.rawValue)
            w.varint(i)
        case .float(let d):
            w.u8(T.float.rawValue)
            w.u64(d.bitPattern)
        case .str(let s):
            w.u8(T.str.rawValue)
            w.string(s)
        case .bigInt(let b):
            w.u8(T.bigInt.rawValue)
            w.string(b.value.description)
        case .tuple(let items):
            tuple(items, into: &w)
        case .ellipsis: w.u8(T.ellipsis.rawValue)
        case .range(let r):
            w.u8(T.range.rawValue)
            w.varint(r.start)
            w.varint(r.stop)
            w.varint(r.step)
        case .slice(let s):
            w.u8(T.slice.rawValue)
            value(s.start, into: &w)
            value(s.stop, into: &w)
            value(s.step, into: &w)
        case .builtin(let b):
            w.u8(T.builtin.rawValue)
            w.string(b.key)
        case .type(let t):
            if t.isBuiltin {
                w.u8(T.builtinType.rawValue)
                w.string(t.module + "." + t.name)
            } else {
                w.u8(T.userType.rawValue)
                w.count(id(t, .type))
            }
        case .module(let m):
            w.u8(T.module.rawValue)
            w.string(m.name)
        case .native(let n):
            w.u8(T.native.rawValue)
            w.string(n.kindTag)
            let fields = n.encodedFields
            w.count(fields.count)
            for f in fields { value(f, into: &w) }
        case .list(let o): Self.ref(T.list, id(o, .list), &w)
        case .dict(let o): Self.ref(T.dict, id(o, .dict), &w)
        case .set(let o): Self.ref(T.set, id(o, .set), &w)
        case .function(let o): Self.ref(T.function, id(o, .function), &w)
        case .boundMethod(let o): Self.ref(T.boundMethod, id(o, .boundMethod), &w)
        case .exception(let o): Self.ref(T.exception, id(o, .exception), &w)
        case .instance(let o): Self.ref(T.instance, id(o, .instance), &w)
        case .iterator(let o): Self.ref(T.iterator, id(o, .iterator), &w)
        case .coroutine(let o): Self.ref(T.coroutine, id(o, .coroutine), &w)
        case .hostCall(let o): Self.ref(T.hostCall, id(o, .hostCall), &w)
        }
    }

    /// A tuple: its tag, its count, then its items. Tuples inside it are written from a work list
    /// (the same bytes as writing them recursively), so tuples nested any depth do not recurse.
    mutating func tuple(_ items: TupleItems, into w: inout ByteWriter) {
        w.u8(SnapshotFormat.Tag.tuple.rawValue)
        w.count(items.count)
        var open: [(items: TupleItems, next: Int)] = [(items, 0)]
        while let (items, next) = open.last {
            guard next < items.count else {
                open.removeLast()
                continue
            }
            open[open.count - 1].next = next + 1
            if case .tuple(let inner) = items[next] {
                w.u8(SnapshotFormat.Tag.tuple.rawValue)
                w.count(inner.count)
                open.append((inner, 0))
            } else {
                value(items[next], into: &w)
            }
        }
    }

    /// A reference to a heap object. Static: a method of `self` called as `ref(tag, id(o), &w)`
    /// made Swift copy the whole encoder (its object table included) for every reference, since
    /// `id` mutates `self` while the call borrows it, which made encoding quadratic.
    static func ref(_ tag: SnapshotFormat.Tag, _ id: Int, _ w: inout ByteWriter) {
        w.u8(tag.rawValue)
        w.count(id)
    }

    mutating func optionalValue(_ v: Value?, into w: inout ByteWriter) {
        if let v {
            w.u8(1)
            value(v, into: &w)
        } else {
            w.u8(0)
        }
    }

    mutating func optionalRef(_ o: AnyObject?, _ kind: SnapshotFormat.Kind, into w: inout ByteWriter) {
        if let o {
            w.u8(1)
            w.count(id(o, kind))
        } else {
            w.u8(0)
        }
    }

    // MARK: Records

    /// Writes one heap object's fields (which may number further objects).
    mutating func record(_ kind: SnapshotFormat.Kind, _ o: AnyObject, into w: inout ByteWriter) {
        switch kind {
        case .list:
            guard let l = o as? ListObject else { return }
            w.bool(l.isDeque)
            w.varint(l.maxLength ?? -1)
            w.count(l.items.count)
            for v in l.items { value(v, into: &w) }
        case .dict:
            guard let d = o as? DictObject else { return }
            let pairs = d.hashedPairs
            let hashes = Self.userHashes(pairs.lazy.map(\.key))
            let flag: UInt8 = hashes.isEmpty ? 0 : SnapshotFormat.userHashesFlag
            switch d.flavor {
            case .plain: w.u8(0 | flag)
            case .counter: w.u8(1 | flag)
            case .defaultdict(let f):
                w.u8(2 | flag)
                value(f, into: &w)
            case .ordered: w.u8(3 | flag)
            }
            w.count(pairs.count)
            for (k, v) in pairs {
                value(k.value, into: &w)
                value(v, into: &w)
            }
            if !hashes.isEmpty { Self.write(hashes, into: &w) }
        case .set:
            guard let s = o as? SetObject else { return }
            let items = s.storage.elements
            let hashes = Self.userHashes(items)
            w.u8((s.isFrozen ? 1 : 0) | (hashes.isEmpty ? 0 : SnapshotFormat.userHashesFlag))
            w.count(items.count)
            for k in items { value(k.value, into: &w) }
            if !hashes.isEmpty { Self.write(hashes, into: &w) }
        case .function:
            guard let f = o as? FunctionObject else { return }
            w.count(code(f.code))
            w.count(id(f.globals, .namespace))
            w.count(f.defaults.count)
            for v in f.defaults { value(v, into: &w) }
            let kw = f.keywordDefaults.sorted { $0.key < $1.key }
            w.count(kw.count)
            for (k, v) in kw {
                w.string(k)
                value(v, into: &w)
            }
            w.count(f.closure.count)
            for c in f.closure { w.count(id(c, .cell)) }
            w.string(f.name)
            optionalRef(f.attributes, .dict, into: &w)
        case .boundMethod:
            guard let m = o as? BoundMethod else { return }
            value(m.receiver, into: &w)
            value(m.function, into: &w)
        case .type:
            guard let t = o as? TypeObject else { return }
            w.string(t.name)
            w.string(t.module)
            optionalValue(t.base.map { .type($0) }, into: &w)
            w.count(id(t.attributes, .dict))
        case .exception:
            guard let e = o as? ExceptionObject else { return }
            value(.type(e.type), into: &w)
            w.count(e.args.count)
            for a in e.args { value(a, into: &w) }
            optionalRef(e.cause, .exception, into: &w)
            optionalRef(e.context, .exception, into: &w)
            w.bool(e.suppressContext)
            w.count(e.traceback.count)
            for t in e.traceback {
                w.string(t.name)
                w.varint(t.line)
                w.string(t.filename)
            }
            optionalRef(e.attributes, .dict, into: &w)
        case .instance:
            guard let i = o as? InstanceObject else { return }
            value(.type(i.cls), into: &w)
            w.count(id(i.attributes, .dict))
        case .iterator:
            guard let it = o as? IteratorObject else { return }
            w.string(it.kindName)
            iteratorState(it.state, into: &w)
        case .coroutine:
            guard let c = o as? CoroutineObject else { return }
            w.string(c.name)
            w.u8(c.state.rawValue)
            optionalRef(c.frame, .frame, into: &w)
        case .hostCall:
            guard let h = o as? HostCall else { return }
            w.string(h.name)
            w.count(h.arguments.count)
            for a in h.arguments { value(a, into: &w) }
            w.count(h.keywordArguments.count)
            for (k, v) in h.keywordArguments {
                w.string(k)
                value(v, into: &w)
            }
        case .cell:
            guard let c = o as? Cell else { return }
            optionalValue(c.value, into: &w)
        case .namespace:
            guard let n = o as? Namespace else { return }
            w.count(n.names.count)
            for (i, name) in n.names.enumerated() {
                w.string(name)
                optionalValue(n.values[i], into: &w)
            }
        case .frame:
            guard let f = o as? Frame else { return }
            w.count(code(f.code))
            w.count(id(f.globals, .namespace))
            w.count(f.ip)
            w.count(f.stack.count)
            for v in f.stack { value(v, into: &w) }
            w.count(f.locals.count)
            for v in f.locals { optionalValue(v, into: &w) }
            w.count(f.cells.count)
            for c in f.cells { w.count(id(c, .cell)) }
            w.count(f.handlers.count)
            for h in f.handlers {
                w.varint(Int(h.target))
                w.varint(Int(h.stackDepth))
                w.varint(Int(h.handledDepth))
            }
            w.count(f.handled.count)
            for e in f.handled { w.count(id(e, .exception)) }
            optionalRef(f.coroutine, .coroutine, into: &w)
            w.bool(f.isNestedBoundary)
            w.bool(f.isClassBody)
            optionalValue(f.constructing, into: &w)
        }
    }

    mutating func iteratorState(_ s: IteratorObject.State, into w: inout ByteWriter) {
        switch s {
        case .values(let items, let i):
            w.u8(0)
            tuple(TupleItems(items), into: &w)
            w.count(i)
        case .tuple(let items, let i):
            // The same bytes as `.values` (which decodes as this state).
            w.u8(0)
            tuple(items, into: &w)
            w.count(i)
        case .list(let l, let i):
            w.u8(1)
            w.count(id(l, .list))
            w.count(i)
        case .reversedList(let l, let i):
            w.u8(2)
            w.count(id(l, .list))
            w.varint(i)
        case .str(let s, let i):
            w.u8(3)
            w.string(s)
            w.count(i)
        case .range(let cur, let stop, let step):
            w.u8(4)
            w.varint(cur)
            w.varint(stop)
            w.varint(step)
        case .dictKeys(let d, let i):
            w.u8(5)
            w.count(id(d, .dict))
            w.count(i)
        case .dictValues(let d, let i):
            w.u8(6)
            w.count(id(d, .dict))
            w.count(i)
        case .dictItems(let d, let i):
            w.u8(7)
            w.count(id(d, .dict))
            w.count(i)
        case .set(let s, let i):
            w.u8(8)
            w.count(id(s, .set))
            w.count(i)
        case .enumerate(let inner, let n):
            w.u8(9)
            w.count(id(inner, .iterator))
            w.varint(n)
        case .zip(let its):
            w.u8(10)
            w.count(its.count)
            for i in its { w.count(id(i, .iterator)) }
        case .map(let fn, let its):
            w.u8(11)
            value(fn, into: &w)
            w.count(its.count)
            for i in its { w.count(id(i, .iterator)) }
        case .filter(let fn, let inner):
            w.u8(12)
            value(fn, into: &w)
            w.count(id(inner, .iterator))
        case .exhausted:
            w.u8(13)
        }
    }

    mutating func codeObject(_ c: CodeObject, into w: inout ByteWriter) {
        w.string(c.name)
        w.string(c.qualifiedName)
        w.string(c.filename)
        w.count(c.instructions.count)
        for i in c.instructions {
            let (op, a, b) = i.encoded
            w.u8(op)
            w.varint(Int(a))
            w.varint(Int(b))
        }
        for l in c.lines { w.varint(Int(l)) }
        w.count(c.constants.count)
        for v in c.constants { value(v, into: &w) }
        w.count(c.codeConstants.count)
        for child in c.codeConstants { w.count(codeIDs[ObjectIdentifier(child)] ?? 0) }
        for list in [c.names, c.localNames, c.cellNames, c.freeNames] {
            w.count(list.count)
            for n in list { w.string(n) }
        }
        w.count(c.cellParameterSlots.count)
        for s in c.cellParameterSlots { w.varint(Int(s)) }
        w.count(c.closureSlots.count)
        for s in c.closureSlots { w.varint(Int(s)) }
        w.count(c.positionalOnlyCount)
        w.count(c.positionalCount)
        w.count(c.keywordOnlyCount)
        w.bool(c.hasVarargs)
        w.bool(c.hasKwargs)
        w.bool(c.isCoroutine)
        w.varint(c.firstLine)
    }
}

extension VirtualMachine {
    /// Encodes the complete interpreter state — frames, stacks, instruction pointers, iterators,
    /// exception handlers and every reachable object — into versioned, checksummed bytes.
    ///
    /// Call it when the VM is suspended (after ``run()`` returned ``RunResult/suspended(_:)`` or
    /// ``RunResult/awaitPoint``), or before or after a run.
    public func encodeSnapshot() -> [UInt8] {
        var enc = SnapshotEncoder()
        // The VM record first (into its own buffer), which numbers the roots.
        var vmRecord = ByteWriter()
        vmRecord.count(enc.id(globals, .namespace))
        vmRecord.count(enc.id(stateVariables, .dict))
        vmRecord.count(frames.count)
        for f in frames { vmRecord.count(enc.id(f, .frame)) }
        enc.optionalRef(pendingHostCall, .hostCall, into: &vmRecord)
        vmRecord.bool(passAwaitPoint)
        vmRecord.count(modules.count)
        for name in modules.keys.sorted() { vmRecord.string(name) }
        vmRecord.count(hostFunctionNames.count)
        for n in hostFunctionNames { vmRecord.string(n) }
        vmRecord.count(instructionCount)
        if let e = pendingException {
            vmRecord.u8(1)
            vmRecord.count(enc.id(e.object, .exception))
        } else {
            vmRecord.u8(0)
        }

        // Records, which may discover more objects as they go.
        var records = ByteWriter()
        var i = 0
        while i < enc.objects.count {
            let (kind, o) = enc.objects[i]
            enc.record(kind, o, into: &records)
            i += 1
        }
        var codeSection = ByteWriter()
        // Code constants may hold only immutable values, so encoding them finds no new objects.
        codeSection.count(enc.codes.count)
        let codes = enc.codes
        for c in codes { enc.codeObject(c, into: &codeSection) }

        var payload = ByteWriter()
        payload.bytes.append(contentsOf: codeSection.bytes)
        payload.count(enc.objects.count)
        for (kind, _) in enc.objects { payload.u8(kind.rawValue) }
        payload.bytes.append(contentsOf: records.bytes)
        payload.bytes.append(contentsOf: vmRecord.bytes)

        var out = ByteWriter()
        out.bytes.append(contentsOf: SnapshotFormat.magic)
        out.u8(UInt8(SnapshotFormat.version & 0xFF))
        out.u8(UInt8(SnapshotFormat.version >> 8))
        out.u64(UInt64(payload.bytes.count))
        out.bytes.append(contentsOf: payload.bytes)
        out.u32(CRC32.checksum(out.bytes))
        return out.bytes
    }
}

extension SnapshotEncoder {
    /// The keys (by position) whose stored hash came from a user `__hash__`, with those hashes.
    static func userHashes<Keys: Sequence>(_ keys: Keys) -> [(Int, Int)] where Keys.Element == HashKey {
        var found: [(Int, Int)] = []
        for (i, k) in keys.enumerated() where VirtualMachine.holdsUserMethod(k.value, "__hash__") {
            found.append((i, k.hash))
        }
        return found
    }

    /// ``userHashes(_:)``: a count, then the position and hash (as 64 bits) of each.
    static func write(_ found: [(Int, Int)], into w: inout ByteWriter) {
        w.count(found.count)
        for (i, h) in found {
            w.count(i)
            w.u64(UInt64(truncatingIfNeeded: h))
        }
    }
}
