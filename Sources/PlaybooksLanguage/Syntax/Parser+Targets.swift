/// Where a target appears; decides which targets are valid and the wording of errors.
enum TargetContext {
    case assignment
    case forLoop
    case deletion
    case with
}

extension Parser.State {
    /// Parses `star_targets` (for `for` loops and comprehensions) or `del_targets`: comma-separated
    /// targets at the `bitwise_or` level, so that the `in` of a `for` is not read as a comparison.
    /// Returns a tuple when there is a comma; validates the result.
    mutating func parseTargetList(context: TargetContext) throws(SyntaxError) -> Expr {
        let first = try parseTarget()
        var result = first
        if check(.comma) {
            var elements = [first]
            while accept(.comma) {
                guard startsExpression(current) || check(.star) else { break }
                elements.append(try parseTarget())
            }
            result = Expr(.tuple(elements), line: first.line)
        }
        try validateTarget(result, context: context)
        return result
    }

    mutating func parseTarget() throws(SyntaxError) -> Expr {
        if check(.star) {
            let line = current.line
            advance()
            return Expr(.starred(try parseBitwiseOr()), line: line)
        }
        return try parseBitwiseOr()
    }

    /// Throws CPython's "cannot assign to ..." / "cannot delete ..." for an invalid target, and
    /// postpones the compiler's starred-target errors.
    mutating func validateTarget(_ target: Expr, context: TargetContext) throws(SyntaxError) {
        if let bad = invalidTarget(target, context: context) {
            if context == .deletion {
                throw error("cannot delete \(expressionName(bad))", line: bad.line)
            }
            throw error("cannot assign to \(expressionName(bad))", line: bad.line)
        }
        if case .starred = target.kind {
            postpone(SyntaxError("starred assignment target must be in a list or tuple", line: target.line))
        }
        checkStarredCount(target)
    }

    /// Postpones "multiple starred expressions in assignment" for any tuple or list with two stars.
    mutating func checkStarredCount(_ target: Expr) {
        switch target.kind {
        case .tuple(let elements), .list(let elements):
            var stars = 0
            for element in elements {
                if case .starred(let inner) = element.kind {
                    stars += 1
                    checkStarredCount(inner)
                } else {
                    checkStarredCount(element)
                }
            }
            if stars > 1 {
                postpone(SyntaxError("multiple starred expressions in assignment", line: target.line))
            }
        default:
            break
        }
    }

    /// The first sub-expression that cannot be a target, like CPython's `_PyPegen_get_invalid_target`.
    func invalidTarget(_ expr: Expr, context: TargetContext) -> Expr? {
        switch expr.kind {
        case .name, .stateVariable, .attribute, .subscript:
            return nil
        case .tuple(let elements), .list(let elements):
            for element in elements {
                if let bad = invalidTarget(element, context: context) { return bad }
            }
            return nil
        case .starred(let inner):
            if context == .deletion { return expr }
            return invalidTarget(inner, context: context)
        case .compare(let left, let ops, _):
            if context == .forLoop {
                if ops.first == .in { return invalidTarget(left, context: context) }
                return nil
            }
            return expr
        default:
            return expr
        }
    }

    /// Validates the target of an augmented assignment.
    func validateAugmentedTarget(_ target: Expr) throws(SyntaxError) {
        switch target.kind {
        case .name, .stateVariable, .attribute, .subscript:
            return
        default:
            throw error(
                "'\(expressionName(target))' is an illegal expression for augmented assignment", line: target.line)
        }
    }

    /// Validates the target of an annotated assignment.
    func validateAnnotatedTarget(_ target: Expr) throws(SyntaxError) {
        switch target.kind {
        case .name, .stateVariable, .attribute, .subscript:
            return
        case .tuple:
            throw error("only single target (not tuple) can be annotated", line: target.line)
        case .list:
            throw error("only single target (not list) can be annotated", line: target.line)
        default:
            throw error("illegal target for annotation", line: target.line)
        }
    }

    /// CPython's name for a kind of expression in error messages (`_PyPegen_get_expr_name`).
    func expressionName(_ expr: Expr) -> String {
        switch expr.kind {
        case .name: return "name"
        case .stateVariable: return "name"
        case .attribute: return "attribute"
        case .subscript: return "subscript"
        case .starred: return "starred"
        case .list: return "list"
        case .tuple: return "tuple"
        case .lambda: return "lambda"
        case .call: return "function call"
        case .boolOp, .binary, .unary: return "expression"
        case .generatorExp: return "generator expression"
        case .await: return "await expression"
        case .listComp: return "list comprehension"
        case .setComp: return "set comprehension"
        case .dictComp: return "dict comprehension"
        case .dict: return "dict literal"
        case .set: return "set display"
        case .fstring: return "f-string expression"
        case .compare: return "comparison"
        case .ifExp: return "conditional expression"
        case .namedExpr: return "named expression"
        case .slice: return "slice"
        case .constant(let c):
            switch c {
            case .none: return "None"
            case .bool(let b): return b ? "True" : "False"
            case .ellipsis: return "ellipsis"
            default: return "literal"
            }
        }
    }
}
