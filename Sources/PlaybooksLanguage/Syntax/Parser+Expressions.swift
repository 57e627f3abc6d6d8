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
}
