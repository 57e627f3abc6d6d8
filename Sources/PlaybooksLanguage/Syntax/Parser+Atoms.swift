extension Parser.State {
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
}
