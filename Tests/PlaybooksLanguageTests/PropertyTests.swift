import PlaybooksLanguage
import PlaybooksTestSupport
import PropertyBased
import Testing

/// Generates small, valid, terminating programs that await `tick()` in statement positions
/// inside blocks of every kind.
struct ProgramGenerator {
    var random: SplitMix64
    private var lines: [String] = []
    private var functions: [(name: String, arity: Int, isAsync: Bool)] = []

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// The variables a block of statements may use.
    private struct Scope {
        var ints: [String]
        var allowAwait: Bool
        /// At module level the str, list and dict globals may be reassigned.
        var moduleLevel: Bool
        var depth: Int
        var inLoop: Bool
        /// Functions defined so far that this scope may call.
        var callable: [(name: String, arity: Int, isAsync: Bool)]
    }

    mutating func program() -> String {
        lines = ["a = 1", "b = 2", "c = 3", "s = 'x'", "L = [1, 2]", "D = {'k': 1}"]
        functions = []
        for index in 0..<random.below(4) {
            let isAsync = random.oneIn(2)
            let name = (isAsync ? "g" : "f") + String(index)
            let arity = 1 + random.below(2)
            let params = ["x", "y"].prefix(arity)
            lines.append("\(isAsync ? "async " : "")def \(name)(\(params.joined(separator: ", "))):")
            lines.append("    t = x")
            var scope = Scope(
                ints: Array(params) + ["t"], allowAwait: isAsync, moduleLevel: false, depth: 1, inLoop: false,
                callable: functions.filter { isAsync || !$0.isAsync })
            block(&scope, count: 1 + random.below(3))
            lines.append("    return (t + \(params.last ?? "0")) % 1000")
            functions.append((name, arity, isAsync))
        }
        var top = Scope(ints: ["a", "b", "c"], allowAwait: true, moduleLevel: true, depth: 0, inLoop: false, callable: functions)
        block(&top, count: 3 + random.below(6))
        lines.append("print('end', a, b, c, s, L, D)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func indent(_ depth: Int) -> String { String(repeating: "    ", count: depth) }

    private mutating func intExpr(_ scope: Scope, depth: Int = 0) -> String {
        switch random.below(depth >= 2 ? 2 : 6) {
        case 0: return random.pick(scope.ints)
        case 1: return String(random.below(20))
        case 2: return "(\(intExpr(scope, depth: depth + 1)) \(random.pick(["+", "-", "*"])) \(intExpr(scope, depth: depth + 1)))"
        case 3: return "(\(intExpr(scope, depth: depth + 1)) \(random.pick(["//", "%"])) \(1 + random.below(9)))"
        case 4: return random.pick(["len(L)", "len(s)", "D.get('k', 0)", "sum(L) % 100", "max(L + [0])", "len(D)"])
        default: return "abs(\(intExpr(scope, depth: depth + 1)))"
        }
    }

    private mutating func condition(_ scope: Scope) -> String {
        switch random.below(5) {
        case 0: return "\(intExpr(scope)) > \(intExpr(scope))"
        case 1: return "\(random.pick(scope.ints)) % 2 == 0"
        case 2: return "'x' in s"
        case 3: return "len(L) > \(random.below(5))"
        default: return "\(random.pick(scope.ints)) in L"
        }
    }

    private mutating func block(_ scope: inout Scope, count: Int) {
        for _ in 0..<max(1, count) { statement(&scope) }
    }

    private mutating func statement(_ scope: inout Scope) {
        let pad = indent(scope.depth)
        let v = random.pick(scope.ints)
        let nested = scope.depth < 3
        switch random.below(nested ? 18 : 10) {
        case 0, 1:
            lines.append("\(pad)\(v) = (\(intExpr(scope))) % 1000")
        case 2:
            if scope.allowAwait {
                lines.append(pad + random.pick(["await tick()", "\(v) = (\(v) + await tick()) % 1000"]))
            } else {
                lines.append("\(pad)\(v) = \(v) + 1")
            }
        case 3:
            lines.append("\(pad)L.append(\(intExpr(scope)))")
            lines.append("\(pad)if len(L) > 6:")
            lines.append("\(pad)    L.pop(0)")
        case 4:
            lines.append("\(pad)D[str(\(v) % 5)] = \(intExpr(scope))")
        case 5:
            lines.append("\(pad)print(\(scope.ints.joined(separator: ", ")), L, D)")
        case 6:
            if scope.moduleLevel {
                lines.append("\(pad)s = (s + str(\(v)) + \(random.pick(["'x'", "'y'", "'-'"])))[-8:]")
            } else {
                lines.append("\(pad)print(f'{\(v)}:{s}')")
            }
        case 7:
            if scope.inLoop && random.oneIn(2) {
                lines.append("\(pad)if \(condition(scope)):")
                lines.append("\(pad)    \(random.pick(["break", "continue"]))")
            } else {
                lines.append("\(pad)\(v) = (\(v) * 3 + len(L)) % 1000")
            }
        case 8, 9:
            let candidates = scope.callable
            if let fn = candidates.isEmpty ? nil : random.pick(candidates) {
                let args = (0..<fn.arity).map { _ in intExpr(scope) }.joined(separator: ", ")
                let call = "\(fn.name)(\(args))"
                lines.append("\(pad)\(v) = \(fn.isAsync ? "(await \(call))" : call) % 1000")
            } else {
                lines.append("\(pad)\(v) = -\(v)")
            }
        case 10, 11:
            lines.append("\(pad)if \(condition(scope)):")
            scope.depth += 1
            block(&scope, count: 1 + random.below(3))
            scope.depth -= 1
            if random.oneIn(2) {
                lines.append("\(pad)elif \(condition(scope)):")
                scope.depth += 1
                block(&scope, count: 1 + random.below(2))
                scope.depth -= 1
            }
            if random.oneIn(2) {
                lines.append("\(pad)else:")
                scope.depth += 1
                block(&scope, count: 1 + random.below(2))
                scope.depth -= 1
            }
        case 12, 13:
            let loopVar = "i\(scope.depth)"
            let header = random.pick(["range(\(1 + random.below(3)))", "list(L)[:3]", "sorted(D)[:3]", "'ab'"])
            lines.append("\(pad)for \(loopVar) in \(header):")
            var inner = scope
            inner.depth += 1
            inner.inLoop = true
            if !header.hasPrefix("sorted") && header != "'ab'" { inner.ints.append(loopVar) }
            block(&inner, count: 1 + random.below(3))
        case 14:
            let counter = "w\(scope.depth)"
            lines.append("\(pad)\(counter) = 0")
            lines.append("\(pad)while \(counter) < \(1 + random.below(3)):")
            lines.append("\(pad)    \(counter) += 1")
            var inner = scope
            inner.depth += 1
            inner.inLoop = true
            block(&inner, count: 1 + random.below(3))
        case 15, 16:
            lines.append("\(pad)try:")
            scope.depth += 1
            block(&scope, count: 1 + random.below(2))
            // The risky statement and an except clause that is sure to catch what it raises.
            let clause: String
            switch random.below(3) {
            case 0:
                lines.append("\(pad)    \(v) = 100 // (\(v) % 3)")
                clause = random.pick(["ZeroDivisionError", "ArithmeticError", "(ValueError, ZeroDivisionError)", "Exception"])
            case 1:
                lines.append("\(pad)    if \(v) % 2 == 1:\n\(pad)        raise ValueError(str(\(v)))")
                clause = random.pick(["ValueError", "(KeyError, ValueError)", "Exception"])
            default:
                lines.append("\(pad)    \(v) = D['missing' + str(\(v) % 2)] if \(v) % 4 == 0 else \(v)")
                clause = random.pick(["KeyError", "LookupError", "(ValueError, ZeroDivisionError, KeyError)", "Exception"])
            }
            scope.depth -= 1
            if random.oneIn(3) {
                lines.append("\(pad)except \(random.pick(["TypeError", "IndexError", "(TypeError, AttributeError)"])):")
                lines.append("\(pad)    print('unexpected')")
            }
            lines.append("\(pad)except \(clause) as e:")
            lines.append("\(pad)    print('caught', type(e).__name__, e)")
            scope.depth += 1
            block(&scope, count: random.below(2))
            scope.depth -= 1
            if random.oneIn(2) {
                lines.append("\(pad)except BaseException:")
                lines.append("\(pad)    print('other')")
            }
            if random.oneIn(2) {
                lines.append("\(pad)finally:")
                lines.append("\(pad)    print('finally', \(v))")
                scope.depth += 1
                block(&scope, count: random.below(2))
                scope.depth -= 1
            }
        default:
            lines.append("\(pad)\(v) = (\(v) + len([q for q in range(\(random.below(4)))])) % 1000")
        }
    }
}

/// Seeded random inputs: garbage never traps the interpreter, and random valid programs print
/// the same whether they run straight through or are snapshotted and resumed at every await.
@Suite("Property tests")
struct PropertyTests {
    static let fuzzLimits = Limits(maxInstructions: 100_000, maxRecursionDepth: 200, maxMemoryBytes: 20_000_000)

    /// Loads and runs arbitrary text; any outcome but a trap is fine. Returns whether it compiled.
    @discardableResult
    static func runArbitrary(_ source: String) -> Bool {
        let vm = VirtualMachine(limits: fuzzLimits)
        vm.registerHostFunction("tick")
        vm.output = { _ in }
        do {
            try vm.load(source: source)
        } catch {
            return false
        }
        for step in 0..<20 {
            switch vm.run() {
            case .suspended:
                if step % 3 == 2 {
                    vm.resume(throwing: PyException(Types.valueError, "host failed"))
                } else {
                    vm.resume(returning: .int(step))
                }
            case .awaitPoint: continue
            case .finished, .failed: return true
            }
        }
        return true
    }

    @Test func randomBytesNeverTrap() {
        var random = SplitMix64(seed: 1)
        for _ in 0..<5000 {
            let bytes = (0..<random.below(60)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            Self.runArbitrary(String(decoding: bytes, as: UTF8.self))
        }
        // Biased towards ASCII punctuation and keywords-as-letters, so more of it tokenizes.
        let alphabet = Array("abcdefxyz0123456789_ \n\n    ()[]{}:,.=+-*/%<>'\"$#")
        var compiled = 0
        for _ in 0..<5000 {
            let text = String((0..<random.below(50)).map { _ in alphabet[random.below(alphabet.count)] })
            if Self.runArbitrary(text) { compiled += 1 }
        }
        #expect(compiled > 0)
    }

    static let tokens = [
        "x", "y", "L", "$s", "0", "1", "2", "-1", "2.5", "0x1F", "'a'", "\"bc\"", "f'{x}'", "None", "True", "False",
        "(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "==", "+", "-", "*", "**", "/", "//", "%", "<", ">=", "!=",
        "+=", "-=", ":=", "if", "else", "elif", "for", "in", "while", "def", "class", "return", "lambda", "not", "and",
        "or", "is", "try", "except", "finally", "raise", "with", "as", "del", "pass", "break", "continue", "async",
        "await", "yield", "global", "nonlocal", "assert", "import", "from", "json", "math", "print", "len", "range",
        "list", "dict", "str", "int", "sorted", "tick()", "append", "pop", "keys", "items", "\n", "\n    ", "\n        ",
        " ", "\\\n", "#c\n", ";",
    ]

    @Test func randomTokenSoupNeverTraps() {
        var random = SplitMix64(seed: 2)
        var compiled = 0
        for _ in 0..<8000 {
            var text = ""
            for _ in 0..<random.below(25) {
                text += random.pick(Self.tokens)
                if random.below(3) > 0 { text += " " }
            }
            if Self.runArbitrary(text) { compiled += 1 }
        }
        #expect(compiled > 50)
    }

    static let statements = [
        "x = 1", "y = [1, 2, 3]", "x += 1", "y.append(x)", "print(x, y)", "x = y[x % 3]", "del y[0]", "x = {x: y}",
        "x = await tick()", "y = [await tick() for _ in range(2)]", "raise ValueError(x)", "x = 1 / 0", "x = y",
        "y = x.get(1)", "x = str(x) * 3", "y = sorted(y)", "x = len(y) // 0", "return x", "break", "continue",
        "x, y = y, x", "x = [*y, *y]", "y = {**x}", "$s = x", "x = $s", "assert x", "x = -x", "import json",
        "x = json.dumps(y)", "x = int('z')", "y = y * 3", "x = y[1:-1]", "x = lambda q: q + x", "x = x(1)",
    ]
    static let headers = [
        "if x:", "if y:", "else:", "elif x:", "for x in y:", "for x in range(3):", "while x:", "while True:",
        "try:", "except:", "except ValueError as e:", "finally:", "def f(x):", "async def g():", "class C:",
        "with x:", "def h(*a, **k):",
    ]

    /// Random sequences of real statements and block headers at random indentation: much of
    /// it compiles, so this reaches the compiler and the VM rather than only the parser.
    @Test func randomStatementSoupNeverTraps() {
        var random = SplitMix64(seed: 3)
        var compiled = 0
        for _ in 0..<6000 {
            var lines: [String] = []
            var depth = 0
            for _ in 0..<(1 + random.below(10)) {
                let pad = String(repeating: "    ", count: depth)
                if random.oneIn(3) {
                    lines.append(pad + random.pick(Self.headers))
                    depth += 1
                } else {
                    lines.append(pad + random.pick(Self.statements))
                    if depth > 0 && random.oneIn(3) { depth -= 1 }
                }
            }
            if depth > 0 { lines.append(String(repeating: "    ", count: depth) + "pass") }
            if Self.runArbitrary(lines.joined(separator: "\n") + "\n") { compiled += 1 }
        }
        #expect(compiled > 300)
    }

    /// The generator makes programs that compile and finish (so the comparison below means something).
    @Test func generatedProgramsAreValid() throws {
        var failures: [String] = []
        for seed in 0..<50 {
            var generator = ProgramGenerator(seed: UInt64(seed))
            let source = generator.program()
            let run = try drive(source, viaSnapshot: false, limits: Limits(maxInstructions: 5_000_000))
            if run.outcome != "finished" { failures.append("seed \(seed): \(run.outcome)\n\(source)") }
            #expect(run.output.hasSuffix("\n") && run.output.contains("end "))
        }
        #expect(failures.isEmpty, "\(failures.first ?? "")")
    }

    /// For every generated program, answering each `tick()` on one VM and snapshotting into a
    /// fresh VM at every suspension print the same and make the same host calls. A property of
    /// swift-property-based over the generator's seed: 500 seeds a run, a failure names its seed
    /// (replay it with `.fixedSeed(...)`).
    @Test func snapshotAtEverySuspensionChangesNothing() async {
        var totalCalls = 0
        var finished = 0
        var checked = 0
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var generator = ProgramGenerator(seed: seed)
            let source = generator.program()
            let limits = Limits(maxInstructions: 5_000_000)
            let direct = try drive(source, viaSnapshot: false, limits: limits)
            let resumed = try drive(source, viaSnapshot: true, limits: limits)
            #expect(direct.output == resumed.output, "seed \(seed)\n\(source)")
            #expect(direct.outcome == resumed.outcome, "seed \(seed)\n\(source)")
            #expect(direct.calls == resumed.calls, "seed \(seed)")
            // A rare generated program runs past the instruction limit (built-ins charge their work
            // too); the property is that snapshots change nothing, so it must then fail the same way.
            if direct.outcome == "finished" { finished += 1 }
            checked += 1
            totalCalls += direct.calls.count
        }
        #expect(finished * 100 >= checked * 95, "only \(finished) of \(checked) generated programs finished")
        #expect(totalCalls > 50, "the generated programs hardly suspend")
    }

    /// With `stopsAtEveryAwait`, the VM also stops before awaits of Python coroutines; snapshotting
    /// there too changes nothing.
    @Test func snapshotAtEveryAwaitPointChangesNothing() throws {
        var awaitPoints = 0
        for seed in 0..<40 {
            var generator = ProgramGenerator(seed: UInt64(5000 + seed))
            let source = generator.program()
            let direct = try drive(source, viaSnapshot: false)
            let stopped = try drive(source, viaSnapshot: true, stopsAtEveryAwait: true)
            #expect(direct.output == stopped.output, "seed \(5000 + seed)\n\(source)")
            #expect(direct.outcome == stopped.outcome, "seed \(5000 + seed)")
            #expect(stopped.snapshots >= stopped.calls.count)
            awaitPoints += stopped.snapshots - stopped.calls.count
        }
        #expect(awaitPoints > 0, "no await of a Python coroutine was checkpointed")
    }

    /// ScriptRunner's `checkpointEveryAwait` on programs whose `tick` is a Python coroutine.
    @Test func scriptRunnerCheckpointsChangeNothing() {
        let prelude = """
            import asyncio
            _ticks = [0]
            async def tick():
                await asyncio.sleep(0)
                _ticks[0] += 1
                return _ticks[0]

            """
        var checkpoints = 0
        for seed in 0..<40 {
            var generator = ProgramGenerator(seed: UInt64(9000 + seed))
            let source = prelude + generator.program()
            var plain = ""
            var checkpointed = ""
            let a = ScriptRunner.run(source: source, filename: "gen.py") { plain += $0 }
            let b = ScriptRunner.run(source: source, filename: "gen.py", checkpointEveryAwait: true) { checkpointed += $0 }
            #expect(a.exitCode == 0, "seed \(9000 + seed): \(a.errorOutput)")
            #expect(plain == checkpointed, "seed \(9000 + seed)\n\(source)")
            #expect(a.exitCode == b.exitCode)
            #expect(a.errorOutput == b.errorOutput)
            #expect(a.checkpoints == 0)
            checkpoints += b.checkpoints
        }
        #expect(checkpoints > 40)
    }
}
