/// The modules Python code may import. Anything else raises `ModuleNotFoundError`; there is no
/// module that touches files, the network, processes or the environment.
enum StandardModules {
    /// Module name -> the functions it defines (Swift) and how to build it.
    static let builders: [String: @Sendable (VirtualMachine) throws(PyException) -> ModuleObject] = [
        "math": { _ throws(PyException) in MathModule.make() },
        "asyncio": { vm throws(PyException) in try AsyncioModule.make(vm) },
        "collections": { _ throws(PyException) in CollectionsModule.make() },
        "json": { _ throws(PyException) in JSONModule.make() },
        "re": { _ throws(PyException) in RegexModule.make() },
        "datetime": { _ throws(PyException) in DatetimeModule.make() },
        "dataclasses": { vm throws(PyException) in try DataclassesModule.make(vm) },
        "typing": { _ throws(PyException) in TypingModule.make() },
        "functools": { vm throws(PyException) in try FunctoolsModule.make(vm) },
        "string": { _ throws(PyException) in StringModule.make() },
    ]

    static var allowedNames: [String] { builders.keys.sorted() }

    static let allFunctions: [BuiltinFunction] =
        MathModule.functions + AsyncioModule.functions + CollectionsModule.functions + JSONModule.functions
        + RegexModule.functions + DatetimeModule.functions + TypingModule.functions + FunctoolsModule.functions
        + DataclassesModule.functions + [StatementRunner.function] + Array(PatternObject.table.values) + Array(MatchObject.table.values)

    static func module(_ name: String, _ functions: [BuiltinFunction], constants: [(String, Value)] = []) -> ModuleObject {
        let attrs = DictObject()
        for f in functions { attrs.set(f.name, .builtin(f)) }
        for (k, v) in constants { attrs.set(k, v) }
        return ModuleObject(name: name, attributes: attrs)
    }

    /// Builds a module partly written in Python: `source` runs in the module's own namespace.
    static func module(
        _ name: String, python source: String, _ vm: VirtualMachine, extra: [(String, Value)] = []
    ) throws(PyException) -> ModuleObject {
        let ns = Namespace()
        for (k, v) in extra { ns[k] = v }
        let code: CodeObject
        do {
            code = try Compiler.compile(source: source, filename: "<\(name)>", namespace: ns)
        } catch {
            throw PyException(Types.importError, "internal error compiling module \(name): \(error.message)")
        }
        let frame = Frame(code: code, globals: ns, locals: Array(repeating: nil, count: code.localNames.count), cells: [])
        _ = try vm.runNested(frame)
        let attrs = DictObject()
        for (k, v) in ns.bindings { attrs.set(k, v) }
        return ModuleObject(name: name, attributes: attrs)
    }
}

extension VirtualMachine {
    func importModule(_ dotted: String) throws(PyException) -> ModuleObject {
        let name = String(dotted.split(separator: ".").first ?? Substring(dotted))
        if let m = modules[name] { return m }
        guard let build = StandardModules.builders[name] else {
            let allowed = StandardModules.allowedNames.joined(separator: ", ")
            throw PyException(Types.moduleNotFoundError, "No module named '\(dotted)' (allowed modules: \(allowed))")
        }
        let m = try build(self)
        modules[name] = m
        return m
    }

    /// Approximate bytes held by containers reachable from the frames and globals.
    func approximateHeapBytes() -> Int { approximateHeap().bytes }

    /// Approximate bytes held, and the number of values walked to find out.
    func approximateHeap() -> (bytes: Int, objects: Int) {
        var seen: Set<ObjectIdentifier> = []
        var total = 0
        var stack: [Value] = []
        var walked = 0
        for f in frames {
            stack.append(contentsOf: f.stack)
            for l in f.locals { if let l { stack.append(l) } }
            for c in f.cells { if let v = c.value { stack.append(v) } }
        }
        for v in globals.values { if let v { stack.append(v) } }
        while let v = stack.popLast() {
            walked += 1
            total += 16
            switch v {
            case .str(let s): total += s.utf8.count
            case .tuple(let t): stack.append(contentsOf: t)
            case .list(let l):
                if seen.insert(ObjectIdentifier(l)).inserted {
                    total += 48
                    stack.append(contentsOf: l.items)
                }
            case .dict(let d):
                if seen.insert(ObjectIdentifier(d)).inserted {
                    total += 64 + d.count * 16
                    for (k, val) in d.pairs {
                        stack.append(k)
                        stack.append(val)
                    }
                }
            case .set(let s):
                if seen.insert(ObjectIdentifier(s)).inserted {
                    total += 64
                    stack.append(contentsOf: s.storage.elements.map { $0.value })
                }
            case .instance(let o):
                if seen.insert(ObjectIdentifier(o)).inserted { stack.append(.dict(o.attributes)) }
            case .bigInt(let b): total += b.value.magnitude.words.count * 8
            default: break
            }
        }
        return (total, walked)
    }
}
