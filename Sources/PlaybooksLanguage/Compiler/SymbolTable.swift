/// What one function (or lambda, or module) body binds, declares and uses, found before it is
/// compiled so the compiler knows which locals nested functions capture (cells).
struct ScopeSymbols {
    var bound: Set<String> = []
    var globals: Set<String> = []
    var nonlocals: Set<String> = []
    var used: Set<String> = []
    /// Names that nested functions take from outside themselves.
    var neededByChildren: Set<String> = []
    /// Nesting of the statement or expression being visited, bounded by ``Compiler/maxDepth``.
    var depth = 0
    /// Set when the tree is deeper than ``Compiler/maxDepth``: the visit stopped descending and
    /// the compiler raises `RecursionError`.
    var tooDeep = false

    /// Names this scope takes from an enclosing scope (or the globals).
    var neededFromOutside: Set<String> {
        used.union(neededByChildren).union(nonlocals).subtracting(bound.subtracting(nonlocals)).subtracting(globals)
    }

    /// Locals captured by nested functions.
    var cells: Set<String> {
        neededByChildren.intersection(bound).subtracting(globals).subtracting(nonlocals)
    }

    static func analyze(parameters: Parameters?, body: [Stmt], depth: Int = 0) -> ScopeSymbols {
        var s = ScopeSymbols()
        s.depth = depth
        if let p = parameters { s.bindParameters(p) }
        for stmt in body { s.visit(stmt) }
        return s
    }

    static func analyze(parameters: Parameters, expression: Expr, depth: Int) -> ScopeSymbols {
        var s = ScopeSymbols()
        s.depth = depth
        s.bindParameters(parameters)
        s.visit(expression)
        return s
    }

    mutating func bindParameters(_ p: Parameters) {
        for param in p.positionalOnly + p.positional + p.keywordOnly { bound.insert(param.name) }
        if let v = p.varargs { bound.insert(v) }
        if let k = p.kwargs { bound.insert(k) }
    }

    mutating func visitDefaults(_ p: Parameters) {
        for param in p.positionalOnly + p.positional + p.keywordOnly {
            if let d = param.defaultValue { visit(d) }
        }
    }

    mutating func bindTarget(_ e: Expr) {
        switch e.kind {
        case .name(let n): bound.insert(n)
        case .tuple(let items), .list(let items): for i in items { bindTarget(i) }
        case .starred(let inner): bindTarget(inner)
        default: visit(e)
        }
    }

    mutating func visit(_ stmts: [Stmt]) { for s in stmts { visit(s) } }

    /// One level deeper; false (and ``tooDeep`` set) past ``Compiler/maxDepth``.
    mutating func enterNesting() -> Bool {
        if depth >= Compiler.maxDepth || StackGuard.isNearlyExhausted() {
            tooDeep = true
            return false
        }
        depth += 1
        return true
    }

    mutating func visit(_ stmt: Stmt) {
        guard enterNesting() else { return }
        defer { depth -= 1 }
        switch stmt.kind {
        case .expr(let e): visit(e)
        case .assign(let targets, let value):
            for t in targets { bindTarget(t) }
            visit(value)
        case .augAssign(let target, _, let value):
            if case .name(let n) = target.kind { used.insert(n) }
            bindTarget(target)
            visit(value)
        case .annAssign(let target, _, let value):
            if let value {
                bindTarget(target)
                visit(value)
            } else if case .name(let n) = target.kind {
                bound.insert(n)
            }
        case .if(let test, let body, let orelse), .while(let test, let body, let orelse):
            visit(test)
            visit(body)
            visit(orelse)
        case .for(let target, let iter, let body, let orelse, _):
            bindTarget(target)
            visit(iter)
            visit(body)
            visit(orelse)
        case .break, .continue, .pass: break
        case .return(let e): if let e { visit(e) }
        case .functionDef(let f):
            bound.insert(f.name)
            for d in f.decorators { visit(d) }
            visitDefaults(f.parameters)
            let child = ScopeSymbols.analyze(parameters: f.parameters, body: f.body, depth: depth)
            if child.tooDeep { tooDeep = true }
            neededByChildren.formUnion(child.neededFromOutside)
        case .classDef(let c):
            bound.insert(c.name)
            for d in c.decorators { visit(d) }
            for b in c.bases { visit(b) }
            // Methods see the enclosing function's names, not the class body's.
            var classScope = ScopeSymbols()
            classScope.visit(c.body)
            neededByChildren.formUnion(classScope.neededFromOutside)
        case .try(let body, let handlers, let orelse, let finalbody):
            visit(body)
            for h in handlers {
                if let t = h.type { visit(t) }
                if let n = h.name { bound.insert(n) }
                visit(h.body)
            }
            visit(orelse)
            visit(finalbody)
        case .raise(let e, let cause):
            if let e { visit(e) }
            if let cause { visit(cause) }
        case .assert(let test, let msg):
            visit(test)
            if let msg { visit(msg) }
        case .delete(let targets): for t in targets { bindTarget(t) }
        case .global(let names): globals.formUnion(names)
        case .nonlocal(let names): nonlocals.formUnion(names)
        case .import(let aliases):
            for a in aliases {
                bound.insert(a.asName ?? String(a.name.split(separator: ".").first ?? Substring(a.name)))
            }
        case .importFrom(_, let names): for a in names { bound.insert(a.asName ?? a.name) }
        case .with(let items, let body, _):
            for i in items {
                visit(i.context)
                if let t = i.target { bindTarget(t) }
            }
            visit(body)
        }
    }

    mutating func visit(_ e: Expr) {
        guard enterNesting() else { return }
        defer { depth -= 1 }
        switch e.kind {
        case .name(let n): used.insert(n)
        case .stateVariable, .constant: break
        case .fstring(let parts): visit(parts)
        case .list(let items), .tuple(let items), .set(let items): for i in items { visit(i) }
        case .dict(let items):
            for i in items {
                if let k = i.key { visit(k) }
                visit(i.value)
            }
        case .starred(let x), .unary(_, let x), .attribute(let x, _), .await(let x): visit(x)
        case .binary(_, let a, let b), .subscript(let a, let b):
            visit(a)
            visit(b)
        case .boolOp(_, let items): for i in items { visit(i) }
        case .compare(let first, _, let rest):
            visit(first)
            for r in rest { visit(r) }
        case .ifExp(let t, let b, let o):
            visit(t)
            visit(b)
            visit(o)
        case .lambda(let params, let body):
            visitDefaults(params)
            let child = ScopeSymbols.analyze(parameters: params, expression: body, depth: depth)
            if child.tooDeep { tooDeep = true }
            neededByChildren.formUnion(child.neededFromOutside)
        case .namedExpr(let n, let v):
            bound.insert(n)
            visit(v)
        case .slice(let lo, let hi, let st):
            if let lo { visit(lo) }
            if let hi { visit(hi) }
            if let st { visit(st) }
        case .call(let f, let args, let kws):
            visit(f)
            for a in args { visit(a) }
            for k in kws { visit(k.value) }
        case .listComp(let elt, let gens), .setComp(let elt, let gens), .generatorExp(let elt, let gens):
            visitComprehension(gens) { $0.visit(elt) }
        case .dictComp(let k, let v, let gens):
            visitComprehension(gens) {
                $0.visit(k)
                $0.visit(v)
            }
        }
    }

    /// Comprehension targets are private to the comprehension (the compiler renames them), so
    /// they are not bound here; everything else they read counts as used.
    mutating func visitComprehension(_ gens: [Comprehension], body: (inout ScopeSymbols) -> Void) {
        for g in gens {
            visit(g.iter)
            visitTargetReads(g.target)
            for c in g.conditions { visit(c) }
        }
        body(&self)
    }

    mutating func visitTargetReads(_ e: Expr) {
        switch e.kind {
        case .name: break
        case .tuple(let items), .list(let items): for i in items { visitTargetReads(i) }
        case .starred(let inner): visitTargetReads(inner)
        default: visit(e)
        }
    }

    mutating func visit(_ parts: [FStringPart]) {
        for p in parts {
            if case .field(let expr, _, let spec, _) = p {
                visit(expr)
                if let spec { visit(spec) }
            }
        }
    }
}
