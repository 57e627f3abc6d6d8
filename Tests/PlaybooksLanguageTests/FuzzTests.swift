import PlaybooksTestSupport
import Testing

@testable import PlaybooksLanguage

@Suite struct FuzzTests {
    /// Random characters from an alphabet rich in Python punctuation never trap the parser.
    @Test func randomCharactersNeverTrap() {
        var random = SplitMix64(seed: 42)
        let alphabet = Array("abcxyz019_ \t\n\r\\'\"#()[]{}:;,.=+-*/%<>!&|^~@$frbuFRBU\u{0}é€\u{A0}𝔘")
        var accepted = 0
        for _ in 0..<3000 {
            let length = random.below(40)
            var text = ""
            for _ in 0..<length { text.append(alphabet[random.below(alphabet.count)]) }
            if (try? Parser.parse(text)) != nil { accepted += 1 }
        }
        #expect(accepted > 0)
    }

    /// Random sequences of tokens (more likely to get deep into the grammar) never trap the parser.
    @Test func randomTokenSoupNeverTraps() {
        var random = SplitMix64(seed: 7)
        let pieces = [
            "x", "y", "$s", "1", "2.5", "0x1F", "'a'", "f'{x}'", "f'{x!r:>{w}}'", "\"\"\"t\"\"\"", "(", ")", "[", "]", "{",
            "}", ":", ",", ";", ".", "=", "==", "+", "-", "*", "**", "/", "//", "%", "@", "<", ">=", "!=", "+=", ":=",
            "->", "...", "if", "else", "elif", "for", "in", "while", "def", "class", "return", "lambda", "not", "and",
            "or", "is", "try", "except", "finally", "with", "as", "import", "from", "del", "pass", "break", "async",
            "await", "yield", "global", "raise", "assert", "None", "True", "\n", "\n    ", "\n  ", "\\\n", " ", "#c\n",
        ]
        var accepted = 0
        for _ in 0..<4000 {
            var text = ""
            for _ in 0..<random.below(30) {
                text += pieces[random.below(pieces.count)]
                if random.below(3) == 0 { text += " " }
            }
            if (try? Parser.parse(text)) != nil { accepted += 1 }
        }
        #expect(accepted > 0)
    }

    /// Mutations of a valid program (deleting, duplicating or swapping bytes) never trap the parser.
    @Test func mutatedProgramsNeverTrap() {
        let program = Array(
            """
            @dec(1)
            async def f(a, /, b=2, *args, c, **kw) -> int:
                global g
                for i, (j, k) in enumerate(xs, start=1):
                    if i % 2 == 0 and not j or k is not None:
                        $count += i ** -2
                    elif (y := g(i)) > 0: continue
                    else:
                        break
                try:
                    with open(p) as fh, (lock):
                        data = [x async for x in fh if x][1:-1:2]
                except (KeyError, ValueError) as e:
                    raise RuntimeError(f"bad {e!r:>{width}} {e=}") from e
                finally:
                    del data[0], g.h
                return {**kw, 'k': lambda q=1: q}, {1, 2}, (3,)

            """.utf8)
        var random = SplitMix64(seed: 2024)
        #expect((try? Parser.parse(String(decoding: program, as: UTF8.self))) != nil)
        for _ in 0..<3000 {
            var bytes = program
            for _ in 0..<(1 + random.below(4)) {
                guard !bytes.isEmpty else { break }
                let i = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes.remove(at: i)
                case 1: bytes.insert(bytes[random.below(bytes.count)], at: i)
                default: bytes.swapAt(i, random.below(bytes.count))
                }
            }
            _ = try? Parser.parse(String(decoding: bytes, as: UTF8.self))
        }
    }
}
