extension Parser.State {
    // MARK: Expression lists

    /// `star_expressions`: one expression, or a tuple of (possibly starred) expressions.
    mutating func parseStarExpressions() throws(SyntaxError) -> Expr {
        let first = try parseStarExpression()
        guard check(.comma) else { return first }
        var elements = [first]
        while accept(.comma) {
            guard startsExpression(current) || check(.star) else { break }
            elements.append(try parseStarExpression())
        }
        return Expr(.tuple(elements), line: first.line)
    }

    /// `'*' bitwise_or | expression`
    mutating func parseStarExpression() throws(SyntaxError) -> Expr {
        if check(.star) {
            let line = current.line
            advance()
            return Expr(.starred(try parseBitwiseOr()), line: line)
        }
        return try parseExpression()
    }

    /// `'*' bitwise_or | named_expression`
    mutating func parseStarNamedExpression() throws(SyntaxError) -> Expr {
        if check(.star) {
            let line = current.line
            advance()
            return Expr(.starred(try parseBitwiseOr()), line: line)
        }
        return try parseNamedExpression()
    }

    /// `NAME ':=' expression | expression`. With `checkAssignment`, a stray `=` gets CPython's hint.
    mutating func parseNamedExpression(checkAssignment: Bool = true) throws(SyntaxError) -> Expr {
        if case .name(let name) = current.kind, isOp(peek(), .walrus) {
            let line = current.line
            advance()
            advance()
            let value = try parseExpression()
            return Expr(.namedExpr(name, value), line: line)
        }
        let expr = try parseExpression()
        if check(.walrus) {
            throw error("cannot use assignment expressions with \(expressionName(expr))", line: expr.line)
        }
        if checkAssignment && check(.assign) {
            if case .name = expr.kind {
                throw error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", line: expr.line)
            }
            if isBitwiseOrLevel(expr) {
                throw error(
                    "cannot assign to \(expressionName(expr)) here. Maybe you meant '==' instead of '='?",
                    line: expr.line)
            }
        }
        return expr
    }

    /// True for expressions CPython's `bitwise_or` rule can produce that its hint rules consider
    /// (not lists, tuples, generator expressions or `True`/`False`/`None`).
    func isBitwiseOrLevel(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .compare, .boolOp, .ifExp, .lambda, .namedExpr, .starred, .list, .tuple, .generatorExp:
            return false
        case .unary(let op, _):
            return op != .not
        case .constant(let c):
            switch c {
            case .none, .bool: return false
            default: return true
            }
        default:
            return true
        }
    }

    // MARK: Conditional, lambda, boolean

    /// `disjunction ['if' disjunction 'else' expression] | lambdef`
    mutating func parseExpression() throws(SyntaxError) -> Expr {
        try enterNesting()
        defer { depth -= 1 }
        if check(.lambda) { return try parseLambda() }
        let body = try parseDisjunction()
        guard check(.if) else { return body }
        advance()
        let test = try parseDisjunction()
        guard accept(.else) else {
            throw error("expected 'else' after 'if' expression", line: body.line)
        }
        let orelse = try parseExpression()
        return Expr(.ifExp(test: test, body: body, orelse: orelse), line: body.line)
    }

    mutating func parseLambda() throws(SyntaxError) -> Expr {
        let line = current.line
        advance()
        let parameters = try parseParameters(closing: .colon, annotations: false)
        try expect(.colon)
        let savedFunction = functionDepth
        let savedLoop = loopDepth
        functionDepth += 1
        loopDepth = 0
        defer {
            functionDepth = savedFunction
            loopDepth = savedLoop
        }
        let body = try parseExpression()
        return Expr(.lambda(parameters, body), line: line)
    }

    mutating func parseDisjunction() throws(SyntaxError) -> Expr {
        let first = try parseConjunction()
        guard check(.or) else { return first }
        var values = [first]
        while accept(.or) { values.append(try parseConjunction()) }
        return Expr(.boolOp(.or, values), line: first.line)
    }

    mutating func parseConjunction() throws(SyntaxError) -> Expr {
        let first = try parseInversion()
        guard check(.and) else { return first }
        var values = [first]
        while accept(.and) { values.append(try parseInversion()) }
        return Expr(.boolOp(.and, values), line: first.line)
    }

    mutating func parseInversion() throws(SyntaxError) -> Expr {
        guard check(.not) else { return try parseComparison() }
        try enterNesting()
        defer { depth -= 1 }
        let line = current.line
        advance()
        return Expr(.unary(.not, try parseInversion()), line: line)
    }

    mutating func parseComparison() throws(SyntaxError) -> Expr {
        let first = try parseBitwiseOr()
        var ops: [CompareOp] = []
        var operands: [Expr] = []
        while let op = comparisonOperator() {
            ops.append(op)
            operands.append(try parseBitwiseOr())
        }
        if ops.isEmpty { return first }
        return Expr(.compare(first, ops, operands), line: first.line)
    }

    /// Consumes a comparison operator if one is next.
    mutating func comparisonOperator() -> CompareOp? {
        let op: CompareOp
        switch current.kind {
        case .op(.equal): op = .eq
        case .op(.notEqual): op = .ne
        case .op(.less): op = .lt
        case .op(.lessEqual): op = .le
        case .op(.greater): op = .gt
        case .op(.greaterEqual): op = .ge
        case .keyword(.in): op = .in
        case .keyword(.not):
            guard isKeyword(peek(), .in) else { return nil }
            advance()
            op = .notIn
        case .keyword(.is):
            if isKeyword(peek(), .not) {
                advance()
                op = .isNot
            } else {
                op = .is
            }
        default:
            return nil
        }
        advance()
        return op
    }

    // MARK: Binary operators

    mutating func parseBitwiseOr() throws(SyntaxError) -> Expr {
        try parseBinary(minimumPrecedence: 1)
    }

    /// The binary operator at the current token and its precedence (1 = `|` ... 6 = `*`).
    func binaryOperator() -> (BinaryOp, Int)? {
        guard case .op(let o) = current.kind else { return nil }
        switch o {
        case .pipe: return (.bitor, 1)
        case .caret: return (.bitxor, 2)
        case .ampersand: return (.bitand, 3)
        case .leftShift: return (.lshift, 4)
        case .rightShift: return (.rshift, 4)
        case .plus: return (.add, 5)
        case .minus: return (.sub, 5)
        case .star: return (.mul, 6)
        case .slash: return (.truediv, 6)
        case .doubleSlash: return (.floordiv, 6)
        case .percent: return (.mod, 6)
        case .at: return (.matmul, 6)
        default: return nil
        }
    }

    /// Precedence climbing over the left-associative binary operators.
    mutating func parseBinary(minimumPrecedence: Int) throws(SyntaxError) -> Expr {
        var left = try parseFactor()
        // Each operator of a left-associative chain nests the tree one level deeper.
        let outerDepth = depth
        defer { depth = outerDepth }
        while let (op, precedence) = binaryOperator(), precedence >= minimumPrecedence {
            try enterNesting()
            advance()
            let right = try parseBinary(minimumPrecedence: precedence + 1)
            left = Expr(.binary(op, left, right), line: left.line)
        }
        return left
    }

    /// `('+' | '-' | '~') factor | power`
    mutating func parseFactor() throws(SyntaxError) -> Expr {
        let op: UnaryOp
        switch current.kind {
        case .op(.minus): op = .negate
        case .op(.plus): op = .plus
        case .op(.tilde): op = .invert
        default: return try parsePower()
        }
        try enterNesting()
        defer { depth -= 1 }
        let line = current.line
        advance()
        return Expr(.unary(op, try parseFactor()), line: line)
    }

    /// `await_primary ['**' factor]`
    mutating func parsePower() throws(SyntaxError) -> Expr {
        let base = try parseAwaitPrimary()
        guard accept(.doubleStar) else { return base }
        try enterNesting()
        defer { depth -= 1 }
        let exponent = try parseFactor()
        return Expr(.binary(.pow, base, exponent), line: base.line)
    }

    mutating func parseAwaitPrimary() throws(SyntaxError) -> Expr {
        guard check(.await) else { return try parsePrimary() }
        let line = current.line
        advance()
        return Expr(.await(try parsePrimary()), line: line)
    }

    // MARK: Primaries

    /// An atom followed by attribute references, calls and subscripts.
    mutating func parsePrimary() throws(SyntaxError) -> Expr {
        var expr = try parseAtom()
        // Each attribute, call or subscript nests the tree one level deeper.
        let outerDepth = depth
        defer { depth = outerDepth }
        while true {
            if isOp(current, .dot) || isOp(current, .leftParen) || isOp(current, .leftBracket) {
                try enterNesting()
            }
            switch current.kind {
            case .op(.dot):
                advance()
                let name = try expectName()
                expr = Expr(.attribute(expr, name), line: expr.line)
            case .op(.leftParen):
                let parenLine = current.line
                advance()
                expr = try parseCall(expr, parenLine: parenLine)
            case .op(.leftBracket):
                advance()
                bracketDepth += 1
                let index = try parseSlices()
                try expect(.rightBracket, after: index)
                bracketDepth -= 1
                expr = Expr(.subscript(expr, index), line: expr.line)
            default:
                return expr
            }
        }
    }

    /// Call arguments after `(`, through the closing `)`.
    mutating func parseCall(_ function: Expr, parenLine: Int) throws(SyntaxError) -> Expr {
        bracketDepth += 1
        defer { bracketDepth -= 1 }
        var args: [Expr] = []
        var keywords: [Keyword] = []
        var sawKeywordUnpacking = false
        var sawNamedKeyword = false
        var names = Set<String>()
        while !check(.rightParen) {
            if check(.star) {
                let line = current.line
                advance()
                let value = try parseExpression()
                if sawKeywordUnpacking {
                    throw error("iterable argument unpacking follows keyword argument unpacking", line: line)
                }
                args.append(Expr(.starred(value), line: line))
            } else if check(.doubleStar) {
                advance()
                keywords.append(Keyword(name: nil, value: try parseExpression()))
                sawKeywordUnpacking = true
            } else if case .name(let name) = current.kind, isOp(peek(), .assign) {
                let line = current.line
                advance()
                advance()
                let value = try parseExpression()
                if names.contains(name) {
                    postpone(SyntaxError("keyword argument repeated: \(name)", line: line))
                }
                names.insert(name)
                keywords.append(Keyword(name: name, value: value))
                sawNamedKeyword = true
            } else {
                var value = try parseNamedExpression(checkAssignment: false)
                if check(.for) || (check(.async) && isKeyword(peek(), .for)) {
                    let clauses = try parseComprehensionClauses()
                    value = Expr(.generatorExp(value, clauses), line: parenLine)
                    if !args.isEmpty || !keywords.isEmpty || check(.comma) {
                        throw error("Generator expression must be parenthesized", line: value.line)
                    }
                    if !check(.rightParen) { throw fail() }
                } else if check(.assign) {
                    throw error("expression cannot contain assignment, perhaps you meant \"==\"?", line: value.line)
                }
                if sawNamedKeyword {
                    throw error("positional argument follows keyword argument", line: value.line)
                }
                if sawKeywordUnpacking {
                    throw error("positional argument follows keyword argument unpacking", line: value.line)
                }
                args.append(value)
                if !accept(.comma) {
                    try expect(.rightParen, after: value)
                    return Expr(.call(function, args: args, keywords: keywords), line: function.line)
                }
                continue
            }
            if !accept(.comma) { break }
        }
        try expect(.rightParen, after: args.last ?? keywords.last?.value)
        return Expr(.call(function, args: args, keywords: keywords), line: function.line)
    }

    /// The index of a subscript: one slice or expression, or a tuple of them.
    mutating func parseSlices() throws(SyntaxError) -> Expr {
        let first = try parseSlice()
        guard check(.comma) else { return first }
        var elements = [first]
        while accept(.comma) {
            if check(.rightBracket) { break }
            elements.append(try parseSlice())
        }
        return Expr(.tuple(elements), line: first.line)
    }

    /// `[expression] ':' [expression] [':' [expression]] | named_expression | '*' expression`
    mutating func parseSlice() throws(SyntaxError) -> Expr {
        let line = current.line
        if check(.star) {
            advance()
            return Expr(.starred(try parseBitwiseOr()), line: line)
        }
        var lower: Expr? = nil
        if !check(.colon) {
            let expr = try parseNamedExpression()
            guard check(.colon) else { return expr }
            lower = expr
        }
        advance()
        var upper: Expr? = nil
        var step: Expr? = nil
        if !check(.colon) && !check(.comma) && !check(.rightBracket) {
            upper = try parseExpression()
        }
        if accept(.colon) {
            if !check(.comma) && !check(.rightBracket) {
                step = try parseExpression()
            }
        }
        return Expr(.slice(lower: lower, upper: upper, step: step), line: line)
    }

    // MARK: Atoms

    func startsExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .name, .number, .string, .stateVariable: return true
        case .keyword(let k):
            return k == .none || k == .true || k == .false || k == .not || k == .lambda || k == .await
        case .op(let o):
            switch o {
            case .leftParen, .leftBracket, .leftBrace, .minus, .plus, .tilde, .ellipsis: return true
            default: return false
            }
        default:
            return false
        }
    }

    mutating func parseAtom() throws(SyntaxError) -> Expr {
        let token = current
        let line = token.line
        switch token.kind {
        case .name(let name):
            advance()
            return Expr(.name(name), line: line)
        case .stateVariable(let name):
            advance()
            return Expr(.stateVariable(name), line: line)
        case .number(let number):
            advance()
            switch number {
            case .int(let v): return Expr(.constant(.int(v)), line: line)
            case .bigInt(let v): return Expr(.constant(.bigInt(v)), line: line)
            case .float(let v): return Expr(.constant(.float(v)), line: line)
            }
        case .string:
            return try parseStrings()
        case .keyword(.none):
            advance()
            return Expr(.constant(.none), line: line)
        case .keyword(.true):
            advance()
            return Expr(.constant(.bool(true)), line: line)
        case .keyword(.false):
            advance()
            return Expr(.constant(.bool(false)), line: line)
        case .keyword(.yield):
            throw error("'yield' expressions are not supported")
        case .op(.ellipsis):
            advance()
            return Expr(.constant(.ellipsis), line: line)
        case .op(.leftParen):
            advance()
            bracketDepth += 1
            defer { bracketDepth -= 1 }
            return try parseParenthesized(line: line)
        case .op(.leftBracket):
            advance()
            bracketDepth += 1
            defer { bracketDepth -= 1 }
            return try parseListDisplay(line: line)
        case .op(.leftBrace):
            advance()
            bracketDepth += 1
            defer { bracketDepth -= 1 }
            return try parseBraceDisplay(line: line)
        default:
            throw fail()
        }
    }

    /// After `(`: a group, tuple or generator expression.
    mutating func parseParenthesized(line: Int) throws(SyntaxError) -> Expr {
        try enterNesting()
        defer { depth -= 1 }
        if accept(.rightParen) { return Expr(.tuple([]), line: line) }
        if check(.yield) { throw error("'yield' expressions are not supported") }
        if check(.doubleStar) { throw error("cannot use double starred expression here") }
        let first = try parseStarNamedExpression()
        if check(.for) || (check(.async) && isKeyword(peek(), .for)) {
            let clauses = try parseComprehensionClauses()
            try expect(.rightParen)
            return Expr(.generatorExp(first, clauses), line: line)
        }
        if accept(.rightParen) {
            if case .starred = first.kind {
                throw error("cannot use starred expression here", line: first.line)
            }
            return first
        }
        guard check(.comma) else { throw fail(after: first) }
        var elements = [first]
        while accept(.comma) {
            if check(.rightParen) { break }
            elements.append(try parseStarNamedExpression())
        }
        try expect(.rightParen, after: elements.last)
        return Expr(.tuple(elements), line: line)
    }

    /// After `[`: a list display or list comprehension.
    mutating func parseListDisplay(line: Int) throws(SyntaxError) -> Expr {
        try enterNesting()
        defer { depth -= 1 }
        if accept(.rightBracket) { return Expr(.list([]), line: line) }
        let first = try parseStarNamedExpression()
        if check(.for) || (check(.async) && isKeyword(peek(), .for)) {
            let clauses = try parseComprehensionClauses()
            try expect(.rightBracket)
            return Expr(.listComp(first, clauses), line: line)
        }
        var elements = [first]
        while accept(.comma) {
            if check(.rightBracket) { break }
            elements.append(try parseStarNamedExpression())
        }
        try expect(.rightBracket, after: elements.last)
        return Expr(.list(elements), line: line)
    }

    /// After `{`: a dict or set display or comprehension.
    mutating func parseBraceDisplay(line: Int) throws(SyntaxError) -> Expr {
        try enterNesting()
        defer { depth -= 1 }
        if accept(.rightBrace) { return Expr(.dict([]), line: line) }
        if check(.doubleStar) {
            return try parseDictItems(first: nil, line: line)
        }
        let first = try parseStarNamedExpression()
        if accept(.colon) {
            let value = try parseExpression()
            if check(.for) || (check(.async) && isKeyword(peek(), .for)) {
                let clauses = try parseComprehensionClauses()
                try expect(.rightBrace)
                return Expr(.dictComp(key: first, value: value, clauses), line: line)
            }
            return try parseDictItems(first: DictItem(key: first, value: value), line: line)
        }
        if check(.for) || (check(.async) && isKeyword(peek(), .for)) {
            let clauses = try parseComprehensionClauses()
            try expect(.rightBrace)
            return Expr(.setComp(first, clauses), line: line)
        }
        var elements = [first]
        while accept(.comma) {
            if check(.rightBrace) { break }
            elements.append(try parseStarNamedExpression())
        }
        try expect(.rightBrace, after: elements.last)
        return Expr(.set(elements), line: line)
    }

    /// The remaining items of a dict display (`first` already parsed, or nil at `**`).
    mutating func parseDictItems(first: DictItem?, line: Int) throws(SyntaxError) -> Expr {
        var items: [DictItem] = []
        if let first {
            items.append(first)
            guard accept(.comma) else {
                try expect(.rightBrace, after: first.value)
                return Expr(.dict(items), line: line)
            }
        }
        while !check(.rightBrace) {
            if accept(.doubleStar) {
                items.append(DictItem(key: nil, value: try parseBitwiseOr()))
            } else {
                let key = try parseExpression()
                try expect(.colon, after: key)
                items.append(DictItem(key: key, value: try parseExpression()))
            }
            if !accept(.comma) { break }
        }
        try expect(.rightBrace, after: items.last?.value)
        return Expr(.dict(items), line: line)
    }

    /// One or more `[async] for targets in disjunction (if disjunction)*` clauses.
    mutating func parseComprehensionClauses() throws(SyntaxError) -> [Comprehension] {
        var clauses: [Comprehension] = []
        while true {
            var isAsync = false
            if check(.async) && isKeyword(peek(), .for) {
                isAsync = true
                advance()
            }
            guard accept(.for) else { break }
            let target = try parseTargetList(context: .forLoop)
            guard accept(.in) else { throw fail() }
            let iter = try parseDisjunction()
            var conditions: [Expr] = []
            while accept(.if) { conditions.append(try parseDisjunction()) }
            clauses.append(Comprehension(target: target, iter: iter, conditions: conditions, isAsync: isAsync))
        }
        return clauses
    }

    // MARK: Parameters

    /// Parameters of a `def` (through `)`, not consumed) or a `lambda` (through `:`, not consumed).
    mutating func parseParameters(closing: Operator, annotations: Bool) throws(SyntaxError) -> Parameters {
        var parameters = Parameters()
        var sawDefault = false
        var sawSlash = false
        var sawStar = false
        var seen = Set<String>()
        func record(_ name: String, _ line: Int, _ state: inout Parser.State) {
            if seen.contains(name) {
                state.postpone(SyntaxError("duplicate argument '\(name)' in function definition", line: line))
            }
            seen.insert(name)
        }
        while !check(closing) {
            let line = current.line
            if parameters.kwargs != nil {
                throw error("arguments cannot follow var-keyword argument")
            }
            if accept(.slash) {
                if sawSlash { throw error("/ may appear only once", line: line) }
                if sawStar { throw error("/ must be ahead of *", line: line) }
                if parameters.positional.isEmpty { throw error("at least one argument must precede /", line: line) }
                sawSlash = true
                parameters.positionalOnly = parameters.positional
                parameters.positional = []
            } else if accept(.star) {
                if sawStar { throw error("* argument may appear only once", line: line) }
                sawStar = true
                if case .name(let name) = current.kind {
                    advance()
                    record(name, line, &self)
                    if annotations && accept(.colon) { _ = try parseStarExpression() }
                    if check(.assign) { throw error("var-positional argument cannot have default value") }
                    parameters.varargs = name
                } else if check(closing) || (check(.comma) && isOp(peek(), closing))
                    || (check(.comma) && isOp(peek(), .doubleStar))
                {
                    throw error("named arguments must follow bare *", line: line)
                } else if !check(.comma) {
                    throw fail()
                }
            } else if accept(.doubleStar) {
                let name = try expectName()
                record(name, line, &self)
                if annotations && accept(.colon) { _ = try parseExpression() }
                if check(.assign) { throw error("var-keyword argument cannot have default value") }
                parameters.kwargs = name
            } else {
                let name = try expectName()
                record(name, line, &self)
                if annotations && accept(.colon) { _ = try parseExpression() }
                var defaultValue: Expr? = nil
                if accept(.assign) { defaultValue = try parseExpression() }
                if sawStar {
                    parameters.keywordOnly.append(Parameter(name: name, defaultValue: defaultValue))
                } else {
                    if defaultValue != nil {
                        sawDefault = true
                    } else if sawDefault {
                        throw error("non-default argument follows default argument", line: line)
                    }
                    parameters.positional.append(Parameter(name: name, defaultValue: defaultValue))
                }
            }
            if !accept(.comma) { break }
        }
        return parameters
    }
}
