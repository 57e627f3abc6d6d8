import PlaybooksLanguage
import Testing

/// Runaway programs end with a clear Python exception instead of hanging or crashing.
@Suite("Resource limits")
struct LimitsTests {
    /// Runs `source` to the end (no host functions) and returns the output and the failure, if any.
    static func run(_ source: String, limits: Limits) throws -> (output: String, error: PyException?) {
        let vm = VirtualMachine(limits: limits)
        let out = OutputBox()
        vm.output = out.write
        try vm.load(source: source)
        switch vm.run() {
        case .finished: return (out.text, nil)
        case .failed(let e): return (out.text, e)
        case .suspended, .awaitPoint: throw DriverError(description: "unexpected suspension")
        }
    }

    static func message(_ e: PyException?) -> String {
        if case .str(let m)? = e?.object.args.first { return m }
        return ""
    }

    @Test func instructionLimitStopsAnInfiniteLoop() throws {
        let (output, error) = try Self.run("print('start')\nwhile True:\n    pass\n", limits: Limits(maxInstructions: 100_000))
        let e = try #require(error)
        #expect(output == "start\n")
        #expect(e.object.type.name == "ResourceLimitError")
        #expect(Self.message(e).contains("instruction limit"))
        #expect(Self.message(e).contains("100000"))
    }

    /// The limit is not an `Exception`, so `except Exception` cannot swallow it.
    @Test func instructionLimitIsNotCaughtByExceptException() throws {
        let (output, error) = try Self.run(
            """
            try:
                while True:
                    pass
            except Exception:
                print("swallowed")
            print("after")
            """, limits: Limits(maxInstructions: 50_000))
        #expect(error?.object.type.name == "ResourceLimitError")
        #expect(output == "")
    }

    @Test func aProgramUnderTheInstructionLimitFinishes() throws {
        let (output, error) = try Self.run(
            "total = 0\nfor i in range(1000):\n    total += i\nprint(total)\n", limits: Limits(maxInstructions: 1_000_000))
        #expect(error == nil)
        #expect(output == "499500\n")
    }

    /// CPython 3.11: `RecursionError: maximum recursion depth exceeded` for unbounded recursion.
    @Test func unboundedRecursionIsARecursionError() throws {
        let (_, error) = try Self.run("def f(n):\n    return f(n + 1)\nf(0)\n", limits: Limits())
        let e = try #require(error)
        #expect(e.object.type.name == "RecursionError")
        #expect(Self.message(e) == "maximum recursion depth exceeded")
        #expect(e.object.type.isSubclass(of: Types.runtimeError))
    }

    /// python3 prints `RecursionError maximum recursion depth exceeded` and `900`.
    @Test func recursionErrorIsCatchableAndDepth900IsAllowed() throws {
        let (output, error) = try Self.run(
            """
            def f(n):
                return f(n + 1)
            try:
                f(0)
            except RecursionError as e:
                print(type(e).__name__, e)
            def depth(n):
                return 0 if n == 0 else 1 + depth(n - 1)
            print(depth(900))
            """, limits: Limits())
        #expect(error == nil)
        #expect(output == "RecursionError maximum recursion depth exceeded\n900\n")
    }

    /// With `sys.setrecursionlimit(50)` python3 completes `d2(48)` and fails `d2(49)`; with the
    /// default limit it completes `d2(998)` (the module frame counts too).
    @Test(arguments: [(50, 48), (1000, 998)])
    func deepestRecursionMatchesCPython(limit: Int, deepest: Int) throws {
        let (output, error) = try Self.run(
            """
            def d2(n):
                return 0 if n == 0 else 1 + d2(n - 1)
            best = 0
            for n in range(\(limit + 10)):
                try:
                    d2(n)
                    best = n
                except RecursionError:
                    break
            print(best)
            """, limits: Limits(maxRecursionDepth: limit))
        #expect(error == nil)
        #expect(output == "\(deepest)\n")
    }

    @Test func customRecursionLimitOf50() throws {
        let limits = Limits(maxRecursionDepth: 50)
        let ok = try Self.run("def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(40))\n", limits: limits)
        #expect(ok.error == nil)
        #expect(ok.output == "40\n")
        let deep = try Self.run("def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(60))\n", limits: limits)
        #expect(deep.error?.object.type.name == "RecursionError")
        #expect(deep.output == "")
    }

    /// Recursion through methods, lambdas and builtins calling back into Python is limited too.
    @Test func indirectRecursionIsLimited() throws {
        for source in [
            "class A:\n    def m(self):\n        return self.m()\nA().m()\n",
            "f = lambda: f()\nf()\n",
            "def k(x):\n    return sorted([1, 2], key=k)\nk(0)\n",
            "class R:\n    def __repr__(self):\n        return repr(self)\nrepr(R())\n",
        ] {
            let (_, error) = try Self.run(source, limits: Limits(maxRecursionDepth: 200))
            #expect(error?.object.type.name == "RecursionError", "\(source)")
        }
    }

    @Test func memoryLimitStopsAGrowingList() throws {
        let (_, error) = try Self.run(
            """
            items = []
            while True:
                items.append("payload " * 20 + str(len(items)))
            """, limits: Limits(maxMemoryBytes: 5_000_000))
        let e = try #require(error)
        #expect(e.object.type.name == "MemoryError")
        #expect(Self.message(e).contains("memory limit"))
    }

    @Test func memoryLimitStopsGrowingDictsAndNestedLists() throws {
        for source in [
            "d = {}\ni = 0\nwhile True:\n    d[i] = str(i) * 10\n    i += 1\n",
            "rows = []\nwhile True:\n    rows.append([len(rows)] * 50)\n",
        ] {
            let (_, error) = try Self.run(source, limits: Limits(maxMemoryBytes: 5_000_000))
            #expect(error?.object.type.name == "MemoryError", "\(source)")
        }
    }

    @Test func durationLimitStopsAnInfiniteLoop() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let (_, error) = try Self.run("while True:\n    pass\n", limits: Limits(maxDuration: .milliseconds(200)))
        let elapsed = clock.now - start
        let e = try #require(error)
        #expect(e.object.type.name == "ResourceLimitError")
        #expect(Self.message(e).contains("time limit"))
        #expect(elapsed >= .milliseconds(190))
        #expect(elapsed < .seconds(3))
    }

    @Test func durationLimitStopsAnInfiniteLoopCallingFunctions() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let (_, error) = try Self.run(
            "def f(x):\n    return [x, x + 1]\nwhile True:\n    f(1)\n", limits: Limits(maxDuration: .milliseconds(200)))
        #expect(error?.object.type.name == "ResourceLimitError")
        #expect(clock.now - start < .seconds(3))
    }
}
