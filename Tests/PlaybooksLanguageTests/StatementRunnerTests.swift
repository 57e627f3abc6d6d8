import Testing

@testable import PlaybooksLanguage

/// Source text compiled and run inside a running VM (the way LLM code runs), across snapshots.
@Suite struct StatementRunnerTests {
    @Test func statementsRunInGlobalsAndTheirAwaitsSuspendAndSnapshot() throws {
        var vm = VirtualMachine()
        vm.registerHostFunction("fetch")
        vm.exposeStatementRunner(as: "__run__")
        var printed = ""
        vm.output = { printed += $0 }
        try vm.load(
            source: """
                async def driver(lines):
                    for i, line in enumerate(lines):
                        await __run__(line, i + 1)
                    return total
                result = await driver(["total = 1\\n", "total += await fetch('a')\\n", "print(total)\\n"])
                """)
        guard case .suspended(let call) = vm.run() else {
            Issue.record("expected a suspension")
            return
        }
        #expect(call.name == "fetch")
        vm = try VirtualMachine(snapshot: vm.encodeSnapshot())
        vm.output = { printed += $0 }
        vm.resume(returning: .int(41))
        guard case .finished = vm.run() else {
            Issue.record("expected the end")
            return
        }
        #expect(printed == "42\n")
        #expect(vm.globals["result"].map { vm.reprText($0) } == "42")
    }

    @Test func syntaxErrorIsRaisedAtTheCall() throws {
        let vm = VirtualMachine()
        vm.exposeStatementRunner(as: "__run__")
        var printed = ""
        vm.output = { printed += $0 }
        try vm.load(
            source: """
                try:
                    await __run__("x = (1,\\n", 3)
                except SyntaxError as e:
                    print("caught", e)
                """)
        _ = vm.run()
        #expect(printed.hasPrefix("caught "))
        #expect(printed.contains("line 3"))
    }

    /// A statement nested too deeply to compile (an LLM reply with `1+1+...+1`) raises
    /// RecursionError at the call, which the program can catch; the VM runs on.
    @Test func tooDeepStatementRaisesRecursionError() throws {
        let vm = VirtualMachine()
        vm.exposeStatementRunner(as: "__run__")
        var printed = ""
        vm.output = { printed += $0 }
        vm.globals["deep"] = .str("x = " + Array(repeating: "1", count: 20_000).joined(separator: "+") + "\n")
        try vm.load(
            source: """
                try:
                    await __run__(deep, 1)
                except RecursionError as e:
                    print("caught", e)
                await __run__("print('still running')\\n", 2)
                """)
        _ = vm.run()
        #expect(printed == "caught maximum recursion depth exceeded during compilation\nstill running\n")
    }
}
