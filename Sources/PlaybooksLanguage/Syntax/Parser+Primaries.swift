extension Parser.State {
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
}
