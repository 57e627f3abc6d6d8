import BigInt
import Testing

@testable import PlaybooksLanguage

private func kinds(_ source: String, startLine: Int = 1) throws -> [TokenKind] {
    var lexer = Lexer(source, startLine: startLine)
    return try lexer.tokenize().map(\.kind)
}

private func lexError(_ source: String) -> SyntaxError? {
    var lexer = Lexer(source)
    do {
        _ = try lexer.tokenize()
        return nil
    } catch {
        return error
    }
}

@Suite struct LexerTests {
    @Test func indentationProducesIndentAndDedent() throws {
        let tokens = try kinds("if x:\n    y = 1\nz\n")
        #expect(
            tokens == [
                .keyword(.if), .name("x"), .op(.colon), .newline, .indent, .name("y"), .op(.assign),
                .number(.int(1)), .newline, .dedent, .name("z"), .newline, .endOfFile,
            ])
    }

    @Test func dedentsAtEndOfFileWithoutNewline() throws {
        let tokens = try kinds("def f():\n  if x:\n    pass")
        #expect(tokens.suffix(4) == [.newline, .dedent, .dedent, .endOfFile])
    }

    @Test func blankAndCommentLinesDoNotAffectIndentation() throws {
        let tokens = try kinds("if x:\n  a\n\n      # comment\n   \n  b\n")
        #expect(!tokens.contains(.dedent) || tokens.firstIndex(of: .dedent)! > tokens.firstIndex(of: .name("b"))!)
        #expect(tokens.filter { $0 == .indent }.count == 1)
    }

    @Test func tabsCountToMultiplesOfEight() throws {
        let tokens = try kinds("if x:\n\ta\n\tb\n")
        #expect(tokens.filter { $0 == .indent }.count == 1)
        let error = lexError("if x:\n\ta\n        b\n")
        #expect(error?.kind == "TabError")
        #expect(error?.line == 3)
    }

    @Test func implicitLineJoiningInsideBrackets() throws {
        let tokens = try kinds("x = (1,\n     2)\n")
        #expect(tokens.filter { $0 == .newline }.count == 1)
    }

    @Test func backslashContinuation() throws {
        let tokens = try kinds("x = 1 + \\\n    2\n")
        #expect(tokens.filter { $0 == .newline }.count == 1)
        #expect(!tokens.contains(.indent))
    }

    @Test func lineEndingsAndBOM() throws {
        var lexer = Lexer("\u{FEFF}a = 1\r\nb = 2\rc = 3")
        let tokens = try lexer.tokenize()
        #expect(tokens.first?.kind == .name("a"))
        #expect(tokens.filter { $0.kind == .newline }.map(\.line) == [1, 2, 3])
    }

    @Test func startLineNumbersTokens() throws {
        var lexer = Lexer("a\nb\n", startLine: 10)
        let tokens = try lexer.tokenize()
        #expect(tokens.map(\.line) == [10, 10, 11, 11, 11])
    }

    @Test func numbers() throws {
        #expect(try kinds("1_000")[0] == .number(.int(1000)))
        #expect(try kinds("0x_fF")[0] == .number(.int(255)))
        #expect(try kinds("0o17")[0] == .number(.int(15)))
        #expect(try kinds("0b101")[0] == .number(.int(5)))
        #expect(try kinds("00")[0] == .number(.int(0)))
        #expect(try kinds("1.5")[0] == .number(.float(1.5)))
        #expect(try kinds(".5")[0] == .number(.float(0.5)))
        #expect(try kinds("5.")[0] == .number(.float(5)))
        #expect(try kinds("1e10")[0] == .number(.float(1e10)))
        #expect(try kinds("1_000.5")[0] == .number(.float(1000.5)))
        #expect(try kinds("1E-3")[0] == .number(.float(0.001)))
        #expect(try kinds("0.1")[0] == .number(.float(0.1)))
        #expect(try kinds("1e400")[0] == .number(.float(.infinity)))
        #expect(try kinds("9223372036854775807")[0] == .number(.int(Int.max)))
        #expect(
            try kinds("9223372036854775808")[0] == .number(.bigInt(BigInt("9223372036854775808"))))
        #expect(try kinds("0xFFFFFFFFFFFFFFFFFF")[0] == .number(.bigInt(BigInt("FFFFFFFFFFFFFFFFFF", radix: 16)!)))
        #expect(try kinds("1if x else y")[0...1] == [.number(.int(1)), .keyword(.if)])
        #expect(try kinds("1 .real")[0...2] == [.number(.int(1)), .op(.dot), .name("real")])
    }

    @Test func numberErrors() {
        #expect(lexError("1abc")?.message == "invalid decimal literal")
        #expect(lexError("1_")?.message == "invalid decimal literal")
        #expect(lexError("0x")?.message == "invalid hexadecimal literal")
        #expect(lexError("0o8")?.message == "invalid digit '8' in octal literal")
        #expect(lexError("0b2")?.message == "invalid digit '2' in binary literal")
        #expect(lexError("012")?.message.hasPrefix("leading zeros in decimal integer literals") == true)
        #expect(lexError("1j")?.message == "imaginary numbers are not supported")
    }

    @Test func stringPrefixesAndQuotes() throws {
        guard case .string(let a) = try kinds("rf'x{y}'")[0] else {
            Issue.record("expected string")
            return
        }
        #expect(a.isRaw && a.isFormatted && !a.isBytes && a.body == "x{y}")
        guard case .string(let b) = try kinds("\"\"\"a\n'b'\"\"\"")[0] else {
            Issue.record("expected string")
            return
        }
        #expect(b.isTripleQuoted && b.body == "a\n'b'" && b.quote == UInt8(ascii: "\""))
        guard case .string(let c) = try kinds("Br'\\d'")[0] else {
            Issue.record("expected string")
            return
        }
        #expect(c.isBytes && c.isRaw && c.body == "\\d")
        #expect(try kinds("ur'x'")[0] == .name("ur"))
    }

    @Test func stringErrors() {
        let single = lexError("x = 'abc\ny = 2")
        #expect(single?.message == "unterminated string literal (detected at line 1)")
        #expect(single?.line == 1)
        let triple = lexError("x = 1\ns = '''abc\n\n\n")
        #expect(triple?.message == "unterminated triple-quoted string literal (detected at line 4)")
        #expect(triple?.line == 2)
    }

    @Test func escapes() throws {
        let decoded = try Lexer.decodeEscapes(Array("a\\n\\t\\\\\\'\\\"\\r\\0\\a\\b\\f\\v\\101\\x41\\u00e9\\U0001F600\\q\\\nz".utf8))
        #expect(decoded == "a\n\t\\'\"\r\0\u{7}\u{8}\u{C}\u{B}AAé😀\\qz")
        #expect(throws: Lexer.EscapeError.self) { try Lexer.decodeEscapes(Array("\\x4".utf8)) }
        #expect(throws: Lexer.EscapeError.self) { try Lexer.decodeEscapes(Array("\\N{DASH}".utf8)) }
    }

    @Test func stateVariablesAndOperators() throws {
        #expect(try kinds("$count += 1")[0...2] == [.stateVariable("count"), .op(.plusAssign), .number(.int(1))])
        #expect(
            try kinds("a **= b // c -> d := e ... != f")
                == [
                    .name("a"), .op(.doubleStarAssign), .name("b"), .op(.doubleSlash), .name("c"), .op(.arrow),
                    .name("d"), .op(.walrus), .name("e"), .op(.ellipsis), .op(.notEqual), .name("f"), .newline,
                    .endOfFile,
                ])
        #expect(lexError("a $ b")?.message == "invalid syntax")
    }

    @Test func unicodeIdentifiers() throws {
        #expect(try kinds("héllo = 蟒")[0...2] == [.name("héllo"), .op(.assign), .name("蟒")])
        #expect(lexError("a € b")?.message == "invalid character '€' (U+20AC)")
        #expect(lexError("a\u{A0}b")?.message == "invalid non-printable character U+00A0")
    }

    @Test func bracketErrors() {
        #expect(lexError("foo)")?.message == "unmatched ')'")
        #expect(lexError("foo(]")?.message == "closing parenthesis ']' does not match opening parenthesis '('")
        #expect(
            lexError("foo(\n]")?.message == "closing parenthesis ']' does not match opening parenthesis '(' on line 1")
        let unclosed = lexError("x = [1,\n2")
        #expect(unclosed?.message == "'[' was never closed")
        #expect(unclosed?.line == 1)
        #expect(lexError(String(repeating: "(", count: 201))?.message == "too many nested parentheses")
    }

    @Test func indentationErrors() {
        let error = lexError("if x:\n    a\n  b\n")
        #expect(error?.message == "unindent does not match any outer indentation level")
        #expect(error?.kind == "IndentationError")
        #expect(error?.line == 3)
    }
}
