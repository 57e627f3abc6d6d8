import PlaybooksLanguage
import Testing

/// Limits hold even when the code suspends often, calls back from built-ins, runs one long
/// built-in, allocates one huge object, or tries to catch the limit error.
@Suite("Limit enforcement")
struct LimitEnforcementTests {
    /// Runs `source`, answering every host call with an incrementing int, and returns the
    /// exception that ended it (nil if it finished) and the number of host calls answered.
    func runUntilDone(_ source: String, limits: Limits, maxCalls: Int = 100_000) throws -> (PyException?, Int) {
        let vm = VirtualMachine(limits: limits)
        vm.registerHostFunction("tick")
        try vm.load(source: source)
        var calls = 0
        while true {
            switch vm.run() {
            case .finished: return (nil, calls)
            case .failed(let e): return (e, calls)
            case .awaitPoint: continue
            case .suspended:
                calls += 1
                if calls > maxCalls { return (nil, calls) }
                vm.resume(returning: .int(calls))
            }
        }
    }

    /// Found by the `compiler` fuzz target (`44445 << 4444…`): a small int shifted by a huge
    /// count allocated memory for the count and aborted. Now, as in CPython 3.11: a count whose
    /// result cannot be allocated is a `MemoryError`, a count past what an int can hold an
    /// `OverflowError` — with or without a memory limit, and nothing allocated.
    @Test("a left shift by a huge count raises instead of allocating", arguments: [nil, 50_000_000])
    func hugeLeftShift(maxMemory: Int?) throws {
        let source = """
            for n in (2**62, 2**66):
                try:
                    x = 3 << n
                except (OverflowError, MemoryError) as e:
                    print(type(e).__name__)
            """
        let vm = VirtualMachine(limits: Limits(maxMemoryBytes: maxMemory))
        var out = ""
        vm.output = { out += $0 }
        try vm.load(source: source)
        guard case .finished = vm.run() else {
            Issue.record("the program did not finish")
            return
        }
        #expect(out == "MemoryError\nOverflowError\n")  // what python3.11 prints
    }

    @Test("the instruction limit counts across suspensions")
    func instructionLimitAcrossAwaits() throws {
        let (error, calls) = try runUntilDone("while True:\n    await tick()\n", limits: Limits(maxInstructions: 1000))
        let e = try #require(error)
        #expect(e.object.type.name == "ResourceLimitError")
        #expect(calls < 1000)
    }

    @Test("the instruction limit counts inside key functions")
    func instructionLimitInCallbacks() throws {
        let (error, _) = try runUntilDone(
            "xs = sorted(range(300_000), key=lambda x: -x)\nprint(len(xs))\n", limits: Limits(maxInstructions: 10_000))
        #expect(error?.object.type.name == "ResourceLimitError")
    }

    @Test("a long sum over a range honours the time limit")
    func timeLimitInsideBuiltin() throws {
        let start = ContinuousClock.now
        let (error, _) = try runUntilDone("print(sum(range(300_000_000)))\n", limits: Limits(maxDuration: .milliseconds(200)))
        #expect(error?.object.type.name == "ResourceLimitError")
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test(
        "one huge allocation hits the memory limit",
        arguments: ["x = [0] * 50_000_000", "s = 'a' * 500_000_000", "s = 'ab'\nfor _ in range(30):\n    s = s + s"])
    func memoryLimitOnSingleObject(_ source: String) throws {
        let (error, _) = try runUntilDone(source, limits: Limits(maxMemoryBytes: 1_000_000))
        #expect(error?.object.type.name == "MemoryError")
    }

    @Test("a bare except cannot swallow a limit error")
    func limitErrorsAreNotCatchable() throws {
        let source = """
            n = 0
            while n < 2000:
                n += 1
                try:
                    while True:
                        pass
                except:
                    pass
            print(n)
            """
        var output = ""
        let vm = VirtualMachine(limits: Limits(maxInstructions: 50_000))
        vm.output = { output += $0 }
        try vm.load(source: source)
        guard case .failed(let e) = vm.run() else {
            Issue.record("the run should have failed, printed \(output)")
            return
        }
        #expect(e.object.type.name == "ResourceLimitError")
        #expect(output.isEmpty)
    }
}
