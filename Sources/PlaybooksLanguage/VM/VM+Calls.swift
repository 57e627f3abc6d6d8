extension VirtualMachine {
    /// Binds arguments to a function's parameters and builds its frame (CPython's messages for
    /// every mismatch).
    func makeFrame(_ fn: FunctionObject, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)]) throws(PyException) -> Frame {
        let code = fn.code
        let frame = recycledFrame(for: fn)
        let npos = code.positionalCount
        let nlocals = code.localNames.count
        if kwargs.isEmpty && args.count == npos && !code.hasVarargs && !code.hasKwargs && code.keywordOnlyCount == 0 {
            for a in args { frame.appendLocal(a) }
            frame.padLocals(to: nlocals)
        } else {
            var locals = [Value?](repeating: nil, count: nlocals)
            do {
                try bindArguments(fn, args, kwargs, into: &locals)
            } catch {
                recycle(frame)
                throw error
            }
            for l in locals { frame.appendLocal(l) }
        }
        setUpCells(frame, fn)
        return frame
    }

    @inline(__always)
    func setUpCells(_ frame: Frame, _ fn: FunctionObject) {
        let code = fn.code
        if !code.cellNames.isEmpty || !fn.closure.isEmpty {
            for slot in code.cellParameterSlots {
                frame.cells.append(Cell(slot >= 0 ? frame.local(Int(slot)) : nil))
            }
            frame.cells.append(contentsOf: fn.closure)
        }
    }

    /// The frame for a call whose positional arguments sit on the caller's stack from
    /// `argStart`, when they match the parameters exactly; `nil` when binding needs the general path.
    /// The arguments move from the caller's stack into the new frame (the stack then ends at `argStart`).
    @inline(__always)
    func makeFrameFromStack(_ fn: FunctionObject, _ caller: Frame, argStart: Int, receiver: Value?) -> Frame? {
        let code = fn.code
        let argc = caller.sp - argStart + (receiver == nil ? 0 : 1)
        guard argc == code.positionalCount, !code.hasVarargs, !code.hasKwargs, code.keywordOnlyCount == 0 else { return nil }
        let frame = recycledFrame(for: fn)
        if let receiver { frame.appendLocal(receiver) }
        caller.moveValues(from: argStart) { frame.appendLocal($0) }
        frame.padLocals(to: code.localCount)
        setUpCells(frame, fn)
        return frame
    }

    /// The most common call: a function whose code has a ``CodeObject/plainArity`` given exactly
    /// that many positional arguments, which sit on the caller's stack from `argStart` above the
    /// callee (and, for a method call, its empty receiver slot) at `calleeIndex`. Moves the
    /// arguments into the new frame's locals, pushes it and returns `true`; returns `false`,
    /// having done nothing, when the call needs the general path.
    @inline(__always)
    func pushPlainCall(_ fn: FunctionObject, caller: Frame, argStart: Int, calleeIndex: Int) throws(PyException) -> Bool {
        // `fn.code` is read where it is used, never bound to a name: a named reference would be
        // retained and released around the calls below.
        let argc = fn.code.plainArity
        guard argc >= 0, argc == caller.sp - argStart else { return false }
        guard frames.count < recursionLimit else {
            throw PyException(Types.recursionError, "maximum recursion depth exceeded")
        }
        let nlocals = fn.code.localCount
        let frame = recycledFrame(for: fn)
        caller.moveValues(from: argStart) { frame.appendLocal($0) }
        frame.padLocals(to: nlocals)
        caller.drop(argStart - calleeIndex)
        frames.append(frame)
        return true
    }

    /// A frame for a call of `fn` with empty stacks, reused from a finished call when possible:
    /// calls are the hottest allocation in the interpreter. (`fn.code` and `fn.globals` are
    /// compared and stored without being bound to names, which would retain them.)
    @inline(__always)
    func recycledFrame(for fn: FunctionObject) -> Frame {
        if let f = framePool.popLast() {
            if f.code !== fn.code { f.code = fn.code }
            if f.globals !== fn.globals { f.globals = fn.globals }
            return f
        }
        return Frame(code: fn.code, globals: fn.globals, locals: [], cells: [])
    }

    /// Returns a finished frame to the pool. Only frames that nothing else references (not a
    /// coroutine's frame) may be recycled. Takes the caller's reference (no retain to put it in
    /// the pool).
    @inline(__always)
    func recycle(_ f: consuming Frame) {
        guard f.coroutine == nil, framePool.count < 64 else { return }
        f.reset()
        framePool.append(f)
    }

    private func bindArguments(
        _ fn: FunctionObject, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)], into locals: inout [Value?]
    ) throws(PyException) {
        let code = fn.code
        let name = code.qualifiedName
        let npos = code.positionalCount
        let nkw = code.keywordOnlyCount
        var slot = npos + nkw
        let varargsSlot = code.hasVarargs ? slot : -1
        if code.hasVarargs { slot += 1 }
        let kwargsSlot = code.hasKwargs ? slot : -1

        for (i, a) in args.enumerated() where i < npos { locals[i] = a }
        if args.count > npos {
            if varargsSlot >= 0 {
                locals[varargsSlot] = .tuple(TupleItems(args.dropFirst(npos)))
            } else {
                let required = npos - fn.defaults.count
                let takes: String
                if fn.defaults.isEmpty {
                    takes = "\(npos) positional argument\(npos == 1 ? "" : "s")"
                } else {
                    takes = "from \(required) to \(npos) positional arguments"
                }
                let kwGiven = kwargs.count
                let given = args.count
                var msg = "\(name)() takes \(takes) but \(given) "
                if kwGiven > 0 {
                    msg +=
                        "positional argument\(given == 1 ? "" : "s") (and \(kwGiven) keyword-only argument\(kwGiven == 1 ? "" : "s")) were given"
                } else {
                    msg += given == 1 ? "was given" : "were given"
                }
                throw PyException.typeError(msg)
            }
        } else if varargsSlot >= 0 {
            locals[varargsSlot] = .tuple([])
        }

        let extra: DictObject? = kwargsSlot >= 0 ? DictObject() : nil
        for (key, value) in kwargs {
            var found = -1
            for j in code.positionalOnlyCount..<(npos + nkw) where code.localNames[j] == key {
                found = j
                break
            }
            if found >= 0 {
                if locals[found] != nil {
                    throw PyException.typeError("\(name)() got multiple values for argument '\(key)'")
                }
                locals[found] = value
            } else if let extraDict = extra {
                let k = HashKey(unchecked: .str(key))
                if extraDict[k] != nil {
                    throw PyException.typeError("\(name)() got multiple values for keyword argument '\(key)'")
                }
                extraDict[k] = value
            } else {
                throw PyException.typeError("\(name)() got an unexpected keyword argument '\(key)'")
            }
        }
        if let extra { locals[kwargsSlot] = .dict(extra) }

        let firstDefault = npos - fn.defaults.count
        var missing: [String] = []
        for i in 0..<npos where locals[i] == nil {
            if i >= firstDefault {
                locals[i] = fn.defaults[i - firstDefault]
            } else {
                missing.append(code.localNames[i])
            }
        }
        if !missing.isEmpty {
            throw PyException.typeError(
                "\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(nameList(missing))")
        }
        for j in npos..<(npos + nkw) where locals[j] == nil {
            if let d = fn.keywordDefaults[code.localNames[j]] {
                locals[j] = d
            } else {
                missing.append(code.localNames[j])
            }
        }
        if !missing.isEmpty {
            throw PyException.typeError(
                "\(name)() missing \(missing.count) required keyword-only argument\(missing.count == 1 ? "" : "s"): \(nameList(missing))")
        }
    }

    private func nameList(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        switch quoted.count {
        case 1: return quoted[0]
        case 2: return "\(quoted[0]) and \(quoted[1])"
        default: return quoted.dropLast().joined(separator: ", ") + ", and " + (quoted.last ?? "")
        }
    }

    /// Calls any callable and returns its result, running Python functions to completion.
    func callValue(_ callee: Value, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)]) throws(PyException) -> Value {
        switch callee {
        case .builtin(let b):
            return try b.call(self, args, kwargs)
        case .function(let fn):
            let frame = try makeFrame(fn, args, kwargs)
            if fn.code.isCoroutine {
                let co = CoroutineObject(frame: frame, name: fn.name)
                frame.coroutine = co
                return .coroutine(co)
            }
            return try runNested(frame)
        case .boundMethod(let m):
            var all: [Value] = [m.receiver]
            all.append(contentsOf: args)
            return try callValue(m.function, all[...], kwargs)
        case .type(let t):
            return try construct(t, args, kwargs)
        case .instance(let obj):
            guard let call = obj.cls.lookup("__call__") else {
                throw PyException.typeError("'\(obj.cls.name)' object is not callable")
            }
            var all: [Value] = [callee]
            all.append(contentsOf: args)
            return try callValue(call, all[...], kwargs)
        default:
            throw PyException.typeError("'\(callee.typeName)' object is not callable")
        }
    }

    /// `Cls(...)`: built-in constructors, exceptions and user classes.
    func construct(_ t: TypeObject, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)]) throws(PyException) -> Value {
        if t.isExceptionClass {
            let e = ExceptionObject(type: t, args: Array(args))
            if !t.isBuiltin, let initializer = t.lookup("__init__") {
                var all: [Value] = [.exception(e)]
                all.append(contentsOf: args)
                _ = try callValue(initializer, all[...], kwargs)
            } else if !kwargs.isEmpty {
                throw PyException.typeError("\(t.name)() takes no keyword arguments")
            }
            return .exception(e)
        }
        if t.isBuiltin {
            return try Builtins.construct(self, t, args, kwargs)
        }
        if let builtinBase = t.builtinAncestor {
            // Subclasses of built-in containers are not supported; build the base value.
            return try Builtins.construct(self, builtinBase, args, kwargs)
        }
        let obj = InstanceObject(cls: t)
        if let initializer = t.lookup("__init__") {
            var all: [Value] = [.instance(obj)]
            all.append(contentsOf: args)
            let r = try callValue(initializer, all[...], kwargs)
            guard case .none = r else {
                throw PyException.typeError("__init__() should return None, not '\(r.typeName)'")
            }
        } else if !args.isEmpty || !kwargs.isEmpty {
            throw PyException.typeError("\(t.name)() takes no arguments")
        }
        return .instance(obj)
    }
}

extension TypeObject {
    /// The nearest built-in class above a user class, other than `object`.
    var builtinAncestor: TypeObject? {
        var t = base
        while let c = t {
            if c.isBuiltin { return c === Types.object ? nil : c }
            t = c.base
        }
        return nil
    }
}
