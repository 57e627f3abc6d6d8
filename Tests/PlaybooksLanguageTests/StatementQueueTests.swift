import Testing

@testable import PlaybooksLanguage

/// The one statement queue: prose and fences decided once, each statement parsed once, and the
/// parse handed to the statement runner.
@Suite struct StatementQueueTests {
    @Test func statementsComeParsedAndProseBeforeAFenceIsDropped() throws {
        var queue = StatementQueue()
        queue.feed("Sure, here it is.\n```python\nx = 1\nfor i in range(2):\n")
        let nextfirst = queue.next()
        let first = try #require(nextfirst)
        #expect(first.statement == StatementSplitter.Statement(text: "x = 1\n", line: 3))
        #expect((try? first.parsed.get())?.body.count == 1)
        #expect(queue.pending.isEmpty)  // the loop may still grow
        queue.feed("    x += i\n```\n")
        queue.finish()
        let nextloop = queue.next()
        let loop = try #require(nextloop)
        #expect(loop.statement.line == 4)
        #expect(queue.pending.isEmpty)
    }

    @Test func withoutAFenceHeldTextIsCodeAndReportsItsSyntaxError() throws {
        var queue = StatementQueue()
        queue.feed("x = (1,\n")
        queue.feed("y = 2\n")
        #expect(queue.pending.isEmpty)
        queue.finish()
        let nextfirst = queue.next()
        let first = try #require(nextfirst)
        guard case .failure(let error) = first.parsed else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(error.line >= 1)
    }

    @Test func theStatementRunnerUsesTheOfferedParse() throws {
        // The offered parse is of other text than its statement, so the result tells which one ran.
        var other = StatementQueue()
        other.feed("x = 2\n")
        other.finish()
        let nextparsedTwo = other.next()
        let parsedTwo = try #require(nextparsedTwo)
        let offered = StatementQueue.Item(StatementSplitter.Statement(text: "x = 1\n", line: 1), parsed: parsedTwo.parsed)
        let vm = VirtualMachine()
        vm.exposeStatementRunner(as: "__run__")
        vm.offerParsedStatement(offered)
        try vm.load(source: "await __run__('x = 1\\n', 1)\nawait __run__('y = 1\\n', 1)\n")
        guard case .finished = vm.run() else {
            Issue.record("expected the end")
            return
        }
        #expect(vm.globals["x"].map { vm.reprText($0) } == "2")
        #expect(vm.globals["y"].map { vm.reprText($0) } == "1")  // a statement without an offer is parsed
    }

    @Test func aStreamingStateOfTheFirstFormatFailsWithItsVersion() {
        var bytes = StreamingExecutor().encodeState()
        bytes[4] = 1
        #expect {
            _ = try StreamingExecutor(state: bytes)
        } throws: { error in
            "\(error)".contains("version 1") && "\(error)".contains("reads version 2")
        }
    }
}

extension StatementQueue.Item: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.statement == b.statement && a.parsed == b.parsed }
}
