import Foundation
import Testing

@testable import PlaybooksLanguage

/// Source whose syntax tree is deeper than the compiler allows raises CPython's `RecursionError`
/// instead of overflowing the Swift stack (issue 14).
struct DeepSyntaxTests {
    /// The stack the tests give the compiler: a secondary thread of 8 MB (the main thread's and
    /// the default thread size on Linux), so the result does not depend on the test runner's thread.
    static let stackSize = 8 << 20

    /// Runs `source` as a script on a thread with ``stackSize`` bytes of stack (optionally
    /// encoding, discarding and decoding the VM at every `await`).
    static func run(
        _ source: String, checkpointEveryAwait: Bool = false, stackSize: Int = DeepSyntaxTests.stackSize
    ) -> (output: String, result: ScriptRunner.Result) {
        final class Box: @unchecked Sendable {
            var output = ""
            var result = ScriptRunner.Result(exitCode: -1, errorOutput: "", checkpoints: 0, checkpointBytes: 0)
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = ScriptRunner.run(source: source, filename: "deep.py", checkpointEveryAwait: checkpointEveryAwait) {
                box.output += $0
            }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        return (box.output, box.result)
    }

    static let recursionReport = "RecursionError: maximum recursion depth exceeded during compilation\n"

    /// Issue 14's reproductions and their relatives, by name (the sources are large).
    static func deepSource(_ name: String) -> String {
        switch name {
        case "sum": return "x = " + Array(repeating: "1", count: 20_000).joined(separator: "+")
        case "power": return "x = " + Array(repeating: "2", count: 20_000).joined(separator: "**")
        case "calls": return "def f(): return f\nx = f" + String(repeating: "()", count: 100_000)
        case "attributes": return "x = a" + String(repeating: ".a", count: 200_000)
        case "subscripts": return "x = a" + String(repeating: "[0]", count: 20_000)
        case "negations": return "x = " + String(repeating: "-", count: 20_000) + "1"
        case "nots": return "x = " + String(repeating: "not ", count: 20_000) + "1"
        default: return "x = 1\nif x:\n    pass\n" + String(repeating: "elif x:\n    pass\n", count: 5_000)
        }
    }

    @Test(arguments: ["sum", "power", "calls", "attributes", "subscripts", "negations", "nots", "elifs"])
    func deepChainRaisesRecursionError(name: String) {
        let (output, result) = Self.run(Self.deepSource(name))
        #expect(output == "")
        #expect(result.exitCode == 1)
        #expect(result.errorOutput == Self.recursionReport)
    }

    /// On a 512 KB thread (the smallest stack this code is expected to run on) the stack guard
    /// stops every deep case with the same error before the stack runs out, in a debug build too.
    @Test(arguments: ["sum", "calls", "attributes", "negations", "elifs"])
    func deepChainOnASmallStackRaisesRecursionError(name: String) {
        let (output, result) = Self.run(Self.deepSource(name), stackSize: 512 << 10)
        #expect(output == "")
        #expect(result.errorOutput == Self.recursionReport)
    }

    @Test func nestedBracketsAreATokenizerError() {
        let (_, result) = Self.run("x = " + String(repeating: "[", count: 20_000) + "0" + String(repeating: "]", count: 20_000))
        #expect(result.exitCode == 1)
        #expect(result.errorOutput.hasSuffix("SyntaxError: too many nested parentheses\n"))
    }

    @Test func chainsWithinTheLimitRun() {
        let source = """
            x = \(Array(repeating: "1", count: 900).joined(separator: "+"))
            f = lambda: f
            y = f\(String(repeating: "()", count: 900))
            z = \(String(repeating: "-", count: 900))1
            print(x, y is f, z)
            """
        let (output, result) = Self.run(source)
        #expect(result.errorOutput == "")
        #expect(output == "900 True 1\n")
    }

    /// A tree built without the parser is bounded by the compiler (and its symbol table) too.
    @Test func compilerBoundsATreeBuiltByHand() {
        var expr = Expr(.constant(.int(1)), line: 1)
        for _ in 0..<(Compiler.maxDepth + 10) { expr = Expr(.unary(.negate, expr), line: 1) }
        let module = Module(body: [Stmt(.expr(expr), line: 1)])
        #expect(throws: SyntaxError.compilationRecursion(line: 1)) {
            _ = try Compiler.compile(module, filename: "x.py", namespace: Namespace())
        }
    }
}
