extension VirtualMachine {
    /// The dispatch loop. Runs the top frame until the outermost frame returns (or, for a nested
    /// run, until the boundary frame returns), an exception escapes, or the code suspends.
    ///
    /// Each frame runs in ``run(_:stopAtBoundary:budget:)``, which returns when the top of the
    /// stack changes. The frame stack owns every frame, so the running frame is lent to it
    /// without a reference count: a Python call or return costs no retain/release pair for
    /// switching frames.
    func execute(stopAtBoundary: Bool) -> RunResult {
        var budget = 0
        defer { instructionCount &+= budget }
        if let e = checkLimits(), let r = unwind(e, stopAtBoundary: stopAtBoundary) { return r }
        while true {
            guard let step = frames.withLast({ run($0, stopAtBoundary: stopAtBoundary, budget: &budget) }) else {
                return .finished(.none)
            }
            if case .done(let r) = step { return r }
        }
    }

    /// `obj.name` when the fast path (an instance's own attribute, no property can shadow it)
    /// did not apply; returns whether a frame was pushed. A property wins over an instance's
    /// own attribute; one whose getter is a plain Python function is called in the dispatch
    /// loop, like any call, without a nested run.
    @inline(__always)
    func loadAttributeSlow(_ obj: Value, nameIndex i: Int, frame f: Frame) throws(PyException) -> Bool {
        if case .instance(let o) = obj {
            if let p = o.cls.property(f.code.names[i], hash: f.code.nameHashes[i]) {
                if case .function(let getter) = p.getter {
                    let calleeIndex = f.sp
                    f.push(.none)
                    f.push(obj)
                    if try pushPlainCall(getter, caller: f, argStart: calleeIndex + 1, calleeIndex: calleeIndex) { return true }
                    f.drop(2)
                }
                f.push(try callValue(p.getter, [obj][...], []))
                return false
            }
            if let v = o.attributes.get(f.code.names[i], hash: f.code.nameHashes[i]) {
                f.push(v)
                return false
            }
        }
        f.push(try getAttribute(obj, f.code.names[i]))
        return false
    }

    /// Pushes `l op r` (`l op= r` when `inPlace`): machine ints and floats inline
    /// (``FastArithmetic``), everything else by the general rules.
    @inline(__always)
    func arithmetic(_ op: BinaryOp, _ l: Value, _ r: Value, inPlace: Bool, on f: Frame) throws(PyException) {
        if case .int(let a) = l, case .int(let b) = r, let v = FastArithmetic.int(op, a, b) {
            f.push(.int(v))
        } else if let v = FastArithmetic.float(op, l, r) {
            f.push(.float(v))
        } else {
            f.push(inPlace ? try inplaceOp(op, l, r) : try binaryOp(op, l, r))
        }
    }

    /// How a frame's run ended.
    enum FrameStep {
        /// Another frame is on top now (a call, a return, an exception handled further out).
        case switchFrame
        /// The run is over.
        case done(RunResult)
    }

    /// Runs `f`, the top frame, until it stops being the top frame or the run ends. `budget`
    /// counts instructions since the limits were last checked.
    func run(_ f: Frame, stopAtBoundary: Bool, budget budgetCheck: inout Int) -> FrameStep {
        // Instructions are read through the code object's buffer, without reference counting.
        let instructions = f.instructions
        while true {
            let ip = f.ip
            guard ip < instructions.count else {
                // Falling off the end cannot happen for compiled code; treat it as `return None`.
                f.push(.none)
                f.ip = ip
                do throws(PyException) {
                    return try returnFromFrame(stopAtBoundary: stopAtBoundary)
                } catch {
                    return unwindStep(error, stopAtBoundary: stopAtBoundary)
                }
            }
            f.ip = ip + 1
            budgetCheck &+= 1
            if budgetCheck >= 4096 {
                instructionCount &+= budgetCheck
                budgetCheck = 0
                if let e = checkLimits() { return unwindStep(e, stopAtBoundary: stopAtBoundary) }
            }
            do throws(PyException) {
                switch instructions[ip] {
                case .nop:
                    break
                case .loadConst(let i):
                    f.push(f.code.constants[Int(i)])
                case .loadNone:
                    f.push(.none)
                case .loadSmallInt(let i):
                    f.push(.int(Int(i)))
                case .loadFast(let i):
                    guard f.pushLocal(Int(i)) else { throw unboundLocal(f, Int(i)) }
                case .storeFast(let i):
                    f.setLocal(Int(i), f.pop())
                case .deleteFast(let i):
                    guard f.local(Int(i)) != nil else { throw unboundLocal(f, Int(i)) }
                    f.setLocal(Int(i), nil)
                case .loadDeref(let i):
                    guard let v = f.cells[Int(i)].value else {
                        throw PyException(
                            Types.nameError,
                            "cannot access free variable '\(cellName(f, Int(i)))' where it is not associated with a value in enclosing scope"
                        )
                    }
                    f.push(v)
                case .storeDeref(let i):
                    f.cells[Int(i)].value = f.pop()
                case .deleteDeref(let i):
                    f.cells[Int(i)].value = nil
                case .loadGlobal(let i):
                    // (No `let` for the namespace: a named reference would be retained across the push.)
                    guard let v = f.globals.value(at: Int(i)) else { throw PyException.nameError(f.globals.names[Int(i)]) }
                    f.push(v)
                case .storeGlobal(let i):
                    f.globals.values[Int(i)] = f.pop()
                case .deleteGlobal(let i):
                    guard f.globals.values[Int(i)] != nil else { throw PyException.nameError(f.globals.names[Int(i)]) }
                    f.globals.values[Int(i)] = nil
                case .loadStateVar(let i):
                    let name = f.code.names[Int(i)]
                    guard let v = stateVariables.get(name) else {
                        throw PyException(Types.nameError, "state variable '$\(name)' is not set")
                    }
                    f.push(v)
                case .storeStateVar(let i):
                    stateVariables.set(f.code.names[Int(i)], f.pop())
                case .loadAttr(let i):
                    let obj = f.pop()
                    if !propertiesMayBeShadowed, case .instance(let o) = obj,
                        let v = o.attributes.get(f.code.names[Int(i)], hash: f.code.nameHashes[Int(i)])
                    {
                        f.push(v)
                    } else if try loadAttributeSlow(obj, nameIndex: Int(i), frame: f) {
                        return .switchFrame
                    }
                case .loadFastAttr(let l, let i):
                    // `self.x`: the instance is looked at where it lies in its local slot.
                    if !propertiesMayBeShadowed,
                        let v = f.instanceAttribute(local: Int(l), name: f.code.names[Int(i)], hash: f.code.nameHashes[Int(i)])
                    {
                        f.push(v)
                    } else {
                        guard let obj = f.local(Int(l)) else { throw unboundLocal(f, Int(l)) }
                        if try loadAttributeSlow(obj, nameIndex: Int(i), frame: f) { return .switchFrame }
                    }
                case .storeAttr(let i):
                    let obj = f.pop()
                    let value = f.pop()
                    if case .instance(let o) = obj,
                        o.cls.storeIsSimple(f.code.names[Int(i)], hash: f.code.nameHashes[Int(i)], epoch: classEpoch)
                    {
                        o.attributes.set(f.code.names[Int(i)], hash: f.code.nameHashes[Int(i)], value)
                    } else {
                        try setAttribute(obj, f.code.names[Int(i)], value, hash: f.code.nameHashes[Int(i)])
                    }
                case .deleteAttr(let i):
                    let obj = f.pop()
                    try deleteAttribute(obj, f.code.names[Int(i)])
                case .loadMethod(let i):
                    let obj = f.pop()
                    if case .instance(let o) = obj {
                        let name = f.code.names[Int(i)]
                        let hash = f.code.nameHashes[Int(i)]
                        if !o.attributes.contains(name, hash: hash), let v = o.cls.lookup(name, hash: hash), case .function = v {
                            f.push(v)
                            f.push(obj)
                            continue
                        }
                    } else if let slot = f.code.builtinMethods[Int(i)], let method = slot.method(for: obj) {
                        f.push(.builtin(method))
                        f.push(obj)
                        continue
                    }
                    let (callable, receiver) = try loadMethod(obj, f.code.names[Int(i)])
                    f.push(callable)
                    f.push(receiver)
                case .callMethod(let argc):
                    let n = Int(argc)
                    let receiverIndex = f.sp - n - 1
                    let callee = f.take(receiverIndex - 1)
                    // `items.append(x)` (as CPython 3.11 specializes it): the value moves into the
                    // list; a list growing from empty starts with room for four, as CPython's do.
                    if n == 1, case .builtin(let b) = callee, b === Builtins.listAppend, case .list(let l) = f.at(receiverIndex),
                        !l.isDeque
                    {
                        if l.items.isEmpty { l.items.reserveCapacity(4) }
                        l.items.append(f.pop())
                        f.drop(2)
                        f.push(.none)
                        continue
                    }
                    // `d.get(key)` and `d.get(key, default)` with a str or int key, looked up in place.
                    if n == 1 || n == 2, case .builtin(let b) = callee, b === Builtins.dictGet, case .dict(let d) = f.at(receiverIndex),
                        let v = FastSubscript.dictGet(d, f.at(receiverIndex + 1), n == 2 ? f.at(receiverIndex + 2) : .none)
                    {
                        f.drop(n + 2)
                        f.push(v)
                        continue
                    }
                    let argStart = f.holdsNone(at: receiverIndex) ? receiverIndex + 1 : receiverIndex
                    if case .function(let fn) = callee,
                        try pushPlainCall(fn, caller: f, argStart: argStart, calleeIndex: receiverIndex - 1)
                    {
                        return .switchFrame
                    }
                    if try performPositionalCall(callee, argStart: argStart, calleeIndex: receiverIndex - 1, caller: f) {
                        return .switchFrame
                    }
                case .binarySubscript:
                    let index = f.pop()
                    let obj = f.pop()
                    if let v = FastSubscript.item(obj, index) {
                        f.push(v)
                    } else {
                        f.push(try getItem(obj, index))
                    }
                case .subscriptConstStr(let i):
                    let obj = f.pop()
                    if case .dict(let d) = obj, let v = d.get(f.code.names[Int(i)], hash: f.code.nameHashes[Int(i)]) {
                        f.push(v)
                    } else {
                        f.push(try getItem(obj, .str(f.code.names[Int(i)])))
                    }
                case .storeSubscriptConstStr(let i):
                    let obj = f.pop()
                    let value = f.pop()
                    if case .dict(let d) = obj {
                        d.set(f.code.names[Int(i)], hash: f.code.nameHashes[Int(i)], value)
                    } else {
                        try storeSubscript(obj, .str(f.code.names[Int(i)]), value)
                    }
                case .storeSubscript:
                    let index = f.pop()
                    let obj = f.pop()
                    let value = f.pop()
                    if !FastSubscript.store(obj, index, value) { try storeSubscript(obj, index, value) }
                case .deleteSubscript:
                    let index = f.pop()
                    let obj = f.pop()
                    try deleteSubscript(obj, index)
                case .buildSlice(let n):
                    let step: Value = n == 3 ? f.pop() : .none
                    let stop = f.pop()
                    let start = f.pop()
                    f.push(.slice(SliceValue(start: start, stop: stop, step: step)))
                case .binary(let op):
                    let r = f.pop()
                    try arithmetic(op, f.pop(), r, inPlace: false, on: f)
                case .inplace(let op):
                    let r = f.pop()
                    try arithmetic(op, f.pop(), r, inPlace: true, on: f)
                case .unary(let op):
                    let v = f.pop()
                    f.push(try unaryOp(op, v))
                case .compare(let op):
                    let r = f.pop()
                    let l = f.pop()
                    if case .int(let a) = l, case .int(let b) = r {
                        switch op {
                        case .lt: f.push(.bool(a < b)); continue
                        case .le: f.push(.bool(a <= b)); continue
                        case .gt: f.push(.bool(a > b)); continue
                        case .ge: f.push(.bool(a >= b)); continue
                        case .eq: f.push(.bool(a == b)); continue
                        case .ne: f.push(.bool(a != b)); continue
                        default: break
                        }
                    }
                    f.push(try compareOp(op, l, r))
                case .pop:
                    f.drop(1)
                case .dup:
                    f.push(f.peek())
                case .dupTwo:
                    let c = f.sp
                    f.push(f.at(c - 2))
                    f.push(f.at(c - 1))
                case .rotTwo:
                    let a = f.peek(0)
                    f.setPeek(0, f.peek(1))
                    f.setPeek(1, a)
                case .rotThree:
                    let top = f.peek(0)
                    f.setPeek(0, f.peek(1))
                    f.setPeek(1, f.peek(2))
                    f.setPeek(2, top)
                case .rotFour:
                    let top = f.peek(0)
                    f.setPeek(0, f.peek(1))
                    f.setPeek(1, f.peek(2))
                    f.setPeek(2, f.peek(3))
                    f.setPeek(3, top)
                case .jump(let t):
                    f.ip = Int(t)
                case .popJumpIfFalse(let t):
                    let v = f.pop()
                    if case .bool(let b) = v {
                        if !b { f.ip = Int(t) }
                    } else if try !isTruthy(v) {
                        f.ip = Int(t)
                    }
                case .popJumpIfTrue(let t):
                    let v = f.pop()
                    if case .bool(let b) = v {
                        if b { f.ip = Int(t) }
                    } else if try isTruthy(v) {
                        f.ip = Int(t)
                    }
                case .jumpIfFalseOrPop(let t):
                    if try !isTruthy(f.peek()) { f.ip = Int(t) } else { f.pop() }
                case .jumpIfTrueOrPop(let t):
                    if try isTruthy(f.peek()) { f.ip = Int(t) } else { f.pop() }
                case .getIter:
                    let v = f.pop()
                    f.push(.iterator(try makeIterator(v)))
                case .forIter(let t):
                    guard case .iterator(let it) = f.peek() else {
                        throw PyException.typeError("for loop over a non-iterator")
                    }
                    if case .range(let cur, let stop, let step) = it.state {
                        if step > 0 ? cur < stop : cur > stop {
                            let (n, o) = cur.addingReportingOverflow(step)
                            it.state = o ? .exhausted : .range(current: n, stop: stop, step: step)
                            f.push(.int(cur))
                        } else {
                            f.drop(1)
                            f.ip = Int(t)
                        }
                    } else if let next = try nextItem(it) {
                        f.push(next)
                    } else {
                        f.drop(1)
                        f.ip = Int(t)
                    }
                case .buildList(let n):
                    f.push(.list(ListObject(f.popArray(Int(n)))))
                case .buildTuple(let n):
                    f.push(.tuple(f.popTuple(Int(n))))
                case .buildSet(let n):
                    let set = SetObject()
                    for v in f.values(from: f.sp - Int(n)) { set.storage.insert(try hashKey(v, in: set)) }
                    f.drop(Int(n))
                    f.push(.set(set))
                case .buildMap(let n):
                    let d = DictObject()
                    d.reserve(Int(n))
                    let base = f.sp - 2 * Int(n)
                    for k in 0..<Int(n) {
                        d[try hashKey(f.at(base + 2 * k), in: d)] = f.at(base + 2 * k + 1)
                    }
                    f.drop(2 * Int(n))
                    f.push(.dict(d))
                case .newDict(let n):
                    let d = DictObject()
                    d.reserve(Int(n))
                    f.push(.dict(d))
                case .mapAddConstStr(let i):
                    let v = f.pop()
                    if case .dict(let d) = f.peek() { d.set(f.code.names[Int(i)], hash: f.code.nameHashes[Int(i)], v) }
                case .listAppend(let depth):
                    let v = f.pop()
                    if case .list(let l) = f.peek(Int(depth)) { l.items.append(v) }
                case .setAdd(let depth):
                    let v = f.pop()
                    if case .set(let s) = f.peek(Int(depth)) { s.storage.insert(try hashKey(v, in: s)) }
                case .mapAdd(let depth):
                    let v = f.pop()
                    let k = f.pop()
                    if case .dict(let d) = f.peek(Int(depth)) { d[try hashKey(k, in: d)] = v }
                case .listExtend(let depth):
                    let v = f.pop()
                    if case .list(let l) = f.peek(Int(depth) - 1) {
                        l.items.append(contentsOf: try iterate(v))
                    }
                case .setUpdate(let depth):
                    let v = f.pop()
                    if case .set(let s) = f.peek(Int(depth) - 1) {
                        for item in try iterate(v) { s.storage.insert(try hashKey(item, in: s)) }
                    }
                case .dictUpdate(let depth):
                    let v = f.pop()
                    if case .dict(let d) = f.peek(Int(depth) - 1) {
                        try dictUpdate(d, from: v)
                    }
                case .dictMerge(let depth):
                    let v = f.pop()
                    if case .dict(let d) = f.peek(Int(depth) - 1) {
                        guard case .dict(let src) = v else {
                            throw PyException.typeError("argument after ** must be a mapping, not \(v.typeName)")
                        }
                        for (stored, val) in src.hashedPairs {
                            let key = try lookupKey(stored, in: d)
                            if d[key] != nil {
                                throw PyException.typeError("got multiple values for keyword argument '\(try str(stored.value))'")
                            }
                            d[key] = val
                        }
                    }
                case .listToTuple:
                    // (Always a list in compiled code; anything else stays, so the depth is the same.)
                    let v = f.pop()
                    if case .list(let l) = v { f.push(.tuple(TupleItems(l.items))) } else { f.push(v) }
                case .unpackSequence(let n):
                    let v = f.pop()
                    // A tuple's items are pushed from its buffer. (The shape of this case matters:
                    // with the unpacking moved into a generic helper, inlined or not, the loop kept
                    // the frame on the stack instead of in a register, ~6% more instructions on
                    // Benchmarks/programs/loop.py, which unpacks nothing.)
                    if case .tuple(let t) = v {
                        guard t.count == Int(n) else { throw unpackCountError(t.count, Int(n)) }
                        t.withUnsafeBufferPointer { items in
                            for item in items.reversed() { f.push(item) }
                        }
                        break
                    }
                    let items: [Value]
                    switch v {
                    case .list(let l): items = l.items
                    default: items = try iterateForUnpacking(v)
                    }
                    guard items.count == Int(n) else { throw unpackCountError(items.count, Int(n)) }
                    for item in items.reversed() { f.push(item) }
                case .unpackStarred(let before, let after):
                    let items = try iterateForUnpacking(f.pop())
                    let need = Int(before) + Int(after)
                    guard items.count >= need else {
                        throw PyException.valueError("not enough values to unpack (expected at least \(need), got \(items.count))")
                    }
                    var out: [Value] = Array(items[..<Int(before)])
                    out.append(.list(ListObject(Array(items[Int(before)..<(items.count - Int(after))]))))
                    out.append(contentsOf: items[(items.count - Int(after))...])
                    for item in out.reversed() { f.push(item) }
                case .call(let argc):
                    let calleeIndex = f.sp - Int(argc) - 1
                    let callee = f.take(calleeIndex)
                    if case .function(let fn) = callee,
                        try pushPlainCall(fn, caller: f, argStart: calleeIndex + 1, calleeIndex: calleeIndex)
                    {
                        return .switchFrame
                    }
                    if try performPositionalCall(callee, argStart: calleeIndex + 1, calleeIndex: calleeIndex, caller: f) {
                        return .switchFrame
                    }
                case .callKeywords(let argc):
                    let n = Int(argc)
                    // Compiled code loads a tuple of at most `argc` names; a restored snapshot is
                    // checked for depths, not for what its constants hold.
                    guard case .tuple(let names) = f.pop(), names.count <= n else {
                        throw PyException.runtimeError("bad keyword names for a call")
                    }
                    let calleeIndex = f.sp - n - 1
                    let callee = f.at(calleeIndex)
                    let positionalEnd = f.sp - names.count
                    var kwargs: [(String, Value)] = []
                    kwargs.reserveCapacity(names.count)
                    for (k, name) in names.enumerated() {
                        if case .str(let s) = name { kwargs.append((s, f.at(positionalEnd + k))) }
                    }
                    let args = f.values(from: calleeIndex + 1, to: positionalEnd)
                    if try performCall(callee, args, kwargs, calleeIndex: calleeIndex, caller: f) {
                        return .switchFrame
                    }
                case .callEx(let hasKwargs):
                    var kwargs: [(String, Value)] = []
                    if hasKwargs == 1, case .dict(let d) = f.pop() {
                        for (k, v) in d.pairs {
                            guard case .str(let s) = k else { throw PyException.typeError("keywords must be strings") }
                            kwargs.append((s, v))
                        }
                    }
                    guard case .tuple(let args) = f.pop() else { break }
                    let calleeIndex = f.sp - 1
                    let callee = f.at(calleeIndex)
                    if try performCall(callee, args.array[...], kwargs, calleeIndex: calleeIndex, caller: f) {
                        return .switchFrame
                    }
                case .makeFunction(let codeIndex, let flags):
                    let code = f.code.codeConstants[Int(codeIndex)]
                    var kwDefaults: [String: Value] = [:]
                    if flags & 2 != 0, case .dict(let d) = f.pop() {
                        for (k, v) in d.pairs { if case .str(let s) = k { kwDefaults[s] = v } }
                    }
                    var defaults: [Value] = []
                    if flags & 1 != 0, case .tuple(let t) = f.pop() { defaults = t.array }
                    let closure = code.closureSlots.map { f.cells[Int($0)] }
                    let fn = FunctionObject(
                        code: code, globals: f.globals, defaults: defaults, keywordDefaults: kwDefaults, closure: closure)
                    f.push(.function(fn))
                case .returnValue:
                    return try returnFromFrame(stopAtBoundary: stopAtBoundary)
                case .setupExcept(let t):
                    f.handlers.append(ExceptionHandler(target: t, stackDepth: Int32(f.sp), handledDepth: Int32(f.handled.count)))
                case .popBlock:
                    f.handlers.removeLast()
                case .pushExcInfo:
                    if case .exception(let e) = f.peek() { f.handled.append(e) }
                case .popExcept:
                    if !f.handled.isEmpty { f.handled.removeLast() }
                case .checkExcMatch:
                    let cls = f.pop()
                    let exc = f.pop()
                    f.push(.bool(try exceptionMatches(exc, cls)))
                case .raise(let kind):
                    throw try makeRaise(kind: kind, frame: f)
                case .reraise:
                    if case .exception(let e) = f.pop() { throw PyException(e) }
                    throw PyException.runtimeError("no active exception to reraise")
                case .assertFail(let hasMessage):
                    let args: [Value] = hasMessage == 1 ? [f.pop()] : []
                    throw PyException(ExceptionObject(type: Types.assertionError, args: args))
                case .getAwaitable:
                    let v = f.peek()
                    switch v {
                    case .coroutine, .hostCall: break
                    default:
                        throw PyException.typeError("object \(v.typeName) can't be used in 'await' expression")
                    }
                case .await:
                    if stopsAtEveryAwait && nestedRuns == 0 && !stopAtBoundary {
                        if !passAwaitPoint {
                            passAwaitPoint = true
                            f.ip = ip
                            return .done(.awaitPoint)
                        }
                        passAwaitPoint = false
                    }
                    let awaitable = f.pop()
                    switch awaitable {
                    case .hostCall(let call):
                        if stopAtBoundary {
                            throw PyException(Types.runtimeError, "cannot await host function '\(call.name)' from a synchronous context")
                        }
                        pendingHostCall = call
                        return .done(.suspended(call))
                    case .coroutine(let co):
                        try startCoroutine(co)
                        return .switchFrame
                    default:
                        throw PyException.typeError("object \(awaitable.typeName) can't be used in 'await' expression")
                    }
                case .formatValue(let conversion, let hasSpec):
                    let spec: String
                    if hasSpec, case .str(let s) = f.pop() { spec = s } else { spec = "" }
                    var v = f.pop()
                    switch conversion {
                    case 1: v = .str(try repr(v))
                    case 2: v = .str(try str(v))
                    case 3: v = .str(asciiEscaped(try repr(v)))
                    default: break
                    }
                    if spec.isEmpty, case .str = v {
                        f.push(v)
                    } else {
                        f.push(.str(try format(v, spec)))
                    }
                case .buildString(let n):
                    // The parts are read where they lie, and the result is allocated once.
                    let s = f.withTop(Int(n), StringConcatenation.concatenate)
                    f.drop(Int(n))
                    f.push(.str(s))
                case .importName(let i):
                    f.push(.module(try importModule(f.code.names[Int(i)])))
                case .importFrom(let i):
                    let name = f.code.names[Int(i)]
                    guard case .module(let m) = f.peek() else {
                        throw PyException(Types.importError, "cannot import name '\(name)' from a non-module")
                    }
                    guard let v = m.attributes.get(name) else {
                        throw PyException(Types.importError, "cannot import name '\(name)' from '\(m.name)'")
                    }
                    f.push(v)
                case .loadBuildClass:
                    f.push(.builtin(Builtins.buildClass))
                case .pushNull:
                    f.push(.none)
                case .binaryConstInt(let op, let k):
                    try arithmetic(op, f.pop(), .int(Int(k)), inPlace: false, on: f)
                case .inplaceConstInt(let op, let k):
                    try arithmetic(op, f.pop(), .int(Int(k)), inPlace: true, on: f)
                case .compareConstInt(let op, let k):
                    let l = f.pop()
                    if case .int(let a) = l, let r = Self.intCompare(op, a, Int(k)) {
                        f.push(.bool(r))
                    } else {
                        f.push(try compareOp(op, l, .int(Int(k))))
                    }
                case .compareConstIntJumpIfFalse(let op, let k, let t):
                    let l = f.pop()
                    if try !conditionHolds(op, l, .int(Int(k))) { f.ip = Int(t) }
                case .compareJumpIfFalse(let op, let t):
                    let r = f.pop()
                    let l = f.pop()
                    if try !conditionHolds(op, l, r) { f.ip = Int(t) }
                }
            } catch {
                return unwindStep(error, stopAtBoundary: stopAtBoundary)
            }
        }
    }

    /// Unwinds to the innermost handler; the run goes on in whichever frame is then on top.
    func unwindStep(_ error: PyException, stopAtBoundary: Bool) -> FrameStep {
        if let r = unwind(error, stopAtBoundary: stopAtBoundary) { return .done(r) }
        return .switchFrame
    }

    /// Performs a call instruction: Python functions (and methods bound to them) get a new frame
    /// in this loop; everything else is called directly. Returns whether a frame was pushed (the
    /// loop then runs it).
    @inline(__always)
    func performCall(
        _ callee: Value, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)], calleeIndex: Int, caller f: Frame
    ) throws(PyException) -> Bool {
        var target: (fn: FunctionObject, frame: Frame)? = nil
        switch callee {
        case .function(let x):
            target = (x, try makeFrame(x, args, kwargs))
        case .boundMethod(let m):
            if case .function(let x) = m.function {
                var all: [Value] = [m.receiver]
                all.append(contentsOf: args)
                target = (x, try makeFrame(x, all[...], kwargs))
            }
        default:
            break
        }
        guard let (fn, frame) = target else {
            let result = try callValue(callee, args, kwargs)
            f.truncate(to: calleeIndex)
            if startedFrame(result) { return true }
            f.push(result)
            return false
        }
        f.truncate(to: calleeIndex)
        if let r = try pushCall(frame, name: fn.name) {
            f.push(r)
            return false
        }
        return true
    }

    /// A call with only positional arguments, which sit on the stack from `argStart`. Python
    /// functions with matching parameters get their frame without building an argument array.
    /// Returns whether the call pushed a frame.
    @inline(__always)
    func performPositionalCall(_ callee: Value, argStart: Int, calleeIndex: Int, caller f: Frame) throws(PyException) -> Bool {
        let frame: Frame
        switch callee {
        case .function(let fn):
            guard let made = makeFrameFromStack(fn, f, argStart: argStart, receiver: nil) else {
                return try performCall(callee, f.values(from: argStart), [], calleeIndex: calleeIndex, caller: f)
            }
            frame = made
        case .boundMethod(let m):
            guard case .function(let fn) = m.function, let made = makeFrameFromStack(fn, f, argStart: argStart, receiver: m.receiver) else {
                return try performCall(callee, f.values(from: argStart), [], calleeIndex: calleeIndex, caller: f)
            }
            frame = made
        case .type(let t) where !t.isBuiltin && !t.isExceptionClass && t.builtinAncestor == nil:
            // `Cls(...)`: the instance is made here and `__init__` runs as an ordinary frame of
            // this loop (so it may even be suspended), evaluating to the instance.
            guard case .function(let initializer)? = t.lookup("__init__", hash: TypeObject.initHash) else {
                return try performCall(callee, f.values(from: argStart), [], calleeIndex: calleeIndex, caller: f)
            }
            let instance = Value.instance(InstanceObject(cls: t))
            let made: Frame
            if let fast = makeFrameFromStack(initializer, f, argStart: argStart, receiver: instance) {
                made = fast
            } else {
                var all: [Value] = [instance]
                all.append(contentsOf: f.values(from: argStart))
                made = try makeFrame(initializer, all[...], [])
            }
            f.truncate(to: calleeIndex)
            if made.code.isCoroutine {
                throw PyException.typeError("__init__() should return None, not 'coroutine'")
            }
            guard frames.count < recursionLimit else {
                throw PyException(Types.recursionError, "maximum recursion depth exceeded")
            }
            made.constructing = instance
            frames.append(made)
            return true
        case .builtin(let b):
            // Built-ins get their arguments in a reused buffer: no allocation per call, and the
            // arguments move there from the stack. (A nested call made while the slice is alive
            // copies the buffer, as arrays do.) When the last call had as many arguments, they
            // are replaced in place (one uniqueness check, not one per value); otherwise the
            // buffer is emptied one by one (`removeAll(keepingCapacity:)` goes through the
            // generic `replaceSubrange`, which costs more for a few values) and refilled.
            if argumentScratch.count == f.sp - argStart {
                argumentScratch.withUnsafeMutableBufferPointer { scratch in
                    var i = 0
                    f.moveValues(from: argStart) { v in
                        scratch[i] = v
                        i += 1
                    }
                }
            } else {
                while !argumentScratch.isEmpty { argumentScratch.removeLast() }
                f.moveValues(from: argStart) { argumentScratch.append($0) }
            }
            let result = try b.call(self, argumentScratch[...], [])
            f.truncate(to: calleeIndex)
            if startedFrame(result) { return true }
            f.push(result)
            return false
        default:
            return try performCall(callee, f.values(from: argStart), [], calleeIndex: calleeIndex, caller: f)
        }
        f.truncate(to: calleeIndex)
        if let coroutine = try pushCall(frame, name: frame.code.name) {
            f.push(coroutine)
            return false
        }
        return true
    }

    /// Pushes the frame of a called Python function. For a coroutine function it returns the
    /// coroutine object instead (the body runs when awaited); only then is `name` evaluated.
    @inline(__always)
    func pushCall(_ frame: Frame, name: @autoclosure () -> String) throws(PyException) -> Value? {
        if frame.code.isCoroutine {
            let co = CoroutineObject(frame: frame, name: name())
            frame.coroutine = co
            return .coroutine(co)
        }
        guard frames.count < recursionLimit else {
            throw PyException(Types.recursionError, "maximum recursion depth exceeded")
        }
        frames.append(frame)
        return nil
    }

    /// `asyncio.run(coro)` returns a marker saying that it pushed the coroutine's frame, which
    /// the loop then runs.
    func startedFrame(_ result: Value) -> Bool {
        guard case .native(let n) = result else { return false }
        return n is StartCoroutine
    }

    @discardableResult
    func startCoroutine(_ co: CoroutineObject) throws(PyException) -> Frame {
        guard co.state == .created, let frame = co.frame else {
            throw PyException.runtimeError("cannot reuse already awaited coroutine")
        }
        guard frames.count < recursionLimit else {
            throw PyException(Types.recursionError, "maximum recursion depth exceeded")
        }
        co.state = .running
        frames.append(frame)
        return frame
    }

    /// `l op r` as the condition of a jump: ints compared directly, anything else through
    /// Python's comparison and truth.
    @inline(__always)
    func conditionHolds(_ op: CompareOp, _ l: Value, _ r: Value) throws(PyException) -> Bool {
        if case .int(let a) = l, case .int(let b) = r, let c = Self.intCompare(op, a, b) { return c }
        return try isTruthy(try compareOp(op, l, r))
    }

    @inline(__always)
    static func intCompare(_ op: CompareOp, _ a: Int, _ b: Int) -> Bool? {
        switch op {
        case .lt: return a < b
        case .le: return a <= b
        case .gt: return a > b
        case .ge: return a >= b
        case .eq: return a == b
        case .ne: return a != b
        default: return nil
        }
    }

    /// Pops the returning frame, hands its value to the caller and says where to continue.
    @inline(__always)
    func returnFromFrame(stopAtBoundary: Bool) throws(PyException) -> FrameStep {
        guard let done = frames.popLast() else { return .done(.finished(.none)) }
        var value = done.sp > 0 ? done.pop() : .none
        // Moved out, not copied: every return asks, and only `__init__` frames have one.
        if let instance = done.constructing.take() {
            guard case .none = value else {
                throw PyException.typeError("__init__() should return None, not '\(value.typeName)'")
            }
            value = instance
        }
        if let co = done.coroutine {
            co.state = .finished
            co.frame = nil
        }
        let boundary = done.isNestedBoundary
        if !done.isClassBody { recycle(consume done) }
        if boundary && stopAtBoundary { return .done(.finished(value)) }
        guard frames.pushOnLast(value) else { return .done(.finished(value)) }
        return .switchFrame
    }

    /// Delivers an exception to the innermost handler, unwinding frames. Returns a result when
    /// it escapes the run.
    func unwind(_ error: PyException, stopAtBoundary: Bool) -> RunResult? {
        let exc = error.object
        var first = true
        while let f = frames.last {
            if exc.isFatal {
                _ = frames.popLast()
                if f.isNestedBoundary && stopAtBoundary { return .failed(error) }
                continue
            }
            if first, exc.context == nil, let handled = f.handled.last, handled !== exc {
                exc.context = handled
            }
            first = false
            let line = f.line
            if exc.traceback.last.map({ !($0.name == f.code.name && $0.line == line) }) ?? true {
                exc.traceback.append((f.code.name, line, f.code.filename))
            }
            if let h = f.handlers.popLast() {
                f.truncate(to: Int(h.stackDepth))
                if f.handled.count > Int(h.handledDepth) { f.handled.removeLast(f.handled.count - Int(h.handledDepth)) }
                f.push(.exception(exc))
                f.ip = Int(h.target)
                return nil
            }
            _ = frames.popLast()
            if let co = f.coroutine {
                co.state = .finished
                co.frame = nil
            }
            if f.isNestedBoundary && stopAtBoundary {
                return .failed(error)
            }
        }
        return .failed(error)
    }

    /// Checks the configured limits. The instruction count is compared every time; the clock and
    /// the (costlier) heap walk only when enough instructions have run since they were last looked at.
    func checkLimits() -> PyException? {
        if let max = limits.maxInstructions, instructionCount > max {
            return fatal(Types.limitExceeded, "instruction limit of \(max) exceeded")
        }
        guard instructionCount &- lastLimitCheck >= 4096 else { return nil }
        lastLimitCheck = instructionCount
        if let deadline, ContinuousClock.now > deadline {
            return fatal(Types.limitExceeded, "time limit exceeded")
        }
        if let maxBytes = limits.maxMemoryBytes, instructionCount &- lastMemoryCheck >= memoryCheckInterval {
            lastMemoryCheck = instructionCount
            let (used, objects) = approximateHeap()
            // Walking the heap costs time proportional to it: look less often when it is large.
            memoryCheckInterval = max(4096, objects * 4)
            if used > maxBytes {
                return fatal(Types.memoryError, "memory limit of \(maxBytes) bytes exceeded (about \(used) bytes in use)")
            }
        }
        return nil
    }

    /// An error that ends the run: `except` clauses do not catch it.
    func fatal(_ type: TypeObject, _ message: String) -> PyException {
        let e = ExceptionObject(type: type, message: message)
        e.isFatal = true
        return PyException(e)
    }

    /// Fails with `MemoryError` if a single new object of `bytes` would exceed the memory limit.
    @inline(__always)
    func checkAllocation(_ bytes: Int) throws(PyException) {
        if let maxBytes = limits.maxMemoryBytes, bytes > maxBytes {
            throw fatal(Types.memoryError, "memory limit of \(maxBytes) bytes exceeded (an object of about \(bytes) bytes)")
        }
    }

    /// Lets long-running built-ins (sum over a huge range, ...) honour the limits.
    @inline(__always)
    func poll(_ step: inout Int) throws(PyException) {
        step &+= 1
        if step & 0xFFF == 0 {
            instructionCount &+= 0x1000
            if let e = checkLimits() { throw e }
        }
    }

    func unboundLocal(_ f: Frame, _ i: Int) -> PyException {
        let name = i < f.code.localNames.count ? f.code.localNames[i] : "?"
        return PyException(Types.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
    }

    func cellName(_ f: Frame, _ i: Int) -> String {
        if i < f.code.cellNames.count { return f.code.cellNames[i] }
        let j = i - f.code.cellNames.count
        return j < f.code.freeNames.count ? f.code.freeNames[j] : "?"
    }

    func makeRaise(kind: Int32, frame f: Frame) throws(PyException) -> PyException {
        switch kind {
        case 0:
            guard let e = f.handled.last ?? frames.reversed().lazy.compactMap({ $0.handled.last }).first else {
                return PyException.runtimeError("No active exception to reraise")
            }
            return PyException(e)
        case 1:
            return PyException(try exceptionInstance(f.pop()))
        default:
            let causeValue = f.pop()
            let exc = try exceptionInstance(f.pop())
            if case .none = causeValue {
                exc.cause = nil
            } else {
                exc.cause = try exceptionInstance(causeValue)
            }
            exc.suppressContext = true
            return PyException(exc)
        }
    }

    /// `raise X` accepts an exception instance or class.
    func exceptionInstance(_ v: Value) throws(PyException) -> ExceptionObject {
        switch v {
        case .exception(let e): return e
        case .type(let t) where t.isExceptionClass:
            let made = try callValue(v, [][...], [])
            if case .exception(let e) = made { return e }
            throw PyException.typeError("exceptions must derive from BaseException")
        default:
            throw PyException.typeError("exceptions must derive from BaseException")
        }
    }

    /// `a, b = v` where `v` has `count` items, not `n`.
    func unpackCountError(_ count: Int, _ n: Int) -> PyException {
        if count < n { return PyException.valueError("not enough values to unpack (expected \(n), got \(count))") }
        return PyException.valueError("too many values to unpack (expected \(n))")
    }

    func exceptionMatches(_ exc: Value, _ cls: Value) throws(PyException) -> Bool {
        guard case .exception(let e) = exc else { return false }
        switch cls {
        case .type(let t):
            guard t.isExceptionClass else {
                throw PyException.typeError("catching classes that do not inherit from BaseException is not allowed")
            }
            return e.type.isSubclass(of: t)
        case .tuple(let items):
            for item in items {
                if try exceptionMatches(exc, item) { return true }
            }
            return false
        default:
            throw PyException.typeError("catching classes that do not inherit from BaseException is not allowed")
        }
    }
}

/// Returned by `asyncio.run` to ask the dispatch loop to run a coroutine's frame in place.
final class StartCoroutine: NativeObject, @unchecked Sendable {
    let frame: Frame
    init(frame: Frame) { self.frame = frame }
}
