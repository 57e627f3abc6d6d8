import BigInt

/// A reserved word of the Python grammar (soft keywords such as `match` are plain names).
public enum ReservedWord: String, Sendable, CaseIterable {
    case `false` = "False", none = "None", `true` = "True"
    case and, `as`, assert, async, await, `break`, `class`, `continue`, def, del, elif
    case `else`, except, finally, `for`, from, global, `if`, `import`, `in`, `is`, lambda
    case nonlocal, not, or, pass, raise, `return`, `try`, `while`, with, yield
}

/// An operator or delimiter token.
public enum Operator: String, Sendable, CaseIterable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}"
    case colon = ":", comma = ",", semicolon = ";", dot = ".", ellipsis = "...", arrow = "->"
    case at = "@", assign = "=", walrus = ":="
    case plus = "+", minus = "-", star = "*", slash = "/", doubleSlash = "//", percent = "%"
    case doubleStar = "**", tilde = "~", caret = "^", pipe = "|", ampersand = "&"
    case leftShift = "<<", rightShift = ">>"
    case less = "<", greater = ">", lessEqual = "<=", greaterEqual = ">=", equal = "==", notEqual = "!="
    case plusAssign = "+=", minusAssign = "-=", starAssign = "*=", slashAssign = "/="
    case doubleSlashAssign = "//=", percentAssign = "%=", doubleStarAssign = "**="
    case atAssign = "@=", ampersandAssign = "&=", pipeAssign = "|=", caretAssign = "^="
    case leftShiftAssign = "<<=", rightShiftAssign = ">>="
}

/// A numeric literal's value.
public enum NumberLiteral: Sendable, Equatable {
    case int(Int)
    case bigInt(BigInt)
    case float(Double)
}

/// A string literal exactly as written; escapes are decoded by the parser.
public struct StringLiteral: Sendable, Equatable {
    /// The text between the quotes, undecoded.
    public var body: String
    public var isRaw: Bool
    public var isFormatted: Bool
    public var isBytes: Bool
    /// `'` or `"`.
    public var quote: UInt8
    public var isTripleQuoted: Bool
    /// The line on which the body starts (the line of the opening quote).
    public var line: Int

    public init(
        body: String, isRaw: Bool = false, isFormatted: Bool = false, isBytes: Bool = false,
        quote: UInt8 = UInt8(ascii: "'"), isTripleQuoted: Bool = false, line: Int = 1
    ) {
        self.body = body
        self.isRaw = isRaw
        self.isFormatted = isFormatted
        self.isBytes = isBytes
        self.quote = quote
        self.isTripleQuoted = isTripleQuoted
        self.line = line
    }
}

/// What a token is.
public enum TokenKind: Sendable, Equatable {
    case name(String)
    case keyword(ReservedWord)
    /// `$name`.
    case stateVariable(String)
    case number(NumberLiteral)
    case string(StringLiteral)
    case op(Operator)
    /// The end of a logical line.
    case newline
    case indent
    case dedent
    case endOfFile
}

/// One token with the position where it starts.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    /// 1-based line.
    public var line: Int
    /// 1-based column in UTF-8 bytes.
    public var column: Int

    public init(_ kind: TokenKind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }
}
