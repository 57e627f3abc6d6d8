/// The parser: turns Python source into a ``Module``.
public enum Parser {
    /// Parses a whole module. Throws SyntaxError (defined in AST.swift) with CPython's message and line.
    public static func parse(_ source: String) throws(SyntaxError) -> Module {
        try parse(source, firstLine: 1)
    }

    /// Parses a module whose first line is line `firstLine` of a larger text (a statement cut out
    /// of an LLM response), so that every line number in the AST, in syntax errors and later in
    /// tracebacks refers to the whole text.
    public static func parse(_ source: String, firstLine: Int) throws(SyntaxError) -> Module {
        var lexer = Lexer(source, startLine: firstLine)
        var tokens: [Token] = []
        var unclosedBracket: SyntaxError? = nil
        var lexerError: SyntaxError? = nil
        while true {
            do throws(SyntaxError) {
                let token = try lexer.next()
                tokens.append(token)
                if token.kind == .endOfFile { break }
            } catch {
                // The parser runs over the tokens before the error, then an end-of-input sentinel.
                if lexer.isAtEndInsideBrackets {
                    unclosedBracket = error
                } else {
                    lexerError = error
                }
                tokens.append(Token(.endOfFile, line: lexer.lastLine + 1, column: 1))
                break
            }
        }
        if tokens.isEmpty { tokens.append(Token(.endOfFile, line: firstLine, column: 1)) }
        var state = State(tokens: tokens)
        let module: Module
        do throws(SyntaxError) {
            module = try state.parseModule()
        } catch {
            // CPython's rules for which error wins: an unexpected INDENT is reported as is; any other
            // parser error gives way to a tokenizer error anywhere in the source, and to an unclosed
            // bracket opened on an earlier line.
            let unexpectedIndentation = error.kind == "IndentationError" && error.message.hasPrefix("unexpected")
            let reachedEnd = state.index >= tokens.count - 1
            if let lexerError, reachedEnd || !unexpectedIndentation { throw lexerError }
            if let unclosed = unclosedBracket,
                reachedEnd || error.line > unclosed.line || error.message.hasSuffix("Perhaps you forgot a comma?")
            {
                throw unclosed
            }
            throw error
        }
        if let lexerError { throw lexerError }
        if let unclosedBracket { throw unclosedBracket }
        if let error = state.deferredError { throw error }
        return module
    }

    /// Parses one expression (as found in an f-string replacement field or an `eval`), starting at
    /// line `line`. Tuples without parentheses are allowed.
    public static func parseExpression(_ source: String, line: Int = 1) throws(SyntaxError) -> Expr {
        var lexer = Lexer(source, startLine: line)
        var tokens = try lexer.tokenize()
        // Implicit line joining does not apply at top level; drop the NEWLINE the lexer adds.
        tokens.removeAll { $0.kind == .newline }
        var state = State(tokens: tokens)
        let expr = try state.parseStarExpressions()
        guard state.current.kind == .endOfFile else { throw state.fail(after: expr) }
        if let error = state.deferredError { throw error }
        return expr
    }
}

extension Lexer {
    /// True when the lexer stopped at the end of the input with a bracket still open.
    var isAtEndInsideBrackets: Bool { pos >= bytes.count && !brackets.isEmpty }
}

extension Parser {
    /// The recursive-descent parser's state over a token array that ends with `endOfFile`.
    struct State {
        let tokens: [Token]
        var index = 0
        /// Depth of the syntax tree at the current position (nested expressions, operator and
        /// trailer chains, `elif` chains), bounded by ``maxDepth`` so that neither this parser nor
        /// any later walk over the tree (symbol table, compiler, deallocation) recurses without bound.
        var depth = 0
        /// How many brackets enclose the current position.
        var bracketDepth = 0
        var functionDepth = 0
        var loopDepth = 0
        /// The first error that CPython reports after parsing (symbol table and compiler checks):
        /// thrown only if the whole module parses.
        var deferredError: SyntaxError? = nil

        /// CPython 3.11 raises `RecursionError` during compilation at a tree depth of about 3000
        /// (three times its recursion limit); this limit is lower so that the compiler's recursion
        /// fits an 8 MB stack in a debug build (about 4 KB a level). On smaller stacks
        /// ``StackGuard`` raises the same error earlier.
        static let maxDepth = 1000

        init(tokens: [Token], depth: Int = 0) {
            self.tokens = tokens.isEmpty ? [Token(.endOfFile, line: 1, column: 1)] : tokens
            self.depth = depth
        }

        var current: Token { tokens[index] }

        func peek(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

        var previous: Token { tokens[max(0, index - 1)] }

        mutating func advance() {
            if index < tokens.count - 1 { index += 1 }
        }

        func check(_ op: Operator) -> Bool {
            if case .op(let o) = current.kind { return o == op }
            return false
        }

        func check(_ keyword: ReservedWord) -> Bool {
            if case .keyword(let k) = current.kind { return k == keyword }
            return false
        }

        func isOp(_ token: Token, _ op: Operator) -> Bool {
            if case .op(let o) = token.kind { return o == op }
            return false
        }

        func isKeyword(_ token: Token, _ keyword: ReservedWord) -> Bool {
            if case .keyword(let k) = token.kind { return k == keyword }
            return false
        }

        mutating func accept(_ op: Operator) -> Bool {
            if check(op) {
                advance()
                return true
            }
            return false
        }

        mutating func accept(_ keyword: ReservedWord) -> Bool {
            if check(keyword) {
                advance()
                return true
            }
            return false
        }

        mutating func expect(_ op: Operator, after expr: Expr? = nil) throws(SyntaxError) {
            if !accept(op) { throw fail(after: expr) }
        }

        mutating func expectName() throws(SyntaxError) -> String {
            if case .name(let name) = current.kind {
                advance()
                return name
            }
            throw fail()
        }

        /// Records an error CPython raises after parsing; the first one wins.
        mutating func postpone(_ error: SyntaxError) {
            if deferredError == nil { deferredError = error }
        }

        func error(_ message: String, line: Int? = nil, kind: String = "SyntaxError") -> SyntaxError {
            SyntaxError(message, line: line ?? current.line, column: current.column, kind: kind)
        }

        /// The error for an unexpected current token: CPython's generic "invalid syntax", or a more
        /// specific message when the token is an INDENT or a second expression inside brackets.
        func fail(after expr: Expr? = nil) -> SyntaxError {
            let token = current
            switch token.kind {
            case .indent:
                return SyntaxError("unexpected indent", line: token.line, column: token.column, kind: "IndentationError")
            case .dedent:
                return SyntaxError("unexpected unindent", line: token.line, column: token.column, kind: "IndentationError")
            default:
                break
            }
            if let expr, bracketDepth > 0, canStartJuxtaposedExpression(token) {
                var nameBeforeString = false
                if case .name = expr.kind, case .string = token.kind { nameBeforeString = true }
                if !nameBeforeString {
                    // CPython parses the second expression and so looks at the token after it; at the
                    // end of input inside an unclosed bracket that is the "was never closed" error.
                    var lookahead = self
                    lookahead.depth = 0
                    if (try? lookahead.parseExpression()) != nil, lookahead.current.kind == .endOfFile {
                        return SyntaxError("invalid syntax", line: lookahead.current.line, column: 1)
                    }
                    return SyntaxError("invalid syntax. Perhaps you forgot a comma?", line: expr.line, column: 1)
                }
            }
            return SyntaxError("invalid syntax", line: token.line, column: token.column)
        }

        /// Tokens that cannot continue an expression but can start a new one.
        func canStartJuxtaposedExpression(_ token: Token) -> Bool {
            switch token.kind {
            case .name, .number, .string, .stateVariable: return true
            case .keyword(let k): return k == .none || k == .true || k == .false || k == .lambda || k == .await
            case .op(let o): return o == .leftBrace || o == .tilde || o == .ellipsis
            default: return false
            }
        }

        /// The last line covered by the most recently consumed token.
        var previousEndLine: Int {
            let token = previous
            if case .string(let literal) = token.kind {
                var newlines = 0
                for c in literal.body.utf8 where c == 10 { newlines += 1 }
                return token.line + newlines
            }
            return token.line
        }

        /// One level deeper in the syntax tree; past ``maxDepth`` CPython's `RecursionError`.
        mutating func enterNesting() throws(SyntaxError) {
            depth += 1
            if depth > State.maxDepth || StackGuard.isNearlyExhausted() {
                throw SyntaxError.compilationRecursion(line: current.line)
            }
        }
    }
}
