extension Parser {
    /// Parses a module whose first line is line `firstLine` of a larger text (a statement cut out
    /// of an LLM response), so that every line number in the AST, in syntax errors and later in
    /// tracebacks refers to the whole text. Same error precedence as ``parse(_:)``.
    static func parse(_ source: String, firstLine: Int) throws(SyntaxError) -> Module {
        if firstLine == 1 { return try parse(source) }
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
}
