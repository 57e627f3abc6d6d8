extension Parser.State {
    /// `statements ENDMARKER`
    mutating func parseModule() throws(SyntaxError) -> Module {
        var body: [Stmt] = []
        while current.kind != .endOfFile {
            if current.kind == .newline {
                advance()
                continue
            }
            body.append(contentsOf: try parseStatement())
        }
        return Module(body: body)
    }

    /// One compound statement, or a line of simple statements.
    mutating func parseStatement() throws(SyntaxError) -> [Stmt] {
        switch current.kind {
        case .keyword(.if): return [try parseIf()]
        case .keyword(.while): return [try parseWhile()]
        case .keyword(.for): return [try parseFor(isAsync: false, line: current.line)]
        case .keyword(.try): return [try parseTry()]
        case .keyword(.with): return [try parseWith(isAsync: false, line: current.line)]
        case .keyword(.def): return [try parseFunction(decorators: [], isAsync: false, line: current.line)]
        case .keyword(.class): return [try parseClass(decorators: [])]
        case .op(.at): return [try parseDecorated()]
        case .keyword(.async):
            let line = current.line
            let next = peek()
            if isKeyword(next, .def) {
                advance()
                return [try parseFunction(decorators: [], isAsync: true, line: line)]
            }
            if isKeyword(next, .for) {
                advance()
                return [try parseFor(isAsync: true, line: line)]
            }
            if isKeyword(next, .with) {
                advance()
                return [try parseWith(isAsync: true, line: line)]
            }
            advance()
            throw fail()
        default:
            return try parseSimpleStatements()
        }
    }

    /// `simple_stmt (';' simple_stmt)* [';'] NEWLINE`
    mutating func parseSimpleStatements() throws(SyntaxError) -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            statements.append(try parseSimpleStatement())
            guard accept(.semicolon) else { break }
            if current.kind == .newline { break }
        }
        guard current.kind == .newline || current.kind == .endOfFile else {
            if let last = statements.last, case .expr(let expr) = last.kind, case .name(let name) = expr.kind,
                name == "print" || name == "exec", startsExpression(current)
            {
                throw error("Missing parentheses in call to '\(name)'. Did you mean \(name)(...)?", line: expr.line)
            }
            throw fail()
        }
        advance()
        return statements
    }

    /// Runs `body` with the loop and function context set for a nested block.
    mutating func inContext<T>(
        function: Bool? = nil, loop: Bool, _ body: (inout Parser.State) throws(SyntaxError) -> T
    )
        throws(SyntaxError) -> T
    {
        let savedFunction = functionDepth
        let savedLoop = loopDepth
        if let function { functionDepth = function ? functionDepth + 1 : 0 }
        loopDepth = loop ? loopDepth + 1 : (function != nil ? 0 : loopDepth)
        defer {
            functionDepth = savedFunction
            loopDepth = savedLoop
        }
        return try body(&self)
    }

    /// After a compound statement's header: `':'` then a block. `what` names the statement for
    /// "expected an indented block after ..." (e.g. "'if' statement", "function definition").
    mutating func parseBlock(
        after what: String, line: Int, colonAlwaysExpected: Bool = false
    )
        throws(SyntaxError) -> [Stmt]
    {
        if !accept(.colon) {
            if colonAlwaysExpected || current.kind == .newline { throw error("expected ':'") }
            throw fail()
        }
        guard current.kind == .newline else { return try parseSimpleStatements() }
        advance()
        guard current.kind == .indent else {
            throw error("expected an indented block after \(what) on line \(line)", kind: "IndentationError")
        }
        advance()
        var body: [Stmt] = []
        while current.kind != .dedent && current.kind != .endOfFile {
            body.append(contentsOf: try parseStatement())
        }
        if current.kind == .dedent { advance() }
        return body
    }

    func endLine(of body: [Stmt], or line: Int) -> Int { body.last?.endLine ?? line }

    // MARK: Compound statements

    mutating func parseIf() throws(SyntaxError) -> Stmt {
        let line = current.line
        let word = check(.elif) ? "elif" : "if"
        advance()
        let test = try parseNamedExpression()
        let body = try parseBlock(after: "'\(word)' statement", line: line)
        var orelse: [Stmt] = []
        if check(.elif) {
            try enterNesting()
            defer { depth -= 1 }
            orelse = [try parseIf()]
        } else if check(.else) {
            let elseLine = current.line
            advance()
            orelse = try parseBlock(after: "'else' statement", line: elseLine)
        }
        return Stmt(.if(test: test, body: body, orelse: orelse), line: line, endLine: endLine(of: orelse.isEmpty ? body : orelse, or: line))
    }

    mutating func parseWhile() throws(SyntaxError) -> Stmt {
        let line = current.line
        advance()
        let test = try parseNamedExpression()
        let body = try inContext(loop: true) { (state: inout Parser.State) throws(SyntaxError) in
            try state.parseBlock(after: "'while' statement", line: line)
        }
        let orelse = try parseElse()
        return Stmt(
            .while(test: test, body: body, orelse: orelse), line: line, endLine: endLine(of: orelse.isEmpty ? body : orelse, or: line))
    }

    mutating func parseElse() throws(SyntaxError) -> [Stmt] {
        guard check(.else) else { return [] }
        let elseLine = current.line
        advance()
        return try parseBlock(after: "'else' statement", line: elseLine)
    }

    mutating func parseFor(isAsync: Bool, line: Int) throws(SyntaxError) -> Stmt {
        let forLine = current.line
        advance()
        let target = try parseTargetList(context: .forLoop)
        guard accept(.in) else { throw fail() }
        let iter = try parseStarExpressions()
        let body = try inContext(loop: true) { (state: inout Parser.State) throws(SyntaxError) in
            try state.parseBlock(after: "'for' statement", line: forLine)
        }
        let orelse = try parseElse()
        return Stmt(
            .for(target: target, iter: iter, body: body, orelse: orelse, isAsync: isAsync), line: line,
            endLine: endLine(of: orelse.isEmpty ? body : orelse, or: line))
    }

    mutating func parseTry() throws(SyntaxError) -> Stmt {
        let line = current.line
        advance()
        let body = try parseBlock(after: "'try' statement", line: line)
        var handlers: [ExceptHandler] = []
        var bareLine: Int? = nil
        while check(.except) {
            let handlerLine = current.line
            if let bareLine { throw error("default 'except:' must be last", line: bareLine) }
            advance()
            if check(.star) { throw error("'except*' is not supported") }
            var type: Expr? = nil
            var name: String? = nil
            if !check(.colon) {
                let first = try parseExpression()
                if check(.comma) {
                    throw error("multiple exception types must be parenthesized", line: first.line)
                }
                type = first
                if accept(.as) { name = try expectName() }
            } else {
                bareLine = handlerLine
            }
            let handlerBody = try parseBlock(after: "'except' statement", line: handlerLine)
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, line: handlerLine))
        }
        var orelse: [Stmt] = []
        var finalbody: [Stmt] = []
        if !handlers.isEmpty { orelse = try parseElse() }
        var sawFinally = false
        if check(.finally) {
            let finallyLine = current.line
            sawFinally = true
            advance()
            finalbody = try parseBlock(after: "'finally' statement", line: finallyLine)
        }
        if handlers.isEmpty && !sawFinally { throw error("expected 'except' or 'finally' block") }
        let last = !finalbody.isEmpty ? finalbody : !orelse.isEmpty ? orelse : handlers.last?.body ?? body
        return Stmt(
            .try(body: body, handlers: handlers, orelse: orelse, finalbody: finalbody), line: line, endLine: endLine(of: last, or: line))
    }

    mutating func parseWith(isAsync: Bool, line: Int) throws(SyntaxError) -> Stmt {
        let withLine = current.line
        advance()
        var items: [WithItem]? = nil
        if check(.leftParen) {
            // `with (a as b, c):` — try the parenthesized form first, like CPython.
            let saved = self
            do throws(SyntaxError) {
                items = try parseParenthesizedWithItems()
            } catch {
                self = saved
                items = nil
            }
        }
        if items == nil {
            var list: [WithItem] = []
            repeat {
                list.append(try parseWithItem())
            } while accept(.comma)
            items = list
        }
        let body = try parseBlock(after: "'with' statement", line: withLine)
        return Stmt(.with(items: items ?? [], body: body, isAsync: isAsync), line: line, endLine: endLine(of: body, or: line))
    }

    mutating func parseParenthesizedWithItems() throws(SyntaxError) -> [WithItem]? {
        advance()
        bracketDepth += 1
        var items: [WithItem] = []
        repeat {
            if check(.rightParen) { break }
            items.append(try parseWithItem())
        } while accept(.comma)
        bracketDepth -= 1
        try expect(.rightParen)
        guard check(.colon), !items.isEmpty else { throw fail() }
        return items
    }

    mutating func parseWithItem() throws(SyntaxError) -> WithItem {
        let context = try parseExpression()
        var target: Expr? = nil
        if accept(.as) {
            let parsed = try parseTarget()
            try validateTarget(parsed, context: .with)
            target = parsed
        }
        return WithItem(context: context, target: target)
    }

    mutating func parseDecorated() throws(SyntaxError) -> Stmt {
        var decorators: [Expr] = []
        let line = current.line
        while accept(.at) {
            decorators.append(try parseNamedExpression())
            guard current.kind == .newline else { throw fail() }
            advance()
        }
        switch current.kind {
        case .keyword(.def):
            return try parseFunction(decorators: decorators, isAsync: false, line: current.line)
        case .keyword(.class):
            return try parseClass(decorators: decorators)
        case .keyword(.async) where isKeyword(peek(), .def):
            let asyncLine = current.line
            advance()
            return try parseFunction(decorators: decorators, isAsync: true, line: asyncLine)
        default:
            _ = line
            throw fail()
        }
    }

    mutating func parseFunction(decorators: [Expr], isAsync: Bool, line: Int) throws(SyntaxError) -> Stmt {
        advance()
        let name = try expectName()
        guard accept(.leftParen) else { throw error("expected '('") }
        bracketDepth += 1
        let parameters = try parseParameters(closing: .rightParen, annotations: true)
        bracketDepth -= 1
        try expect(.rightParen)
        if accept(.arrow) { _ = try parseExpression() }
        let body = try inContext(function: true, loop: false) { (state: inout Parser.State) throws(SyntaxError) in
            try state.parseBlock(after: "function definition", line: line, colonAlwaysExpected: true)
        }
        let def = FunctionDef(name: name, parameters: parameters, body: body, decorators: decorators, isAsync: isAsync)
        return Stmt(.functionDef(def), line: line, endLine: endLine(of: body, or: line))
    }

    mutating func parseClass(decorators: [Expr]) throws(SyntaxError) -> Stmt {
        let line = current.line
        advance()
        let name = try expectName()
        var bases: [Expr] = []
        if check(.leftParen) {
            let parenLine = current.line
            advance()
            let call = try parseCall(Expr(.name(name), line: line), parenLine: parenLine)
            if case .call(_, let args, let keywords) = call.kind {
                if !keywords.isEmpty { throw error("class keyword arguments are not supported", line: line) }
                bases = args
            }
        }
        let body = try inContext(function: false, loop: false) { (state: inout Parser.State) throws(SyntaxError) in
            try state.parseBlock(after: "class definition", line: line)
        }
        let def = ClassDef(name: name, bases: bases, body: body, decorators: decorators)
        return Stmt(.classDef(def), line: line, endLine: endLine(of: body, or: line))
    }

    // MARK: Simple statements

    mutating func parseSimpleStatement() throws(SyntaxError) -> Stmt {
        let token = current
        let line = token.line
        let kind: StmtKind
        switch token.kind {
        case .keyword(.pass):
            advance()
            kind = .pass
        case .keyword(.break):
            advance()
            if loopDepth == 0 { postpone(SyntaxError("'break' outside loop", line: line)) }
            kind = .break
        case .keyword(.continue):
            advance()
            if loopDepth == 0 { postpone(SyntaxError("'continue' not properly in loop", line: line)) }
            kind = .continue
        case .keyword(.return):
            advance()
            if functionDepth == 0 { postpone(SyntaxError("'return' outside function", line: line)) }
            var value: Expr? = nil
            if !endsSimpleStatement() {
                let parsed = try parseStarExpressions()
                checkNotStarred(parsed)
                value = parsed
            }
            kind = .return(value)
        case .keyword(.raise):
            advance()
            var exception: Expr? = nil
            var cause: Expr? = nil
            if !endsSimpleStatement() {
                exception = try parseExpression()
                if accept(.from) { cause = try parseExpression() }
            }
            kind = .raise(exception: exception, cause: cause)
        case .keyword(.global), .keyword(.nonlocal):
            advance()
            var names = [try expectName()]
            while accept(.comma) { names.append(try expectName()) }
            if case .keyword(.global) = token.kind {
                kind = .global(names)
            } else {
                if functionDepth == 0 {
                    postpone(SyntaxError("nonlocal declaration not allowed at module level", line: line))
                }
                kind = .nonlocal(names)
            }
        case .keyword(.del):
            advance()
            var targets: [Expr] = []
            repeat {
                if endsSimpleStatement() && !targets.isEmpty { break }
                let target = try parseBitwiseOrTarget()
                try validateTarget(target, context: .deletion)
                targets.append(target)
            } while accept(.comma)
            kind = .delete(targets)
        case .keyword(.assert):
            advance()
            let test = try parseExpression()
            var message: Expr? = nil
            if accept(.comma) { message = try parseExpression() }
            kind = .assert(test: test, message: message)
        case .keyword(.import):
            advance()
            var aliases: [ImportAlias] = []
            repeat {
                let name = try parseDottedName()
                var asName: String? = nil
                if accept(.as) { asName = try expectName() }
                aliases.append(ImportAlias(name: name, asName: asName))
            } while accept(.comma)
            kind = .import(aliases)
        case .keyword(.from):
            kind = try parseFromImport()
        case .keyword(.yield):
            throw error("'yield' expressions are not supported")
        default:
            kind = try parseExpressionStatement()
        }
        return Stmt(kind, line: line, endLine: previousEndLine)
    }

    /// A `del` target: `bitwise_or` (the caller validates it).
    mutating func parseBitwiseOrTarget() throws(SyntaxError) -> Expr {
        if check(.star) {
            let line = current.line
            advance()
            return Expr(.starred(try parseBitwiseOr()), line: line)
        }
        return try parseBitwiseOr()
    }

    func endsSimpleStatement() -> Bool {
        current.kind == .newline || current.kind == .endOfFile || check(.semicolon)
    }

    mutating func parseDottedName() throws(SyntaxError) -> String {
        var name = try expectName()
        while accept(.dot) { name += "." + (try expectName()) }
        return name
    }

    mutating func parseFromImport() throws(SyntaxError) -> StmtKind {
        advance()
        var module = ""
        while true {
            if accept(.dot) {
                module += "."
            } else if accept(.ellipsis) {
                module += "..."
            } else {
                break
            }
        }
        if case .name = current.kind {
            module += try parseDottedName()
        } else if module.isEmpty {
            throw fail()
        }
        guard accept(.import) else { throw fail() }
        if check(.star) {
            throw error("wildcard imports ('from \(module) import *') are not supported")
        }
        var aliases: [ImportAlias] = []
        if accept(.leftParen) {
            bracketDepth += 1
            repeat {
                if check(.rightParen) && !aliases.isEmpty { break }
                aliases.append(try parseImportAlias())
            } while accept(.comma)
            bracketDepth -= 1
            try expect(.rightParen)
        } else {
            repeat {
                if endsSimpleStatement() && !aliases.isEmpty {
                    throw error("trailing comma not allowed without surrounding parentheses")
                }
                aliases.append(try parseImportAlias())
            } while accept(.comma)
        }
        return .importFrom(module: module, names: aliases)
    }

    mutating func parseImportAlias() throws(SyntaxError) -> ImportAlias {
        let name = try expectName()
        var asName: String? = nil
        if accept(.as) { asName = try expectName() }
        return ImportAlias(name: name, asName: asName)
    }

    /// CPython rejects a bare starred expression where a value is expected (`x = *a`).
    mutating func checkNotStarred(_ expr: Expr) {
        if case .starred = expr.kind {
            postpone(SyntaxError("can't use starred expression here", line: expr.line))
        }
    }

    /// Expression statements and all forms of assignment.
    mutating func parseExpressionStatement() throws(SyntaxError) -> StmtKind {
        let first = try parseStarExpressions()
        if accept(.colon) {
            try validateAnnotatedTarget(first)
            let annotation = try parseExpression()
            var value: Expr? = nil
            if accept(.assign) {
                let parsed = try parseStarExpressions()
                checkNotStarred(parsed)
                value = parsed
            }
            return .annAssign(target: first, annotation: annotation, value: value)
        }
        if check(.assign) {
            var targets = [first]
            var value = first
            while accept(.assign) {
                if check(.yield) { throw error("'yield' expressions are not supported") }
                value = try parseStarExpressions()
                if check(.assign) { targets.append(value) }
            }
            for (position, target) in targets.enumerated() {
                if let bad = invalidTarget(target, context: .assignment) {
                    if position == 0 && targets.count == 1 && bad.line == target.line
                        && isBitwiseOrLevel(target) && target.kind == bad.kind
                    {
                        throw error(
                            "cannot assign to \(expressionName(bad)) here. Maybe you meant '==' instead of '='?",
                            line: bad.line)
                    }
                    throw error("cannot assign to \(expressionName(bad))", line: bad.line)
                }
                try validateTarget(target, context: .assignment)
            }
            checkNotStarred(value)
            return .assign(targets: targets, value: value)
        }
        if let op = augmentedOperator() {
            try validateAugmentedTarget(first)
            advance()
            if check(.yield) { throw error("'yield' expressions are not supported") }
            let value = try parseStarExpressions()
            checkNotStarred(value)
            return .augAssign(target: first, op: op, value: value)
        }
        checkNotStarred(first)
        return .expr(first)
    }

    func augmentedOperator() -> BinaryOp? {
        guard case .op(let o) = current.kind else { return nil }
        switch o {
        case .plusAssign: return .add
        case .minusAssign: return .sub
        case .starAssign: return .mul
        case .slashAssign: return .truediv
        case .doubleSlashAssign: return .floordiv
        case .percentAssign: return .mod
        case .doubleStarAssign: return .pow
        case .rightShiftAssign: return .rshift
        case .leftShiftAssign: return .lshift
        case .ampersandAssign: return .bitand
        case .caretAssign: return .bitxor
        case .pipeAssign: return .bitor
        case .atAssign: return .matmul
        default: return nil
        }
    }
}
