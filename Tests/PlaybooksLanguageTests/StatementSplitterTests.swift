import PlaybooksLanguage
import Testing

/// Splits `text` fed whole, and fed one Unicode scalar at a time; both must agree.
private func split(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [StatementSplitter.Statement] {
    func run(_ chunks: [String]) -> [StatementSplitter.Statement] {
        var s = StatementSplitter()
        var out: [StatementSplitter.Statement] = []
        for c in chunks {
            s.feed(c)
            for case .statement(let st) in s.take() { out.append(st) }
        }
        s.finish()
        for case .statement(let st) in s.take() { out.append(st) }
        return out
    }
    let whole = run([text])
    let single = run(StreamChunker.chunks(of: text, size: 1))
    #expect(whole == single, "whole and 1-character feeding differ", sourceLocation: sourceLocation)
    for seed in [UInt64(7), 8] {
        #expect(run(StreamChunker.chunks(of: text, seed: seed)) == whole, sourceLocation: sourceLocation)
    }
    return whole
}

private func texts(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    split(text, sourceLocation: sourceLocation).map(\.text)
}

@Suite("Statement splitter")
struct StatementSplitterTests {
    @Test func simpleStatements() {
        let s = split("x = 1\ny = 2\nprint(x + y)\n")
        #expect(s.map(\.text) == ["x = 1\n", "y = 2\n", "print(x + y)\n"])
        #expect(s.map(\.line) == [1, 2, 3])
    }

    @Test func simpleStatementIsReleasedAtItsNewline() {
        var s = StatementSplitter()
        s.feed("x = 1")
        #expect(s.take().isEmpty)
        s.feed("\n")
        #expect(s.take() == [.statement(.init(text: "x = 1\n", line: 1))])
    }

    @Test func ifElifElseArrivingLineByLine() {
        var s = StatementSplitter()
        for line in ["if a:\n", "    b()\n", "elif c:\n", "    d()\n", "else:\n", "    e()\n"] {
            s.feed(line)
            #expect(s.take().isEmpty, "released too early after \(line)")
        }
        s.feed("f")
        #expect(s.take() == [.statement(.init(text: "if a:\n    b()\nelif c:\n    d()\nelse:\n    e()\n", line: 1))])
        s.feed("()\n")
        #expect(s.take() == [.statement(.init(text: "f()\n", line: 7))])
        #expect(texts("if a:\n    b()\nelif c:\n    d()\nelse:\n    e()\nf()\n").count == 2)
    }

    @Test func ifIsNotHeldByAWordStartingLikeElse() {
        #expect(texts("if a:\n  b\nelsewhere = 1\nelf = 2\n") == ["if a:\n  b\n", "elsewhere = 1\n", "elf = 2\n"])
    }

    @Test func elseWaitsUntilItsWordIsComplete() {
        var s = StatementSplitter()
        s.feed("if a:\n  b\nel")
        #expect(s.take().isEmpty)
        s.feed("se:\n  c\n")
        #expect(s.take().isEmpty)
        s.finish()
        #expect(s.take() == [.statement(.init(text: "if a:\n  b\nelse:\n  c\n", line: 1))])
    }

    @Test func tryExceptElseFinally() {
        let src = "try:\n  a()\nexcept ValueError:\n  b()\nexcept:\n  c()\nelse:\n  d()\nfinally:\n  e()\nx = 1\n"
        #expect(texts(src) == [String(src.dropLast(6)), "x = 1\n"])
        #expect(texts("try:\n  a\nfinally:\n  b\nelse = 1\n").count == 2)
    }

    @Test func forElseAndWhileElse() {
        #expect(texts("for i in x:\n  a\nelse:\n  b\nc\n") == ["for i in x:\n  a\nelse:\n  b\n", "c\n"])
        #expect(texts("while x:\n  a\nelse:\n  b\nc\n") == ["while x:\n  a\nelse:\n  b\n", "c\n"])
        #expect(texts("for i in x:\n  a\nelse:\n  b\nelse:\n  c\n").count == 2)
    }

    @Test func decorators() {
        let src = "@a\n@b(1,\n   2)\ndef f():\n  pass\n@c\nclass K:\n  pass\nasync def g():\n  pass\nx\n"
        #expect(texts(src) == ["@a\n@b(1,\n   2)\ndef f():\n  pass\n", "@c\nclass K:\n  pass\n", "async def g():\n  pass\n", "x\n"])
    }

    @Test func nestedBlocksAndIntermediateDedent() {
        let src = """
            def f(x):
                if x:
                    for i in x:
                        print(i)
                    print("back to level 2")
                else:
                    while x:
                        x -= 1
                return x
            f(3)

            """
        let s = split(src)
        #expect(s.count == 2)
        #expect(s[1].text == "f(3)\n" && s[1].line == 10)
    }

    @Test func blankLinesAndCommentsInsideBlocks() {
        let src = "if a:\n    b\n\n# top-level comment\n    # indented comment\n\n    c\n\nelse:\n    d\n\n# done\nz = 1\n"
        let s = split(src)
        #expect(s.count == 2)
        #expect(s[0].text.hasPrefix("if a:") && s[0].text.contains("else:"))
        #expect(s[1].text == "z = 1\n" && s[1].line == 13)
    }

    @Test func stringsContainingElseAndBrackets() {
        let src = "if a:\n    s = 'else: ('\nt = \"[{ else:\"\nu = '\\''\nv = \"\\\"(\"\nw = 1\n"
        #expect(texts(src) == ["if a:\n    s = 'else: ('\n", "t = \"[{ else:\"\n", "u = '\\''\n", "v = \"\\\"(\"\n", "w = 1\n"])
        #expect(texts("x = r'(\\''\ny = f\"{a} ((\"\nz = rb'['\n").count == 3)
    }

    @Test func tripleQuotedStringsSpanningLines() {
        let src = "s = '''line one\nelse:\n  ( ''' + \"\"\"\nx = \\\"\"\" '''\n\"\"\"\nt = 1\n"
        #expect(texts(src) == ["s = '''line one\nelse:\n  ( ''' + \"\"\"\nx = \\\"\"\" '''\n\"\"\"\n", "t = 1\n"])
        #expect(split(src)[1].line == 6)
    }

    @Test func bracketsAndBackslashContinuations() {
        #expect(texts("x = (1,\n2)\ny = [\n  3,\n]\nz = 1 + \\\n  2\nw = {1:\n 2}\n").count == 4)
        #expect(texts("if (a and\nb):\n  c\nd\n") == ["if (a and\nb):\n  c\n", "d\n"])
    }

    @Test func crlfLineEndings() {
        let s = split("if a:\r\n  b\r\nelse:\r\n  c\r\nd = 1\r\ne\r")
        #expect(s.map(\.text) == ["if a:\n  b\nelse:\n  c\n", "d = 1\n", "e\n"])
        #expect(s.map(\.line) == [1, 5, 6])
    }

    @Test func noFinalNewline() {
        #expect(texts("x = 1\ny = 2") == ["x = 1\n", "y = 2"])
        #expect(texts("if a:\n  b\nelse:\n  c") == ["if a:\n  b\nelse:\n  c"])
        #expect(texts("if a:\n  b\nel") == ["if a:\n  b\n", "el"])
    }

    @Test func otherBlockHeaders() {
        #expect(texts("match p:\n    case 1:\n        pass\nx\n") == ["match p:\n    case 1:\n        pass\n", "x\n"])
        #expect(texts("with a as b:\n  c\nclass K: pass\nx: int = 1\n").count == 3)
    }

    @Test func fencedResponseWithProseAndTwoBlocks() {
        let src = """
            Sure! Here is the plan: (first step
            ```python
            x = 1
            if x:
                print(x)
            ```
            Now some prose with else: and an open ( bracket.
            ```
            else_ = 2
            print(x +
                  else_)
            ```
            Done.

            """
        var s = StatementSplitter()
        s.feed(src)
        s.finish()
        let outputs = s.take()
        #expect(outputs.first == .firstFence)
        let stmts = outputs.compactMap { if case .statement(let st) = $0 { return st } else { return nil } }
        #expect(stmts.map(\.text) == ["x = 1\n", "if x:\n    print(x)\n", "else_ = 2\n", "print(x +\n      else_)\n"])
        #expect(stmts.map(\.line) == [3, 4, 9, 10])
        #expect(split(src).map(\.text) == stmts.map(\.text))
    }

    @Test func unfencedResponseIsAllCode() {
        let s = split("x = 1\n`y` = 2\n``\nprint(x)\n")
        #expect(s.count == 4)
        #expect(s[3].line == 4)
    }

    @Test func encodedStateResumesMidStatement() throws {
        let src = "if a:\n  s = '''x\nelse:'''\nelse:\n  b\nc = [1,\n2]\n"
        for cut in 0...src.utf8.count {
            var s = StatementSplitter()
            let bytes = Array(src.utf8)
            s.feed(bytes: bytes[..<cut])
            var restored = try StatementSplitter(encoded: s.encoded())
            #expect(restored == s)
            restored.feed(bytes: bytes[cut...])
            restored.finish()
            var whole = StatementSplitter()
            whole.feed(src)
            whole.finish()
            #expect(restored.take() == whole.take(), "cut at \(cut)")
        }
    }
}
