import BigInt
import Testing

@testable import PlaybooksLanguage

private func name(_ n: String, _ line: Int = 1) -> Expr { Expr(.name(n), line: line) }
private func int(_ v: Int, _ line: Int = 1) -> Expr { Expr(.constant(.int(v)), line: line) }
private func str(_ v: String, _ line: Int = 1) -> Expr { Expr(.constant(.str(v)), line: line) }

private func parse(_ source: String) throws -> [Stmt] { try Parser.parse(source).body }

/// The expression of a one-line expression statement.
private func expr(_ source: String) throws -> Expr {
    let body = try parse(source)
    guard body.count == 1, case .expr(let e) = body[0].kind else {
        Issue.record("not an expression statement: \(source)")
        return Expr(.constant(.none), line: 0)
    }
    return e
}

private func syntaxError(_ source: String) -> SyntaxError? {
    do {
        _ = try Parser.parse(source)
        return nil
    } catch {
        return error
    }
}

@Suite struct ParserTests {
    @Test(arguments: cpythonCases.indices)
    func matchesCPython(_ index: Int) {
        let testCase = cpythonCases[index]
        let error = syntaxError(testCase.source)
        if let expected = testCase.error {
            #expect(error?.kind == expected.kind, "\(testCase.source)")
            #expect(error?.message == expected.message, "\(testCase.source)")
            #expect(error?.line == expected.line, "\(testCase.source)")
        } else {
            #expect(error == nil, "\(testCase.source): \(String(describing: error))")
        }
    }

    @Test func unsupportedFeaturesAreSyntaxErrors() {
        #expect(syntaxError("x = b'a'")?.message == "bytes literals are not supported")
        #expect(syntaxError("x = 1j")?.message == "imaginary numbers are not supported")
        #expect(syntaxError("def f():\n  yield 1")?.message == "'yield' expressions are not supported")
        #expect(syntaxError("from x import *")?.message == "wildcard imports ('from x import *') are not supported")
        #expect(syntaxError("'\\N{DASH}'")?.message == "\\N{...} escapes are not supported")
        #expect(syntaxError("try:\n  pass\nexcept* E:\n  pass")?.message == "'except*' is not supported")
        #expect(syntaxError("class A(metaclass=M): pass")?.message == "class keyword arguments are not supported")
    }

    @Test func topLevelAwaitAndAsyncAreAllowed() throws {
        #expect(try expr("await f()") == Expr(.await(Expr(.call(name("f"), args: [], keywords: []), line: 1)), line: 1))
        _ = try parse("async for x in y:\n  pass\nasync with a as b:\n  pass")
    }

    @Test func precedence() throws {
        // -2**2 == -(2**2)
        #expect(try expr("-2**2") == Expr(.unary(.negate, Expr(.binary(.pow, int(2), int(2)), line: 1)), line: 1))
        // 2**-1 and right associativity
        #expect(
            try expr("2**3**2") == Expr(.binary(.pow, int(2), Expr(.binary(.pow, int(3), int(2)), line: 1)), line: 1))
        #expect(
            try expr("1 + 2 * 3") == Expr(.binary(.add, int(1), Expr(.binary(.mul, int(2), int(3)), line: 1)), line: 1))
        #expect(
            try expr("1 - 2 - 3") == Expr(.binary(.sub, Expr(.binary(.sub, int(1), int(2)), line: 1), int(3)), line: 1))
        #expect(
            try expr("a | b ^ c & d << e")
                == Expr(
                    .binary(
                        .bitor, name("a"),
                        Expr(
                            .binary(
                                .bitxor, name("b"),
                                Expr(.binary(.bitand, name("c"), Expr(.binary(.lshift, name("d"), name("e")), line: 1)), line: 1)),
                            line: 1)), line: 1))
        #expect(
            try expr("not a and b or c")
                == Expr(
                    .boolOp(
                        .or,
                        [Expr(.boolOp(.and, [Expr(.unary(.not, name("a")), line: 1), name("b")]), line: 1), name("c")]),
                    line: 1))
        #expect(
            try expr("a < b <= c is not d not in e")
                == Expr(.compare(name("a"), [.lt, .le, .isNot, .notIn], [name("b"), name("c"), name("d"), name("e")]), line: 1))
        #expect(
            try expr("a if b else c if d else e")
                == Expr(
                    .ifExp(
                        test: name("b"), body: name("a"), orelse: Expr(.ifExp(test: name("d"), body: name("c"), orelse: name("e")), line: 1)
                    ),
                    line: 1))
        #expect(try expr("~a @ b") == Expr(.binary(.matmul, Expr(.unary(.invert, name("a")), line: 1), name("b")), line: 1))
    }

    @Test func literals() throws {
        #expect(try expr("99999999999999999999") == Expr(.constant(.bigInt(BigInt("99999999999999999999"))), line: 1))
        #expect(try expr("1_000.5") == Expr(.constant(.float(1000.5)), line: 1))
        #expect(try expr("'a' \"b\" '''c'''") == str("abc"))
        #expect(try expr("r'\\n' '\\n'") == str("\\n\n"))
        #expect(try expr("u'x'") == str("x"))
        #expect(try expr("'\\q'") == str("\\q"))
        #expect(try expr("'a\\\nb'") == str("ab"))
        #expect(try expr("'$x'") == str("$x"))
        #expect(try expr("...") == Expr(.constant(.ellipsis), line: 1))
        #expect(try expr("None") == Expr(.constant(.none), line: 1))
        #expect(try expr("True") == Expr(.constant(.bool(true)), line: 1))
    }

    @Test func displaysAndComprehensions() throws {
        #expect(try expr("()") == Expr(.tuple([]), line: 1))
        #expect(try expr("(1,)") == Expr(.tuple([int(1)]), line: 1))
        #expect(try expr("(1)") == int(1))
        #expect(try expr("1, 2") == Expr(.tuple([int(1), int(2)]), line: 1))
        #expect(try expr("[*a, 1]") == Expr(.list([Expr(.starred(name("a")), line: 1), int(1)]), line: 1))
        #expect(try expr("{}") == Expr(.dict([]), line: 1))
        #expect(try expr("{1, 2,}") == Expr(.set([int(1), int(2)]), line: 1))
        #expect(
            try expr("{**d, 1: 2}")
                == Expr(.dict([DictItem(key: nil, value: name("d")), DictItem(key: int(1), value: int(2))]), line: 1))
        #expect(
            try expr("[x for x in a if x if y for z in b]")
                == Expr(
                    .listComp(
                        name("x"),
                        [
                            Comprehension(target: name("x"), iter: name("a"), conditions: [name("x"), name("y")]),
                            Comprehension(target: name("z"), iter: name("b"), conditions: []),
                        ]), line: 1))
        #expect(
            try expr("{k: v for k, v in d}")
                == Expr(
                    .dictComp(
                        key: name("k"), value: name("v"),
                        [Comprehension(target: Expr(.tuple([name("k"), name("v")]), line: 1), iter: name("d"), conditions: [])]),
                    line: 1))
        #expect(
            try expr("(x async for x in a)")
                == Expr(
                    .generatorExp(name("x"), [Comprehension(target: name("x"), iter: name("a"), conditions: [], isAsync: true)]), line: 1))
        #expect(
            try expr("[y for x in a if (y := f(x))]")
                == Expr(
                    .listComp(
                        name("y"),
                        [
                            Comprehension(
                                target: name("x"), iter: name("a"),
                                conditions: [
                                    Expr(.namedExpr("y", Expr(.call(name("f"), args: [name("x")], keywords: []), line: 1)), line: 1)
                                ])
                        ]), line: 1))
    }

    @Test func callsSubscriptsAndSlices() throws {
        #expect(
            try expr("f(1, *a, k=2, **kw)")
                == Expr(
                    .call(
                        name("f"), args: [int(1), Expr(.starred(name("a")), line: 1)],
                        keywords: [Keyword(name: "k", value: int(2)), Keyword(name: nil, value: name("kw"))]), line: 1))
        #expect(
            try expr("f(x for x in y)")
                == Expr(
                    .call(
                        name("f"),
                        args: [
                            Expr(.generatorExp(name("x"), [Comprehension(target: name("x"), iter: name("y"), conditions: [])]), line: 1)
                        ],
                        keywords: []), line: 1))
        #expect(try expr("a[1:2]") == Expr(.subscript(name("a"), Expr(.slice(lower: int(1), upper: int(2), step: nil), line: 1)), line: 1))
        #expect(try expr("a[::2]") == Expr(.subscript(name("a"), Expr(.slice(lower: nil, upper: nil, step: int(2)), line: 1)), line: 1))
        #expect(
            try expr("a[1:2, 3]")
                == Expr(
                    .subscript(name("a"), Expr(.tuple([Expr(.slice(lower: int(1), upper: int(2), step: nil), line: 1), int(3)]), line: 1)),
                    line: 1))
        #expect(try expr("a.b.c") == Expr(.attribute(Expr(.attribute(name("a"), "b"), line: 1), "c"), line: 1))
    }

    @Test func lambdaAndParameters() throws {
        let e = try expr("lambda a, b=1, *args, c, d=2, **kw: a")
        #expect(
            e
                == Expr(
                    .lambda(
                        Parameters(
                            positional: [Parameter(name: "a"), Parameter(name: "b", defaultValue: int(1))], varargs: "args",
                            keywordOnly: [Parameter(name: "c"), Parameter(name: "d", defaultValue: int(2))], kwargs: "kw"),
                        name("a")), line: 1))
        let body = try parse("def f(a, /, b: int = 1, *, c, **k) -> int:\n    return a, b\n")
        guard case .functionDef(let def) = body[0].kind else {
            Issue.record("expected def")
            return
        }
        #expect(def.parameters.positionalOnly == [Parameter(name: "a")])
        #expect(def.parameters.positional == [Parameter(name: "b", defaultValue: int(1))])
        #expect(def.parameters.keywordOnly == [Parameter(name: "c")])
        #expect(def.parameters.kwargs == "k")
        #expect(def.body == [Stmt(.return(Expr(.tuple([name("a", 2), name("b", 2)]), line: 2)), line: 2)])
        #expect(body[0].endLine == 2)
    }

    @Test func stateVariables() throws {
        #expect(
            try parse("$x = $y + 1")
                == [
                    Stmt(
                        .assign(
                            targets: [Expr(.stateVariable("x"), line: 1)],
                            value: Expr(.binary(.add, Expr(.stateVariable("y"), line: 1), int(1)), line: 1)), line: 1)
                ])
        #expect(try parse("$n += 1") == [Stmt(.augAssign(target: Expr(.stateVariable("n"), line: 1), op: .add, value: int(1)), line: 1)])
        #expect(
            try expr("f'{$x}'")
                == Expr(
                    .fstring([.field(expr: Expr(.stateVariable("x"), line: 1), conversion: nil, spec: nil, selfDocumenting: nil)]), line: 1)
        )
    }

    @Test func assignments() throws {
        #expect(try parse("a = b = 1") == [Stmt(.assign(targets: [name("a"), name("b")], value: int(1)), line: 1)])
        #expect(
            try parse("a, *b = xs")
                == [
                    Stmt(
                        .assign(targets: [Expr(.tuple([name("a"), Expr(.starred(name("b")), line: 1)]), line: 1)], value: name("xs")),
                        line: 1)
                ])
        #expect(try parse("x: int = 5") == [Stmt(.annAssign(target: name("x"), annotation: name("int"), value: int(5)), line: 1)])
        #expect(try parse("x: int") == [Stmt(.annAssign(target: name("x"), annotation: name("int"), value: nil), line: 1)])
        let ops: [(String, BinaryOp)] = [
            ("+=", .add), ("-=", .sub), ("*=", .mul), ("/=", .truediv), ("//=", .floordiv), ("%=", .mod), ("**=", .pow),
            (">>=", .rshift), ("<<=", .lshift), ("&=", .bitand), ("^=", .bitxor), ("|=", .bitor), ("@=", .matmul),
        ]
        for (text, op) in ops {
            #expect(try parse("x \(text) 2") == [Stmt(.augAssign(target: name("x"), op: op, value: int(2)), line: 1)])
        }
        #expect(try parse("x = 1; y = 2;").count == 2)
    }

    @Test func compoundStatements() throws {
        let body = try parse("if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\n")
        #expect(
            body == [
                Stmt(
                    .if(
                        test: name("a"), body: [Stmt(.assign(targets: [name("x", 2)], value: int(1, 2)), line: 2)],
                        orelse: [
                            Stmt(
                                .if(
                                    test: name("b", 3), body: [Stmt(.assign(targets: [name("x", 4)], value: int(2, 4)), line: 4)],
                                    orelse: [Stmt(.assign(targets: [name("x", 6)], value: int(3, 6)), line: 6)]), line: 3, endLine: 6)
                        ]), line: 1, endLine: 6)
            ])
        let loop = try parse("for i, (a, b) in xs:\n  continue\nelse:\n  pass")
        guard case .for(let target, _, _, let orelse, false) = loop[0].kind else {
            Issue.record("expected for")
            return
        }
        #expect(target == Expr(.tuple([name("i"), Expr(.tuple([name("a"), name("b")]), line: 1)]), line: 1))
        #expect(orelse.count == 1)
        #expect(
            try parse("if x: y = 1; z = 2")[0]
                == Stmt(
                    .if(
                        test: name("x"),
                        body: [
                            Stmt(.assign(targets: [name("y")], value: int(1)), line: 1),
                            Stmt(.assign(targets: [name("z")], value: int(2)), line: 1),
                        ], orelse: []), line: 1))
        let tryStmt = try parse("try:\n  a\nexcept (A, B) as e:\n  b\nexcept:\n  c\nelse:\n  d\nfinally:\n  e\n")
        guard case .try(_, let handlers, let tryElse, let finalbody) = tryStmt[0].kind else {
            Issue.record("expected try")
            return
        }
        #expect(handlers.count == 2 && handlers[0].name == "e" && handlers[1].type == nil && handlers[1].line == 5)
        #expect(tryElse.count == 1 && finalbody.count == 1 && tryStmt[0].endLine == 10)
        let with = try parse("with open(f) as g, lock:\n  pass\nwith (a as b, c as d):\n  pass")
        guard case .with(let items, _, false) = with[0].kind, case .with(let items2, _, false) = with[1].kind else {
            Issue.record("expected with")
            return
        }
        #expect(items.count == 2 && items[0].target == name("g") && items[1].target == nil)
        #expect(items2.map(\.target) == [name("b", 3), name("d", 3)])
    }

    @Test func classesDecoratorsImports() throws {
        let body = try parse("@d\n@e.f(1)\nclass A(B):\n  x = 1\n  def m(self): pass\n")
        guard case .classDef(let c) = body[0].kind else {
            Issue.record("expected class")
            return
        }
        #expect(c.name == "A" && c.bases == [name("B", 3)] && c.decorators.count == 2 && c.body.count == 2)
        #expect(
            try parse("import a.b as c, d") == [
                Stmt(.import([ImportAlias(name: "a.b", asName: "c"), ImportAlias(name: "d", asName: nil)]), line: 1)
            ])
        #expect(
            try parse("from a import (b as c,\n  d,)")
                == [
                    Stmt(
                        .importFrom(module: "a", names: [ImportAlias(name: "b", asName: "c"), ImportAlias(name: "d", asName: nil)]),
                        line: 1, endLine: 2)
                ])
        #expect(try parse("from . import x")[0].kind == .importFrom(module: ".", names: [ImportAlias(name: "x", asName: nil)]))
    }

    @Test func simpleStatements() throws {
        #expect(try parse("def f():\n  global a, b\n  del a, b[0], c.d\n  raise X from Y\n").count == 1)
        #expect(try parse("assert x, 'm'") == [Stmt(.assert(test: name("x"), message: str("m")), line: 1)])
        #expect(try parse("raise") == [Stmt(.raise(exception: nil, cause: nil), line: 1)])
        #expect(try parse("while 1:\n  break")[0].endLine == 2)
    }

    @Test func fStrings() throws {
        #expect(
            try expr("f'a{b}c'")
                == Expr(
                    .fstring([.literal("a"), .field(expr: name("b"), conversion: nil, spec: nil, selfDocumenting: nil), .literal("c")]),
                    line: 1))
        #expect(
            try expr("f'{x!r:>{w}.2f}'")
                == Expr(
                    .fstring([
                        .field(
                            expr: name("x"), conversion: "r",
                            spec: [
                                .literal(">"), .field(expr: name("w"), conversion: nil, spec: nil, selfDocumenting: nil), .literal(".2f"),
                            ], selfDocumenting: nil)
                    ]), line: 1))
        #expect(
            try expr("f'{x = }'") == Expr(.fstring([.field(expr: name("x"), conversion: nil, spec: nil, selfDocumenting: "x = ")]), line: 1)
        )
        #expect(
            try expr("f'{{}}{a!s}'")
                == Expr(.fstring([.literal("{}"), .field(expr: name("a"), conversion: "s", spec: nil, selfDocumenting: nil)]), line: 1))
        #expect(
            try expr("'a' f'{b}' 'c'")
                == Expr(
                    .fstring([.literal("a"), .field(expr: name("b"), conversion: nil, spec: nil, selfDocumenting: nil), .literal("c")]),
                    line: 1))
        #expect(
            try expr("f'{a[\"k\"] if c else d}'")
                == Expr(
                    .fstring([
                        .field(
                            expr: Expr(
                                .ifExp(test: name("c"), body: Expr(.subscript(name("a"), str("k")), line: 1), orelse: name("d")), line: 1),
                            conversion: nil, spec: nil, selfDocumenting: nil)
                    ]), line: 1))
        #expect(
            try expr("f'{a!=b}'")
                == Expr(
                    .fstring([
                        .field(
                            expr: Expr(.compare(name("a"), [.ne], [name("b")]), line: 1), conversion: nil, spec: nil, selfDocumenting: nil)
                    ]), line: 1))
        #expect(try expr("f''") == Expr(.fstring([]), line: 1))
        #expect(
            try expr("rf'\\n{x}'")
                == Expr(.fstring([.literal("\\n"), .field(expr: name("x"), conversion: nil, spec: nil, selfDocumenting: nil)]), line: 1))
        let multi = try expr("f'''\n{\n a}'''")
        #expect(
            multi
                == Expr(.fstring([.literal("\n"), .field(expr: name("a", 3), conversion: nil, spec: nil, selfDocumenting: nil)]), line: 1))
        #expect(syntaxError("f'{x:=1}'") == nil)
        #expect(syntaxError("f'{lambda x: 1}'")?.message == "f-string: invalid syntax")
    }

    @Test func errorsUseCPythonPrecedenceBetweenTokenizerAndParser() {
        // A tokenizer error later in the file wins over a parser error...
        #expect(syntaxError("x = = 1\n'abc")?.message == "unterminated string literal (detected at line 2)")
        // ...but not over an unexpected indent.
        #expect(syntaxError("x = 1\n  y = 2\nz = 'abc")?.message == "unexpected indent")
        // Semantic errors come only after the whole module parses.
        #expect(syntaxError("return 1\nx = = 2")?.message == "invalid syntax")
    }

    @Test func deepNestingIsRejectedWithoutCrashing() {
        #expect(syntaxError(String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)) != nil)
        #expect(syntaxError(String(repeating: "-", count: 100_000) + "1") != nil)
        #expect(syntaxError(String(repeating: "not ", count: 50_000) + "x") != nil)
        #expect(syntaxError(String(repeating: "lambda: ", count: 5_000) + "x") != nil)
        #expect(syntaxError("x = " + String(repeating: "a if b else ", count: 5_000) + "c") != nil)
        #expect(syntaxError("x = " + String(repeating: "[", count: 199) + String(repeating: "]", count: 199)) == nil)
        let worst = String(repeating: "[lambda: -(not ", count: 66) + "x" + String(repeating: ")]", count: 66)
        #expect(syntaxError(worst) == nil)
        #expect(
            syntaxError(String(repeating: "[", count: 199) + String(repeating: "-", count: 700) + "1" + String(repeating: "]", count: 199))
                != nil)
        #expect(syntaxError(String(repeating: "f'{", count: 20) + "x" + String(repeating: "}'", count: 20)) != nil)
    }

    @Test func largeInputParses() throws {
        var source = ""
        for i in 0..<10_000 {
            source += i % 10 == 0 ? "def f\(i)(a, b=\(i)):\n" : "    x\(i) = [a + b * \(i), f'{a!r}', {'k': (1, 2)}][0]\n"
        }
        #expect(try parse(source).count == 1000)
    }
}
