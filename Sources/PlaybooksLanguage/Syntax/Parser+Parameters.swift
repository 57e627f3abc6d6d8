extension Parser.State {
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
