/// Turns a parsed module into bytecode.
///
/// Module-level names live in a ``Namespace`` whose slots the compiler assigns, so code compiled
/// statement by statement (the streaming executor) shares one set of globals.
///
/// ```swift
/// let ns = Namespace()
/// let code = try Compiler.compile(Parser.parse("print(1 + 1)"), filename: "<stdin>", namespace: ns)
/// ```
public struct Compiler {
    let filename: String
    let namespace: Namespace
    var builders: [CodeBuilder] = []
    /// Nesting of the expression and statement being compiled, bounded by ``maxDepth``.
    var depth = 0

    /// The deepest syntax tree the compiler (and the symbol table) walks: the parser's limit, so
    /// only a tree built some other way than by parsing can reach it.
    static let maxDepth = Parser.State.maxDepth + 100

    public static func compile(_ module: Module, filename: String, namespace: Namespace) throws(SyntaxError) -> CodeObject {
        var c = Compiler(filename: filename, namespace: namespace)
        let symbols = ScopeSymbols.analyze(parameters: nil, body: module.body)
        if symbols.tooDeep { throw SyntaxError.compilationRecursion(line: module.body.first?.line ?? 1) }
        let b = CodeBuilder(
            kind: .module, name: "<module>", qualifiedName: "<module>", firstLine: module.body.first?.line ?? 1, symbols: symbols)
        c.builders.append(b)
        try c.compileBody(module.body)
        b.emit(.loadNone)
        b.emit(.returnValue)
        return b.build(filename: filename, closureSlots: [])
    }

    /// Compiles source text; syntax errors carry CPython's message and line.
    public static func compile(source: String, filename: String, namespace: Namespace) throws(SyntaxError) -> CodeObject {
        try compile(Parser.parse(source), filename: filename, namespace: namespace)
    }

    var b: CodeBuilder { builders[builders.count - 1] }

    /// One level deeper into the tree; past ``maxDepth`` CPython's `RecursionError`.
    mutating func enterNesting(line: Int) throws(SyntaxError) {
        depth += 1
        if depth > Compiler.maxDepth || StackGuard.isNearlyExhausted() { throw SyntaxError.compilationRecursion(line: line) }
    }

    func error(_ message: String, line: Int? = nil) -> SyntaxError {
        SyntaxError(message, line: line ?? Int(b.currentLine))
    }

    // MARK: Names

    enum NameRef {
        case fast(Int32)
        case deref(Int32)
        case global(Int32)
    }

    func resolve(_ name: String) -> NameRef {
        resolve(name, in: builders.count - 1)
    }

    private func resolve(_ name: String, in level: Int) -> NameRef {
        let builder = builders[level]
        for map in builder.comprehensionNames.reversed() {
            if let slot = map[name] { return .fast(slot) }
        }
        switch builder.kind {
        case .module:
            return .global(Int32(namespace.slot(for: name)))
        case .classBody:
            // Class bodies keep their names in fast slots too; the VM copies them into the
            // class's attributes when the body finishes.
            if builder.symbols.globals.contains(name) { return .global(Int32(namespace.slot(for: name))) }
            if builder.symbols.bound.contains(name) { return .fast(builder.local(name)) }
            return resolveOutside(name, from: level)
        case .function:
            if builder.symbols.globals.contains(name) { return .global(Int32(namespace.slot(for: name))) }
            if let c = builder.cellIndex[name] { return .deref(Int32(c)) }
            if builder.symbols.bound.contains(name) && !builder.symbols.nonlocals.contains(name) {
                return .fast(builder.local(name))
            }
            return resolveOutside(name, from: level)
        }
    }

    /// A name not bound at `level`: a free variable if an enclosing function binds it, else global.
    private func resolveOutside(_ name: String, from level: Int) -> NameRef {
        var l = level - 1
        while l >= 1 {
            let outer = builders[l]
            if outer.kind == .function {
                if outer.cellIndex[name] != nil || outer.freeIndex[name] != nil
                    || (outer.symbols.bound.contains(name) && !outer.symbols.globals.contains(name))
                    || outer.symbols.nonlocals.contains(name)
                {
                    // Make sure every scope in between passes the cell through.
                    var i = l + 1
                    while i <= level {
                        _ = builders[i].free(name)
                        i += 1
                    }
                    return .deref(builders[level].free(name))
                }
            }
            l -= 1
        }
        return .global(Int32(namespace.slot(for: name)))
    }

    func emitLoad(_ name: String) {
        switch resolve(name) {
        case .fast(let i): b.emit(.loadFast(i))
        case .deref(let i): b.emit(.loadDeref(i))
        case .global(let i): b.emit(.loadGlobal(i))
        }
    }

    func emitStore(_ name: String) {
        switch resolve(name) {
        case .fast(let i): b.emit(.storeFast(i))
        case .deref(let i): b.emit(.storeDeref(i))
        case .global(let i): b.emit(.storeGlobal(i))
        }
    }

    func emitDelete(_ name: String) {
        switch resolve(name) {
        case .fast(let i): b.emit(.deleteFast(i))
        case .deref(let i): b.emit(.deleteDeref(i))
        case .global(let i): b.emit(.deleteGlobal(i))
        }
    }

    mutating func compileBody(_ body: [Stmt]) throws(SyntaxError) {
        for s in body { try compile(s) }
    }
}
