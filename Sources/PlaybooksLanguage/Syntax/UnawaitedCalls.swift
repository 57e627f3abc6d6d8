extension Module {
    /// Calls of the functions named `names` whose result is not awaited directly, with their
    /// lines, in source order: `Say("hi")` or `x = Step("A:01")` where `await Say("hi")` was
    /// meant. A coroutine or host call made without `await` never runs — CPython only warns, at
    /// garbage collection — so a host can refuse such code up front and say why.
    ///
    /// ```swift
    /// let module = try Parser.parse("Say('hi')\n")
    /// module.unawaitedCalls(to: ["Say"])   // [(name: "Say", line: 1)]
    /// ```
    ///
    /// Walks the tree with a work list, so any depth of nesting is safe.
    public func unawaitedCalls(to names: Set<String>) -> [(name: String, line: Int)] {
        var found: [(name: String, line: Int)] = []
        var expressions: [(Expr, awaited: Bool)] = []
        var statements = body.reversed().map { $0 }
        func visit(_ e: Expr?) { if let e { expressions.append((e, false)) } }
        while let statement = statements.popLast() {
            switch statement.kind {
            case .expr(let e): visit(e)
            case .assign(let targets, let value): targets.forEach(visit); visit(value)
            case .augAssign(let target, _, let value): visit(target); visit(value)
            case .annAssign(let target, _, let value): visit(target); visit(value)
            case .if(let test, let b, let o), .while(let test, let b, let o):
                visit(test)
                statements.append(contentsOf: (b + o).reversed())
            case .for(let target, let iter, let b, let o, _):
                visit(target)
                visit(iter)
                statements.append(contentsOf: (b + o).reversed())
            case .return(let e): visit(e)
            case .functionDef(let f):
                f.decorators.forEach(visit)
                statements.append(contentsOf: f.body.reversed())
            case .classDef(let c):
                (c.decorators + c.bases).forEach(visit)
                statements.append(contentsOf: c.body.reversed())
            case .try(let b, let handlers, let o, let f):
                handlers.forEach { visit($0.type) }
                statements.append(contentsOf: (b + handlers.flatMap(\.body) + o + f).reversed())
            case .raise(let e, let cause): visit(e); visit(cause)
            case .assert(let test, let message): visit(test); visit(message)
            case .delete(let targets): targets.forEach(visit)
            case .with(let items, let b, _):
                items.forEach {
                    visit($0.context); visit($0.target)
                }
                statements.append(contentsOf: b.reversed())
            case .break, .continue, .pass, .global, .nonlocal, .import, .importFrom: break
            }
            // Source order within the statement; expressions are checked before nested statements run.
            while let (e, awaited) = expressions.popLast() {
                if case .call(let f, _, _) = e.kind, !awaited, case .name(let name) = f.kind, names.contains(name) {
                    found.append((name, e.line))
                }
                if case .await(let operand) = e.kind {
                    expressions.append((operand, true))
                } else {
                    expressions.append(contentsOf: e.children.reversed().map { ($0, false) })
                }
            }
        }
        return found.sorted { $0.line < $1.line }
    }
}
