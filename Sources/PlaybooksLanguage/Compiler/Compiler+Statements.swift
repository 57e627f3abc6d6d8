extension Compiler {
    mutating func compile(_ stmt: Stmt) throws(SyntaxError) {
        try enterNesting(line: stmt.line)
        defer { depth -= 1 }
        b.currentLine = Int32(truncatingIfNeeded: stmt.line)
        switch stmt.kind {
        case .expr(let e):
            try compile(e)
            b.emit(.pop)
        case .assign(let targets, let value):
            try compile(value)
            for (i, t) in targets.enumerated() {
                if i < targets.count - 1 { b.emit(.dup) }
                try compileStore(t)
            }
        case .augAssign(let target, let op, let value):
            try compileAugmented(target, op, value)
        case .annAssign(let target, let annotation, let value):
            if b.kind == .classBody, case .name(let n) = target.kind {
                try compile(annotation)
                b.emit(.loadFast(b.local("__annotations__")))
                b.emit(.loadConst(b.constant(.str(n))))
                b.emit(.storeSubscript)
            }
            if let value {
                try compile(value)
                try compileStore(target)
            }
        case .if(let test, let body, let orelse):
            try compileIf(test, body, orelse)
        case .while(let test, let body, let orelse):
            try compileWhile(test, body, orelse)
        case .for(let target, let iter, let body, let orelse, let isAsync):
            if isAsync { throw error("'async for' is not supported") }
            try compileFor(target, iter, body, orelse)
        case .break:
            try compileBreak()
        case .continue:
            try compileContinue()
        case .pass:
            break
        case .return(let value):
            guard b.kind == .function else { throw error("'return' outside function") }
            if let value { try compile(value) } else { b.emit(.loadNone) }
            try unwindForReturn()
            b.emit(.returnValue)
        case .functionDef(let f):
            try compileFunctionDef(f, line: stmt.line)
        case .classDef(let c):
            try compileClassDef(c, line: stmt.line)
        case .try(let body, let handlers, let orelse, let finalbody):
            try compileTry(body, handlers, orelse, finalbody)
        case .raise(let exc, let cause):
            if let exc {
                try compile(exc)
                if let cause {
                    try compile(cause)
                    b.emit(.raise(2))
                } else {
                    b.emit(.raise(1))
                }
            } else {
                b.emit(.raise(0))
            }
        case .assert(let test, let message):
            try compile(test)
            let jump = b.emit(.popJumpIfTrue(0))
            if let message { try compile(message) }
            b.emit(.assertFail(message == nil ? 0 : 1))
            b.patch(jump, to: b.here)
        case .delete(let targets):
            for t in targets { try compileDelete(t) }
        case .global, .nonlocal:
            break
        case .import(let aliases):
            for a in aliases {
                b.emit(.importName(b.name(a.name)))
                if let asName = a.asName {
                    emitStore(asName)
                } else {
                    emitStore(String(a.name.split(separator: ".").first ?? Substring(a.name)))
                }
            }
        case .importFrom(let module, let names):
            b.emit(.importName(b.name(module)))
            for a in names {
                b.emit(.importFrom(b.name(a.name)))
                emitStore(a.asName ?? a.name)
            }
            b.emit(.pop)
        case .with:
            throw error("'with' statements are not supported")
        }
    }

    mutating func compileIf(_ test: Expr, _ body: [Stmt], _ orelse: [Stmt]) throws(SyntaxError) {
        let toElse = try compileJumpIfFalse(test)
        try compileBody(body)
        if orelse.isEmpty {
            b.patch(toElse, to: b.here)
        } else {
            let toEnd = b.emit(.jump(0))
            b.patch(toElse, to: b.here)
            try compileBody(orelse)
            b.patch(toEnd, to: b.here)
        }
    }

    mutating func compileWhile(_ test: Expr, _ body: [Stmt], _ orelse: [Stmt]) throws(SyntaxError) {
        let top = b.here
        let toElse = try compileJumpIfFalse(test)
        b.frameBlocks.append(.loop(continueTarget: top, breakPatches: [], hasIterator: false))
        try compileBody(body)
        b.emit(.jump(Int32(top)))
        let block = b.frameBlocks.removeLast()
        b.patch(toElse, to: b.here)
        try compileBody(orelse)
        if case .loop(_, let breaks, _) = block {
            for p in breaks { b.patch(p, to: b.here) }
        }
    }

    mutating func compileFor(_ target: Expr, _ iter: Expr, _ body: [Stmt], _ orelse: [Stmt]) throws(SyntaxError) {
        try compile(iter)
        b.emit(.getIter)
        let top = b.here
        let forIter = b.emit(.forIter(0))
        b.frameBlocks.append(.loop(continueTarget: top, breakPatches: [], hasIterator: true))
        try compileStore(target)
        try compileBody(body)
        b.emit(.jump(Int32(top)))
        let block = b.frameBlocks.removeLast()
        b.patch(forIter, to: b.here)
        try compileBody(orelse)
        if case .loop(_, let breaks, _) = block {
            for p in breaks { b.patch(p, to: b.here) }
        }
    }

    /// Emits the clean-up for leaving frame block `block` early (by break, continue or return).
    /// `preservingTop` is true when a return value sits on top of the stack.
    mutating func emitExit(from block: CodeBuilder.FrameBlock, preservingTop: Bool) throws(SyntaxError) {
        switch block {
        case .loop(_, _, let hasIterator):
            if hasIterator {
                if preservingTop { b.emit(.rotTwo) }
                b.emit(.pop)
            }
        case .tryBody:
            b.emit(.popBlock)
        case .finallyBody(let finalbody):
            b.emit(.popBlock)
            try compileBody(finalbody)
        case .exceptBody(let name):
            b.emit(.popExcept)
            if let name {
                b.emit(.loadNone)
                emitStore(name)
                emitDelete(name)
            }
        case .finallyOnException:
            b.emit(.popExcept)
            if preservingTop { b.emit(.rotTwo) }
            b.emit(.pop)
        }
    }

    /// Runs the exits of every block up to (not including) the innermost loop, then returns its index.
    mutating func unwindToLoop(_ what: String) throws(SyntaxError) -> Int {
        var i = b.frameBlocks.count - 1
        while i >= 0 {
            if case .loop = b.frameBlocks[i] { break }
            i -= 1
        }
        guard i >= 0 else {
            throw error(what == "break" ? "'break' outside loop" : "'continue' not properly in loop")
        }
        var j = b.frameBlocks.count - 1
        while j > i {
            let block = b.frameBlocks[j]
            // The final body is compiled outside of its own block.
            let saved = b.frameBlocks
            b.frameBlocks = Array(b.frameBlocks[0..<j])
            try emitExit(from: block, preservingTop: false)
            b.frameBlocks = saved
            j -= 1
        }
        return i
    }

    mutating func compileBreak() throws(SyntaxError) {
        let i = try unwindToLoop("break")
        guard case .loop(let target, var patches, let hasIterator) = b.frameBlocks[i] else { return }
        if hasIterator { b.emit(.pop) }
        patches.append(b.emit(.jump(0)))
        b.frameBlocks[i] = .loop(continueTarget: target, breakPatches: patches, hasIterator: hasIterator)
    }

    mutating func compileContinue() throws(SyntaxError) {
        let i = try unwindToLoop("continue")
        guard case .loop(let target, _, _) = b.frameBlocks[i] else { return }
        b.emit(.jump(Int32(target)))
    }

    mutating func unwindForReturn() throws(SyntaxError) {
        var j = b.frameBlocks.count - 1
        while j >= 0 {
            let block = b.frameBlocks[j]
            let saved = b.frameBlocks
            b.frameBlocks = Array(b.frameBlocks[0..<j])
            try emitExit(from: block, preservingTop: true)
            b.frameBlocks = saved
            j -= 1
        }
    }

    mutating func compileTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt], _ finalbody: [Stmt]) throws(SyntaxError) {
        if finalbody.isEmpty {
            try compileTryExcept(body, handlers, orelse)
            return
        }
        let setup = b.emit(.setupExcept(0))
        b.frameBlocks.append(.finallyBody(finalbody))
        if handlers.isEmpty {
            try compileBody(body)
        } else {
            try compileTryExcept(body, handlers, orelse)
        }
        b.frameBlocks.removeLast()
        b.emit(.popBlock)
        try compileBody(finalbody)
        let toEnd = b.emit(.jump(0))
        // Exception path: the exception is on the stack.
        b.patch(setup, to: b.here)
        b.emit(.pushExcInfo)
        b.frameBlocks.append(.finallyOnException)
        try compileBody(finalbody)
        b.frameBlocks.removeLast()
        b.emit(.popExcept)
        b.emit(.reraise)
        b.patch(toEnd, to: b.here)
    }

    mutating func compileTryExcept(_ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt]) throws(SyntaxError) {
        let setup = b.emit(.setupExcept(0))
        b.frameBlocks.append(.tryBody)
        try compileBody(body)
        b.frameBlocks.removeLast()
        b.emit(.popBlock)
        try compileBody(orelse)
        var toEnd = [b.emit(.jump(0))]
        b.patch(setup, to: b.here)
        // Stack: [exc]
        b.emit(.pushExcInfo)
        for (i, h) in handlers.enumerated() {
            b.currentLine = Int32(truncatingIfNeeded: h.line)
            var next: Int? = nil
            if let type = h.type {
                b.emit(.dup)
                try compile(type)
                b.emit(.checkExcMatch)
                next = b.emit(.popJumpIfFalse(0))
            } else if i != handlers.count - 1 {
                throw error("default 'except:' must be last", line: h.line)
            }
            if let name = h.name { emitStore(name) } else { b.emit(.pop) }
            b.frameBlocks.append(.exceptBody(name: h.name))
            try compileBody(h.body)
            b.frameBlocks.removeLast()
            b.emit(.popExcept)
            if let name = h.name {
                b.emit(.loadNone)
                emitStore(name)
                emitDelete(name)
            }
            toEnd.append(b.emit(.jump(0)))
            if let next { b.patch(next, to: b.here) }
        }
        // No handler matched: re-raise.
        b.emit(.popExcept)
        b.emit(.reraise)
        for p in toEnd { b.patch(p, to: b.here) }
    }

    mutating func compileAugmented(_ target: Expr, _ op: BinaryOp, _ value: Expr) throws(SyntaxError) {
        switch target.kind {
        case .name(let n):
            emitLoad(n)
            try emitInplace(op, value)
            emitStore(n)
        case .stateVariable(let n):
            let i = b.name(n)
            b.emit(.loadStateVar(i))
            try emitInplace(op, value)
            b.emit(.storeStateVar(i))
        case .attribute(let obj, let attr):
            try compile(obj)
            b.emit(.dup)
            b.emit(.loadAttr(b.name(attr)))
            try emitInplace(op, value)
            b.emit(.rotTwo)
            b.emit(.storeAttr(b.name(attr)))
        case .subscript(let obj, let index):
            if case .constant(.str(let key)) = index.kind {
                let name = b.name(key)
                try compile(obj)
                b.emit(.dup)
                b.emit(.subscriptConstStr(name))
                try emitInplace(op, value)
                b.emit(.rotTwo)
                b.emit(.storeSubscriptConstStr(name))
                return
            }
            try compile(obj)
            try compile(index)
            b.emit(.dupTwo)
            b.emit(.binarySubscript)
            try emitInplace(op, value)
            b.emit(.rotThree)
            b.emit(.storeSubscript)
        default:
            throw error("'\(targetDescription(target))' is an illegal expression for augmented assignment", line: target.line)
        }
    }

    /// `TOS op= value`, with the value's instructions; a small int constant is an operand.
    private mutating func emitInplace(_ op: BinaryOp, _ value: Expr) throws(SyntaxError) {
        if case .constant(.int(let k)) = value.kind, let small = Int32(exactly: k) {
            b.emit(.inplaceConstInt(op, small))
        } else {
            try compile(value)
            b.emit(.inplace(op))
        }
    }

    mutating func compileStore(_ target: Expr) throws(SyntaxError) {
        switch target.kind {
        case .name(let n): emitStore(n)
        case .stateVariable(let n): b.emit(.storeStateVar(b.name(n)))
        case .attribute(let obj, let attr):
            try compile(obj)
            b.emit(.storeAttr(b.name(attr)))
        case .subscript(let obj, let index):
            try compile(obj)
            if case .constant(.str(let key)) = index.kind {
                b.emit(.storeSubscriptConstStr(b.name(key)))
            } else {
                try compile(index)
                b.emit(.storeSubscript)
            }
        case .tuple(let items), .list(let items):
            var starIndex: Int? = nil
            for (i, item) in items.enumerated() {
                if case .starred = item.kind {
                    if starIndex != nil { throw error("multiple starred expressions in assignment", line: item.line) }
                    starIndex = i
                }
            }
            if let s = starIndex {
                b.emit(.unpackStarred(before: Int32(s), after: Int32(items.count - s - 1)))
            } else {
                b.emit(.unpackSequence(Int32(items.count)))
            }
            for item in items {
                if case .starred(let inner) = item.kind {
                    try compileStore(inner)
                } else {
                    try compileStore(item)
                }
            }
        case .starred:
            throw error("starred assignment target must be in a list or tuple", line: target.line)
        default:
            throw error("cannot assign to \(targetDescription(target))", line: target.line)
        }
    }

    mutating func compileDelete(_ target: Expr) throws(SyntaxError) {
        switch target.kind {
        case .name(let n): emitDelete(n)
        case .attribute(let obj, let attr):
            try compile(obj)
            b.emit(.deleteAttr(b.name(attr)))
        case .subscript(let obj, let index):
            try compile(obj)
            try compile(index)
            b.emit(.deleteSubscript)
        case .tuple(let items), .list(let items):
            for i in items { try compileDelete(i) }
        default:
            throw error("cannot delete \(targetDescription(target))", line: target.line)
        }
    }

    func targetDescription(_ e: Expr) -> String {
        switch e.kind {
        case .call: return "function call"
        case .constant(.none), .constant(.bool): return "literal"
        case .constant: return "literal"
        case .binary, .unary: return "expression"
        case .compare: return "comparison"
        case .boolOp: return "expression"
        case .lambda: return "lambda"
        case .ifExp: return "conditional expression"
        case .await: return "await expression"
        case .fstring: return "f-string expression"
        case .listComp: return "list comprehension"
        case .dictComp: return "dict comprehension"
        case .setComp: return "set comprehension"
        case .generatorExp: return "generator expression"
        case .dict: return "dict literal"
        case .set: return "set display"
        default: return "expression"
        }
    }
}
