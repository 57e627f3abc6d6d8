import PlaybooksLanguage
import Testing

/// Huge allocations raise `MemoryError` before allocating, and long built-ins (regular expression
/// backtracking, big-int arithmetic, `math.comb`, ...) stop at the time and instruction limits
/// while they work (issue 14, items 5 and 6).
@Suite("Built-in budgets")
struct BuiltinBudgetTests {
    /// Runs `source` to its end and returns the exception that ended it (nil if it finished),
    /// what it printed and how long it took.
    func run(_ source: String, limits: Limits = Limits()) throws -> (PyException?, String, Duration) {
        let vm = VirtualMachine(limits: limits)
        var output = ""
        vm.output = { output += $0 }
        try vm.load(source: source)
        let start = ContinuousClock.now
        let result = vm.run()
        let elapsed = ContinuousClock.now - start
        if case .failed(let e) = result { return (e, output, elapsed) }
        return (nil, output, elapsed)
    }

    /// The message an exception was raised with.
    func message(_ e: PyException?) -> String {
        if case .str(let s) = e?.object.args.first { return s }
        return ""
    }

    @Test(
        "a result no machine can hold raises MemoryError before it is allocated",
        arguments: [
            "'x'.ljust(10**12)", "'x'.rjust(10**12, '-')", "'x'.center(10**12)", "'-1'.zfill(10**12)",
            "'a\\tb'.expandtabs(10**12)", "'ab'.replace('a', 'a' * 1000, -1) * 1 + 'x'.ljust(2**40)",
            "list(range(10**9))", "1 << 10**10", "(10**30) << 10**10", "7 ** 10**10", "(10**30) ** 10**9",
        ])
    func hugeResultsRaiseMemoryError(_ expression: String) throws {
        let (error, output, _) = try run("try:\n    \(expression)\nexcept MemoryError:\n    print('MemoryError')\n")
        #expect(error == nil)
        #expect(output == "MemoryError\n")
    }

    @Test(
        "a result larger than the memory limit raises MemoryError before it is allocated",
        arguments: [
            "x = 'x'.ljust(10**8)", "x = '1'.zfill(10**8)", "x = '\\t'.expandtabs(10**8)", "x = 'x'.center(10**8, '*')",
            "s = 'ab' * 1000\nwhile True:\n    s = s.replace('a', 'aa')", "x = 1 << 10**8", "x = 3 ** 10**8",
            "x = list(range(10**7))",
            "x = ' '.join(['x' * 1000] * 10**4)",
        ])
    func resultsPastTheMemoryLimitRaiseMemoryError(_ source: String) throws {
        let (error, _, _) = try run(source, limits: Limits(maxMemoryBytes: 5_000_000))
        #expect(error?.object.type.name == "MemoryError")
    }

    static let longBuiltins = [
        "import re\nre.match('(a+)+$', 'a' * 40 + 'b')",
        "import re\nre.findall('(x+x+)+y', 'x' * 40)",
        "import re\nre.sub('(a|aa)+$', '', 'a' * 60 + 'b')",
        "import math\nmath.comb(10**6, 5 * 10**5)",
        "import math\nmath.factorial(10**5)",
        "import math\nmath.perm(10**6, 10**5)",
        "x = 7 ** 10**6",
        "n = 10**6\nx = 7 ** n",
        "x = pow(3, 10**200000, 10**3000 + 7)",
        "x = 10**20000\nwhile True:\n    x = x * x",
        "x = 10**20000\ny = 10**10000 + 7\nwhile True:\n    q = x // y\n    r = x % y",
    ]

    @Test("a long built-in stops at the time limit", arguments: longBuiltins)
    func longBuiltinStopsAtTheTimeLimit(_ source: String) throws {
        let (error, _, elapsed) = try run(source, limits: Limits(maxDuration: .milliseconds(300)))
        #expect(error?.object.type.name == "ResourceLimitError")
        #expect(message(error).contains("time limit"))
        #expect(elapsed < .seconds(8))
    }

    @Test("a long built-in stops at the instruction limit", arguments: longBuiltins)
    func longBuiltinStopsAtTheInstructionLimit(_ source: String) throws {
        let (error, _, elapsed) = try run(source, limits: Limits(maxInstructions: 100_000))
        #expect(error?.object.type.name == "ResourceLimitError")
        #expect(message(error).contains("instruction limit"))
        #expect(elapsed < .seconds(8))
    }

    @Test(
        "building a large object is charged before it is built",
        arguments: ["x = 'ab' * 10**8", "x = [0] * 10**8", "x = list(range(10**8))", "x = 'x'.ljust(10**9)"])
    func largeObjectsAreCharged(_ source: String) throws {
        let (error, _, elapsed) = try run(source, limits: Limits(maxInstructions: 100_000))
        #expect(message(error).contains("instruction limit"))
        #expect(elapsed < .seconds(1))
    }

    @Test("round to a power of ten far above the number answers 0 at once")
    func roundFarAboveIsZero() throws {
        let (error, output, elapsed) = try run(
            "print(round(123, -10**9), round(-10**40, -10**12), round(5 * 10**20, -21), round(15 * 10**20, -21))\n",
            limits: Limits(maxDuration: .seconds(2)))
        #expect(error == nil)
        #expect(output == "0 0 0 2000000000000000000000\n")
        #expect(elapsed < .seconds(2))
    }

    @Test("ints of more than 4300 digits are refused to and from text without converting them")
    func intTextConversionLimit() throws {
        let (error, output, elapsed) = try run(
            """
            big = 7 << 10**6
            for make in [
                lambda: str(big), lambda: int('1' * 10**6), lambda: repr(-big), lambda: f'{big:,}', lambda: format(-big, 'd'),
                lambda: '{}'.format(big),
            ]:
                try:
                    make()
                except ValueError as e:
                    print(str(e)[:48])
            print(len(str(10**4299)))
            """, limits: Limits(maxDuration: .seconds(20)))
        #expect(error == nil)
        #expect(output == String(repeating: "Exceeds the limit (4300 digits) for integer stri\n", count: 6) + "4300\n")
        #expect(elapsed < .seconds(20))
    }

    @Test("a huge recursion limit is capped: Swift-driven recursion ends with RecursionError, not a crash")
    func hugeRecursionLimitDoesNotCrash() throws {
        let source = """
            class A:
                def __repr__(self):
                    return repr(A())
            try:
                repr(A())
            except RecursionError:
                print('RecursionError')
            def key(x):
                return sorted([x, x], key=key)[0]
            try:
                key(1)
            except RecursionError:
                print('RecursionError')
            """
        let (error, output, _) = try run(source, limits: Limits(maxRecursionDepth: 100_000_000))
        #expect(error == nil)
        #expect(output == "RecursionError\nRecursionError\n")
        #expect(Limits.maxSupportedRecursionDepth == 1_000_000)
    }
}
