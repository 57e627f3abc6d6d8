import PlaybooksLanguage
import Testing

/// The README's "Using the interpreter from Swift" example, kept compiling and true.
@Suite struct ReadmeExampleTests {
    @Test func suspendSaveResumeInAnotherVM() throws {
        var printed = ""
        let vm = VirtualMachine()
        vm.registerHostFunction("fetch")
        vm.output = { printed += $0 }
        try vm.load(
            source: """
                data = await fetch("orders")
                print(len(data))
                """)
        guard case .suspended(let call) = vm.run() else {
            Issue.record("expected a suspension")
            return
        }
        #expect(call.name == "fetch")
        let saved = vm.encodeSnapshot()
        let resumed = try VirtualMachine(snapshot: saved)
        resumed.output = { printed += $0 }
        resumed.resume(returning: .makeList([.int(1), .int(2)]))
        guard case .finished = resumed.run() else {
            Issue.record("expected the run to finish")
            return
        }
        #expect(printed == "2\n")
    }
}
