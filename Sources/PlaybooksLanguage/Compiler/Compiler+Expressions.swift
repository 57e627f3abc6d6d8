extension Compiler {
    /// Compiles one expression. Every case of any size is a function of its own: this function
    /// recurses once per level of the tree, so its stack frame (large in a debug build when
    /// all cases share it) bounds how deep a tree fits the stack.
    mutating func compile(_ e: Expr) throws(SyntaxError) {
        try enterNesting(line: e.line)
        defer { depth -= 1 }
        switch e.kind {
        case .name(let n): emitLoad(n)
        case .stateVariable(let n): b.emit(.loadStateVar(b.name(n)))
        case .constant(let c): compileConstant(c)
        case .fstring(let parts): try compileFString(parts)
        case .list(let items): try compileList(items)
        case .tuple(let items): try compileTuple(items)
        case .set(let items): try compileSet(items)
        case .dict(let items): try compileDict(items)
        case .starred: throw error("can't use starred expression here", line: e.line)
        case .unary(let op, let operand): try compileUnary(op, operand)
        case .binary(let op, let l, let r): try compileBinary(op, l, r)
        case .boolOp(let op, let values): try compileBoolOp(op, values)
        case .compare(let first, let ops, let rest): try compileCompare(first, ops, rest)
        case .ifExp(let test, let body, let orelse): try compileIfExp(test, body, orelse)
        case .lambda(let params, let body): try compileLambda(params, body, line: e.line)
        case .namedExpr(let name, let value): try compileNamedExpr(name, value)
        case .attribute(let obj, let attr): try compileAttribute(obj, attr)
        case .subscript(let obj, let index): try compileSubscript(obj, index)
        case .slice(let lower, let upper, let step): try compileSlice(lower, upper, step)
        case .call(let fn, let args, let keywords): try compileCall(fn, args, keywords)
        case .listComp, .generatorExp, .setComp, .dictComp: try compileComprehensionExpression(e)
        case .await(let inner): try compileAwait(inner)
        }
    }

    mutating func compileList(_ items: [Expr]) throws(SyntaxError) {
        try compileDisplay(items, build: { .buildList($0) }, extend: { .listExtend($0) }, finishTuple: false)
    }

    mutating func compileSet(_ items: [Expr]) throws(SyntaxError) {
        try compileDisplay(items, build: { .buildSet($0) }, extend: { .setUpdate($0) }, finishTuple: false)
    }

    mutating func compileTuple(_ items: [Expr]) throws(SyntaxError) {
        if items.contains(where: { if case .starred = $0.kind { return true } else { return false } }) {
            try compileDisplay(items, build: { .buildList($0) }, extend: { .listExtend($0) }, finishTuple: true)
        } else if let constant = constantTuple(items) {
            b.emit(.loadConst(b.constant(constant)))
        } else {
            for i in items { try compile(i) }
            b.emit(.buildTuple(Int32(items.count)))
        }
    }

    mutating func compileUnary(_ op: UnaryOp, _ operand: Expr) throws(SyntaxError) {
        try compile(operand)
        b.emit(.unary(op))
    }

    mutating func compileBinary(_ op: BinaryOp, _ l: Expr, _ r: Expr) throws(SyntaxError) {
        try compile(l)
        if case .constant(.int(let k)) = r.kind, let small = Int32(exactly: k) {
            b.emit(.binaryConstInt(op, small))
        } else {
            try compile(r)
            b.emit(.binary(op))
        }
    }

    mutating func compileBoolOp(_ op: BoolOp, _ values: [Expr]) throws(SyntaxError) {
        var patches: [Int] = []
        for (i, v) in values.enumerated() {
            try compile(v)
            if i < values.count - 1 {
                patches.append(b.emit(op == .and ? .jumpIfFalseOrPop(0) : .jumpIfTrueOrPop(0)))
            }
        }
        for p in patches { b.patch(p, to: b.here) }
    }

    mutating func compileIfExp(_ test: Expr, _ body: Expr, _ orelse: Expr) throws(SyntaxError) {
        try compile(test)
        let toElse = b.emit(.popJumpIfFalse(0))
        try compile(body)
        let toEnd = b.emit(.jump(0))
        b.patch(toElse, to: b.here)
        try compile(orelse)
        b.patch(toEnd, to: b.here)
    }

    mutating func compileLambda(_ params: Parameters, _ body: Expr, line: Int) throws(SyntaxError) {
        try compileFunction(
            name: "<lambda>", parameters: params, body: [Stmt(.return(body), line: line)], isAsync: false,
            line: line, isLambda: true)
    }

    mutating func compileNamedExpr(_ name: String, _ value: Expr) throws(SyntaxError) {
        try compile(value)
        b.emit(.dup)
        emitStoreWalrus(name)
    }

    mutating func compileAttribute(_ obj: Expr, _ attr: String) throws(SyntaxError) {
        if case .name(let n) = obj.kind, case .fast(let local) = resolve(n) {
            b.emit(.loadFastAttr(local, b.name(attr)))
        } else {
            try compile(obj)
            b.emit(.loadAttr(b.name(attr)))
        }
    }

    mutating func compileSubscript(_ obj: Expr, _ index: Expr) throws(SyntaxError) {
        try compile(obj)
        if case .constant(.str(let key)) = index.kind {
            b.emit(.subscriptConstStr(b.name(key)))
        } else {
            try compile(index)
            b.emit(.binarySubscript)
        }
    }

    mutating func compileSlice(_ lower: Expr?, _ upper: Expr?, _ step: Expr?) throws(SyntaxError) {
        if let lower { try compile(lower) } else { b.emit(.loadNone) }
        if let upper { try compile(upper) } else { b.emit(.loadNone) }
        if let step {
            try compile(step)
            b.emit(.buildSlice(3))
        } else {
            b.emit(.buildSlice(2))
        }
    }

    mutating func compileAwait(_ inner: Expr) throws(SyntaxError) {
        try compile(inner)
        b.emit(.getAwaitable)
        b.emit(.await)
    }

    /// A list, set or dict comprehension or a generator expression.
    mutating func compileComprehensionExpression(_ e: Expr) throws(SyntaxError) {
        if e.containsLambda { return try compileComprehensionFunction(e) }
        switch e.kind {
        case .listComp(let elt, let gens):
            b.emit(.buildList(0))
            try compileComprehension(gens, depth: gens.count) { (c: inout Compiler) throws(SyntaxError) in
                try c.compile(elt)
                c.b.emit(.listAppend(Int32(gens.count)))
            }
        case .generatorExp(let elt, let gens):
            // Generator expressions are evaluated eagerly into a list, then iterated.
            b.emit(.buildList(0))
            try compileComprehension(gens, depth: gens.count) { (c: inout Compiler) throws(SyntaxError) in
                try c.compile(elt)
                c.b.emit(.listAppend(Int32(gens.count)))
            }
            b.emit(.getIter)
        case .setComp(let elt, let gens):
            b.emit(.buildSet(0))
            try compileComprehension(gens, depth: gens.count) { (c: inout Compiler) throws(SyntaxError) in
                try c.compile(elt)
                c.b.emit(.setAdd(Int32(gens.count)))
            }
        case .dictComp(let key, let value, let gens):
            b.emit(.buildMap(0))
            try compileComprehension(gens, depth: gens.count) { (c: inout Compiler) throws(SyntaxError) in
                try c.compile(key)
                try c.compile(value)
                c.b.emit(.mapAdd(Int32(gens.count)))
            }
        default:
            break
        }
    }

    /// `x := v` inside a comprehension binds in the enclosing scope, not the comprehension.
    func emitStoreWalrus(_ name: String) {
        let saved = b.comprehensionNames
        b.comprehensionNames = []
        emitStore(name)
        b.comprehensionNames = saved
    }

    func compileConstant(_ c: Constant) {
        switch c {
        case .none: b.emit(.loadNone)
        case .bool(let v): b.emit(.loadConst(b.constant(.bool(v))))
        case .int(let i):
            if i >= Int(Int32.min) && i <= Int(Int32.max) {
                b.emit(.loadSmallInt(Int32(i)))
            } else {
                b.emit(.loadConst(b.constant(.int(i))))
            }
        case .bigInt(let big): b.emit(.loadConst(b.constant(.integer(big))))
        case .float(let d): b.emit(.loadConst(b.constant(.float(d))))
        case .str(let s): b.emit(.loadConst(b.constant(.str(s))))
        case .ellipsis: b.emit(.loadConst(b.constant(.ellipsis)))
        }
    }

    func constantTuple(_ items: [Expr]) -> Value? {
        guard !items.isEmpty else { return .tuple([]) }
        var values: [Value] = []
        for i in items {
            guard case .constant(let c) = i.kind else { return nil }
            switch c {
            case .none: values.append(.none)
            case .bool(let v): values.append(.bool(v))
            case .int(let v): values.append(.int(v))
            case .bigInt(let v): values.append(.integer(v))
            case .float(let v): values.append(.float(v))
            case .str(let v): values.append(.str(v))
            case .ellipsis: values.append(.ellipsis)
            }
        }
        return .tuple(TupleItems(values))
    }

    /// A list, tuple or set display, possibly with `*iterable` items.
    mutating func compileDisplay(
        _ items: [Expr], build: (Int32) -> Instruction, extend: (Int32) -> Instruction, finishTuple: Bool
    ) throws(SyntaxError) {
        let hasStar = items.contains { if case .starred = $0.kind { return true } else { return false } }
        if !hasStar {
            for i in items { try compile(i) }
            b.emit(build(Int32(items.count)))
            if finishTuple { b.emit(.listToTuple) }
            return
        }
        var pending = 0
        var built = false
        for item in items {
            if case .starred(let inner) = item.kind {
                if !built {
                    b.emit(build(Int32(pending)))
                    built = true
                    pending = 0
                } else if pending > 0 {
                    b.emit(build(Int32(pending)))
                    b.emit(extend(1))
                    pending = 0
                }
                try compile(inner)
                b.emit(extend(1))
            } else {
                try compile(item)
                pending += 1
            }
        }
        if pending > 0 {
            b.emit(build(Int32(pending)))
            b.emit(extend(1))
        }
        if finishTuple { b.emit(.listToTuple) }
    }

    mutating func compileDict(_ items: [DictItem]) throws(SyntaxError) {
        let constantKeys = items.compactMap { item -> String? in
            if case .constant(.str(let key))? = item.key?.kind { return key }
            return nil
        }
        if !items.isEmpty, constantKeys.count == items.count {
            // Records: the keys are not pushed, and their hashes come from the code object.
            b.emit(.newDict(Int32(items.count)))
            for (key, item) in zip(constantKeys, items) {
                try compile(item.value)
                b.emit(.mapAddConstStr(b.name(key)))
            }
            return
        }
        var pending = 0
        var built = false
        for item in items {
            if let key = item.key {
                try compile(key)
                try compile(item.value)
                pending += 1
            } else {
                if !built {
                    b.emit(.buildMap(Int32(pending)))
                    built = true
                } else if pending > 0 {
                    b.emit(.buildMap(Int32(pending)))
                    b.emit(.dictUpdate(1))
                }
                pending = 0
                try compile(item.value)
                b.emit(.dictUpdate(1))
            }
        }
        if !built {
            b.emit(.buildMap(Int32(pending)))
        } else if pending > 0 {
            b.emit(.buildMap(Int32(pending)))
            b.emit(.dictUpdate(1))
        }
    }

    /// Compiles a condition and a jump taken when it is false; a single comparison fuses the
    /// compare and the jump. Returns the jump to patch.
    mutating func compileJumpIfFalse(_ test: Expr) throws(SyntaxError) -> Int {
        if case .compare(let first, let ops, let rest) = test.kind, ops.count == 1, let r = rest.first,
            ops[0] != .in, ops[0] != .notIn, ops[0] != .is, ops[0] != .isNot
        {
            try compile(first)
            if case .constant(.int(let k)) = r.kind, let small = Int16(exactly: k) {
                return b.emit(.compareConstIntJumpIfFalse(ops[0], small, 0))
            }
            try compile(r)
            return b.emit(.compareJumpIfFalse(ops[0], 0))
        }
        try compile(test)
        return b.emit(.popJumpIfFalse(0))
    }

    mutating func compileCompare(_ first: Expr, _ ops: [CompareOp], _ rest: [Expr]) throws(SyntaxError) {
        try compile(first)
        if ops.count == 1, let r = rest.first {
            if case .constant(.int(let k)) = r.kind, let small = Int32(exactly: k), ops[0] != .in, ops[0] != .notIn,
                ops[0] != .is, ops[0] != .isNot
            {
                b.emit(.compareConstInt(ops[0], small))
                return
            }
            try compile(r)
            b.emit(.compare(ops[0]))
            return
        }
        var cleanups: [Int] = []
        for (i, op) in ops.enumerated() {
            try compile(rest[i])
            if i < ops.count - 1 {
                b.emit(.dup)
                b.emit(.rotThree)
                b.emit(.compare(op))
                cleanups.append(b.emit(.jumpIfFalseOrPop(0)))
            } else {
                b.emit(.compare(op))
            }
        }
        let toEnd = b.emit(.jump(0))
        for c in cleanups { b.patch(c, to: b.here) }
        b.emit(.rotTwo)
        b.emit(.pop)
        b.patch(toEnd, to: b.here)
    }

    mutating func compileFString(_ parts: [FStringPart]) throws(SyntaxError) {
        var count = 0
        for part in parts {
            switch part {
            case .literal(let s):
                if s.isEmpty { continue }
                b.emit(.loadConst(b.constant(.str(s))))
            case .field(let expr, let conversion, let spec, let selfDoc):
                if let selfDoc {
                    b.emit(.loadConst(b.constant(.str(selfDoc))))
                    count += 1
                }
                try compile(expr)
                var conv: Int32 = 0
                switch conversion {
                case "r": conv = 1
                case "s": conv = 2
                case "a": conv = 3
                default: conv = (selfDoc != nil && spec == nil) ? 1 : 0
                }
                if let spec {
                    try compileFString(spec)
                }
                b.emit(.formatValue(conversion: conv, hasSpec: spec != nil))
            }
            count += 1
        }
        if count == 0 {
            b.emit(.loadConst(b.constant(.str(""))))
        } else if count > 1 {
            b.emit(.buildString(Int32(count)))
        }
    }

    mutating func compileCall(_ fn: Expr, _ args: [Expr], _ keywords: [Keyword]) throws(SyntaxError) {
        let hasStar = args.contains { if case .starred = $0.kind { return true } else { return false } }
        let hasDoubleStar = keywords.contains { $0.name == nil }
        if !hasStar && !hasDoubleStar {
            if keywords.isEmpty, case .attribute(let obj, let attr) = fn.kind {
                try compile(obj)
                b.emit(.loadMethod(b.name(attr)))
                for a in args { try compile(a) }
                b.emit(.callMethod(Int32(args.count)))
                return
            }
            try compile(fn)
            for a in args { try compile(a) }
            if keywords.isEmpty {
                b.emit(.call(Int32(args.count)))
            } else {
                for k in keywords { try compile(k.value) }
                b.emit(.loadConst(b.constant(.tuple(TupleItems(keywords.map { .str($0.name ?? "") })))))
                b.emit(.callKeywords(Int32(args.count + keywords.count)))
            }
            return
        }
        try compile(fn)
        try compileDisplay(args, build: { .buildList($0) }, extend: { .listExtend($0) }, finishTuple: true)
        if keywords.isEmpty {
            b.emit(.callEx(0))
            return
        }
        b.emit(.buildMap(0))
        for k in keywords {
            if let name = k.name {
                b.emit(.loadConst(b.constant(.str(name))))
                try compile(k.value)
                b.emit(.buildMap(1))
            } else {
                try compile(k.value)
            }
            b.emit(.dictMerge(1))
        }
        b.emit(.callEx(1))
    }

    /// Compiles the loops of a comprehension inline; the result container sits below the iterators.
    mutating func compileComprehension(
        _ gens: [Comprehension], depth: Int, body: (inout Compiler) throws(SyntaxError) -> Void
    ) throws(SyntaxError) {
        b.comprehensionNames.append([:])
        defer { b.comprehensionNames.removeLast() }
        try compileGenerator(gens, index: 0, body: body)
    }

    private mutating func compileGenerator(
        _ gens: [Comprehension], index: Int, body: (inout Compiler) throws(SyntaxError) -> Void
    ) throws(SyntaxError) {
        let g = gens[index]
        // The first iterable is evaluated in the enclosing scope.
        if index == 0 {
            let saved = b.comprehensionNames.removeLast()
            try compile(g.iter)
            b.comprehensionNames.append(saved)
        } else {
            try compile(g.iter)
        }
        b.emit(.getIter)
        let top = b.here
        let forIter = b.emit(.forIter(0))
        bindComprehensionTarget(g.target)
        try compileStore(g.target)
        for c in g.conditions {
            try compile(c)
            b.emit(.popJumpIfFalse(Int32(top)))
        }
        if index + 1 < gens.count {
            try compileGenerator(gens, index: index + 1, body: body)
        } else {
            try body(&self)
        }
        b.emit(.jump(Int32(top)))
        b.patch(forIter, to: b.here)
    }

    private func bindComprehensionTarget(_ target: Expr) {
        switch target.kind {
        case .name(let n):
            let slot = b.hiddenLocal(n)
            b.comprehensionNames[b.comprehensionNames.count - 1][n] = slot
        case .tuple(let items), .list(let items):
            for i in items { bindComprehensionTarget(i) }
        case .starred(let inner):
            bindComprehensionTarget(inner)
        default:
            break
        }
    }

    /// A comprehension whose body makes closures (`[lambda: i for i in r]`) runs as its own
    /// function, as in CPython 3.11, so each closure captures the comprehension's variable.
    mutating func compileComprehensionFunction(_ e: Expr) throws(SyntaxError) {
        let line = e.line
        func name(_ n: String) -> Expr { Expr(.name(n), line: line) }
        let result = name(".result")
        let gens: [Comprehension]
        let initial: Expr
        let add: Stmt
        switch e.kind {
        case .listComp(let elt, let g), .generatorExp(let elt, let g):
            gens = g
            initial = Expr(.list([]), line: line)
            add = Stmt(
                .expr(Expr(.call(Expr(.attribute(result, "append"), line: line), args: [elt], keywords: []), line: line)), line: line)
        case .setComp(let elt, let g):
            gens = g
            initial = Expr(.set([]), line: line)
            add = Stmt(.expr(Expr(.call(Expr(.attribute(result, "add"), line: line), args: [elt], keywords: []), line: line)), line: line)
        case .dictComp(let k, let v, let g):
            gens = g
            initial = Expr(.dict([]), line: line)
            add = Stmt(.assign(targets: [Expr(.subscript(result, k), line: line)], value: v), line: line)
        default:
            return
        }
        guard let first = gens.first else { return }
        var inner = add
        for (i, g) in gens.enumerated().reversed() {
            var body = [inner]
            for c in g.conditions.reversed() { body = [Stmt(.if(test: c, body: body, orelse: []), line: line)] }
            inner = Stmt(.for(target: g.target, iter: i == 0 ? name(".0") : g.iter, body: body, orelse: [], isAsync: false), line: line)
        }
        let body = [Stmt(.assign(targets: [result], value: initial), line: line), inner, Stmt(.return(result), line: line)]
        let isAsync = e.containsAwait
        try compileFunction(
            name: "<comprehension>", parameters: Parameters(positional: [Parameter(name: ".0")]), body: body,
            isAsync: isAsync, line: line, isLambda: false)
        try compile(first.iter)
        b.emit(.call(1))
        if isAsync {
            b.emit(.getAwaitable)
            b.emit(.await)
        }
        if case .generatorExp = e.kind { b.emit(.getIter) }
    }
}
