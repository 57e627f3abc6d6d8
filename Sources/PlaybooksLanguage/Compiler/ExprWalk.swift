extension Expr {
    /// The direct sub-expressions of this expression (not descending into lambda bodies'
    /// parameters' defaults separately: they are included).
    var children: [Expr] {
        switch kind {
        case .name, .stateVariable, .constant: return []
        case .fstring(let parts):
            var out: [Expr] = []
            for p in parts {
                if case .field(let e, _, let spec, _) = p {
                    out.append(e)
                    if let spec { out.append(Expr(.fstring(spec), line: line)) }
                }
            }
            return out
        case .list(let items), .tuple(let items), .set(let items), .boolOp(_, let items): return items
        case .dict(let items): return items.flatMap { [$0.key, $0.value].compactMap { $0 } }
        case .starred(let x), .unary(_, let x), .attribute(let x, _), .await(let x), .namedExpr(_, let x): return [x]
        case .binary(_, let a, let b), .subscript(let a, let b): return [a, b]
        case .compare(let first, _, let rest): return [first] + rest
        case .ifExp(let t, let b, let o): return [t, b, o]
        case .lambda(let p, let body):
            return (p.positionalOnly + p.positional + p.keywordOnly).compactMap { $0.defaultValue } + [body]
        case .slice(let a, let b, let c): return [a, b, c].compactMap { $0 }
        case .call(let f, let args, let kws): return [f] + args + kws.map { $0.value }
        case .listComp(let e, let gens), .setComp(let e, let gens), .generatorExp(let e, let gens):
            return [e] + gens.flatMap { [$0.target, $0.iter] + $0.conditions }
        case .dictComp(let k, let v, let gens):
            return [k, v] + gens.flatMap { [$0.target, $0.iter] + $0.conditions }
        }
    }

    /// Whether this expression or any sub-expression satisfies `predicate`.
    /// Walks the tree with a work list, not recursion, so any depth is safe.
    func contains(where predicate: (Expr) -> Bool) -> Bool {
        var pending = [self]
        while let e = pending.popLast() {
            if predicate(e) { return true }
            pending.append(contentsOf: e.children)
        }
        return false
    }

    var containsLambda: Bool {
        contains { if case .lambda = $0.kind { return true } else { return false } }
    }

    var containsAwait: Bool {
        contains { if case .await = $0.kind { return true } else { return false } }
    }
}
