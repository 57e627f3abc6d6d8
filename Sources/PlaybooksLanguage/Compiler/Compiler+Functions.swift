extension Compiler {
    mutating func compileFunctionDef(_ f: FunctionDef, line: Int) throws(SyntaxError) {
        for d in f.decorators { try compile(d) }
        try compileFunction(
            name: f.name, parameters: f.parameters, body: f.body, isAsync: f.isAsync, line: line, isLambda: false)
        for _ in f.decorators { b.emit(.call(1)) }
        b.currentLine = Int32(truncatingIfNeeded: line)
        emitStore(f.name)
    }

    var qualifiedPrefix: String {
        switch b.kind {
        case .module: return ""
        case .function: return b.qualifiedName + ".<locals>."
        case .classBody: return b.qualifiedName + "."
        }
    }

    mutating func compileFunction(
        name: String, parameters p: Parameters, body: [Stmt], isAsync: Bool, line: Int, isLambda: Bool
    ) throws(SyntaxError) {
        b.currentLine = Int32(truncatingIfNeeded: line)
        var flags: Int32 = 0
        let positional = p.positionalOnly + p.positional
        let defaults = positional.compactMap { $0.defaultValue }
        if !defaults.isEmpty {
            for d in defaults { try compile(d) }
            b.emit(.buildTuple(Int32(defaults.count)))
            flags |= 1
        }
        let kwDefaults = p.keywordOnly.filter { $0.defaultValue != nil }
        if !kwDefaults.isEmpty {
            for k in kwDefaults {
                b.emit(.loadConst(b.constant(.str(k.name))))
                if let d = k.defaultValue { try compile(d) }
            }
            b.emit(.buildMap(Int32(kwDefaults.count)))
            flags |= 2
        }
        var seen: Set<String> = []
        for param in positional + p.keywordOnly {
            if !seen.insert(param.name).inserted {
                throw error("duplicate argument '\(param.name)' in function definition", line: line)
            }
        }

        let symbols = ScopeSymbols.analyze(parameters: p, body: body, depth: depth)
        if symbols.tooDeep { throw SyntaxError.compilationRecursion(line: line) }
        let child = CodeBuilder(
            kind: .function, name: name, qualifiedName: qualifiedPrefix + name, firstLine: line, symbols: symbols)
        child.isCoroutine = isAsync
        for param in positional { _ = child.local(param.name) }
        for param in p.keywordOnly { _ = child.local(param.name) }
        if let v = p.varargs { _ = child.local(v) }
        if let k = p.kwargs { _ = child.local(k) }
        child.positionalOnlyCount = p.positionalOnly.count
        child.positionalCount = positional.count
        child.keywordOnlyCount = p.keywordOnly.count
        child.hasVarargs = p.varargs != nil
        child.hasKwargs = p.kwargs != nil
        for cell in symbols.cells.sorted() {
            child.cellIndex[cell] = child.cellNames.count
            child.cellNames.append(cell)
            child.cellParameterSlots.append(child.localIndex[cell].map { Int32($0) } ?? -1)
        }

        builders.append(child)
        if isLambda, case .return(let value?) = body.first?.kind {
            try compile(value)
            child.emit(.returnValue)
        } else {
            try compileBody(body)
            child.emit(.loadNone)
            child.emit(.returnValue)
        }
        builders.removeLast()
        try emitMakeFunction(child, flags: flags, line: line)
    }

    /// Builds `child` (whose body is compiled and which is no longer the current builder) into a code constant and
    /// emits `makeFunction` for it, with the cells of the enclosing scopes its free names refer to.
    private mutating func emitMakeFunction(_ child: CodeBuilder, flags: Int32, line: Int) throws(SyntaxError) {
        var closureSlots: [Int32] = []
        for free in child.freeNames {
            switch resolve(free) {
            case .deref(let i): closureSlots.append(i)
            default: throw error("no binding for nonlocal '\(free)' found", line: line)
            }
        }
        b.codeConstants.append(child.build(filename: filename, closureSlots: closureSlots))
        b.emit(.makeFunction(code: Int32(b.codeConstants.count - 1), flags: flags))
    }

    mutating func compileClassDef(_ c: ClassDef, line: Int) throws(SyntaxError) {
        for d in c.decorators { try compile(d) }
        b.emit(.loadBuildClass)
        var symbols = ScopeSymbols()
        symbols.visit(c.body)
        let child = CodeBuilder(
            kind: .classBody, name: c.name, qualifiedName: qualifiedPrefix + c.name, firstLine: line, symbols: symbols)
        builders.append(child)
        if c.body.contains(where: { if case .annAssign = $0.kind { return true } else { return false } }) {
            child.emit(.buildMap(0))
            child.emit(.storeFast(child.local("__annotations__")))
        }
        try compileBody(c.body)
        child.emit(.loadNone)
        child.emit(.returnValue)
        builders.removeLast()
        try emitMakeFunction(child, flags: 0, line: line)
        b.emit(.loadConst(b.constant(.str(c.name))))
        for base in c.bases { try compile(base) }
        b.emit(.call(Int32(2 + c.bases.count)))
        for _ in c.decorators { b.emit(.call(1)) }
        b.currentLine = Int32(truncatingIfNeeded: line)
        emitStore(c.name)
    }
}
