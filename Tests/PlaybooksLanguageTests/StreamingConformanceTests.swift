import Foundation
import PlaybooksLanguage
import Testing

/// Every conformance program, fed through the streaming executor in random chunks.
///
/// For `syntax_errors/` programs only the reported error is compared: CPython compiles the whole
/// file before running anything, so its stdout is empty, while the streaming executor runs the
/// statements before the bad one (that is the point of streaming).
@Suite("Streaming executor conformance")
struct StreamingConformanceTests {
    static func mismatch(_ program: ConformanceProgram, seed: UInt64, checkpointEveryChunk: Bool = false) -> String? {
        guard let expectedStdout = program.expectedStdout else { return program.missingExpectation }
        var stdout = ""
        let result = StreamRunner.run(
            chunks: StreamChunker.chunks(of: program.source, seed: seed),
            filename: (program.relativePath as NSString).lastPathComponent, checkpointEveryChunk: checkpointEveryChunk
        ) { stdout += $0 }
        var problems: [String] = []
        let isSyntaxCategory = program.relativePath.hasPrefix("syntax_errors/")
        if !isSyntaxCategory && stdout != expectedStdout {
            problems.append("stdout differs.\n--- expected\n\(expectedStdout)\n--- got\n\(stdout)")
        }
        if let expected = program.expectedError {
            if result.exitCode != 1 { problems.append("expected exit status 1, got \(result.exitCode)") }
            if result.error?.message != expected {
                problems.append("error differs.\nexpected: \(expected)\ngot:      \(result.error?.description ?? "(nothing)")")
            }
            if isSyntaxCategory && result.error?.isSyntaxError != true {
                problems.append("expected a syntax error, got \(result.error?.description ?? "(nothing)")")
            }
        } else if result.exitCode != 0 {
            problems.append("expected success, got \(result.exitCode): \(result.error?.description ?? "")")
        }
        return problems.isEmpty ? nil : "seed \(seed): " + problems.joined(separator: "\n")
    }

    @Test("program output matches CPython under 3 random chunkings", arguments: ConformanceProgram.all)
    func matchesCPython(_ program: ConformanceProgram) {
        for seed: UInt64 in [1, 2, 3] {
            let problem = Self.mismatch(program, seed: seed)
            #expect(problem == nil, "\(program.relativePath): \(problem ?? "")")
        }
    }

    @Test(
        "async programs also match when the executor is saved and restored after every chunk",
        arguments: ConformanceProgram.all.filter(\.isAsync))
    func matchesWithCheckpoints(_ program: ConformanceProgram) {
        let problem = Self.mismatch(program, seed: 4, checkpointEveryChunk: true)
        #expect(problem == nil, "\(program.relativePath): \(problem ?? "")")
    }
}

@Suite("Streaming executor")
struct StreamingExecutorTests {
    func run(_ chunks: [String], executor: StreamingExecutor) -> (String, StreamEvent) {
        var out = ""
        executor.output = { out += $0 }
        var last = StreamEvent.needsInput
        for c in chunks { last = executor.feed(c) }
        if case .needsInput = last { last = executor.finish() }
        return (out, last)
    }

    @Test func runtimeErrorStopsTheResponseWithItsStatementAndLine() {
        let ex = StreamingExecutor()
        let src = "data = [1, 2]\nprint(len(data))\nif data:\n    print('yes')\n\n\nprint(dta)\nprint('never')\n"
        let (out, event) = run(StreamChunker.chunks(of: src, size: 3), executor: ex)
        #expect(out == "2\nyes\n")
        guard case .failed(let e) = event else {
            Issue.record("expected a failure, got \(event)")
            return
        }
        #expect(e.description == "statement 4, line 7: NameError: name 'dta' is not defined")
        #expect(e.source == "print(dta)\n")
        // The executor takes the next response in the same namespace.
        ex.beginResponse()
        let (out2, event2) = run(["print(data[1])\n"], executor: ex)
        #expect(out2 == "2\n")
        if case .finished = event2 {} else { Issue.record("expected finished, got \(event2)") }
    }

    @Test func syntaxErrorReportsResponseLine() {
        let ex = StreamingExecutor()
        let (out, event) = run(["x = 1\nprint(x)\n\nif x:\n    y = (1,\n\nprint('no')\n"], executor: ex)
        #expect(out == "1\n")
        guard case .failed(let e) = event else {
            Issue.record("expected a failure, got \(event)")
            return
        }
        #expect(e.index == 3 && e.isSyntaxError && e.statementLine == 4)
        #expect(e.message.hasPrefix("SyntaxError:"))
    }

    @Test func runtimeErrorInsideAFunctionDefinedEarlier() {
        let ex = StreamingExecutor()
        let src = "def f(x):\n    return 1 / x\n\nprint(f(1))\nprint(f(0))\n"
        let (out, event) = run(StreamChunker.chunks(of: src, size: 1), executor: ex)
        #expect(out == "1.0\n")
        guard case .failed(let e) = event else { Issue.record("expected a failure, got \(event)"); return }
        #expect(e.description == "statement 3, line 5: ZeroDivisionError: division by zero")
    }

    @Test func fencedResponseRunsOnlyCode() {
        let ex = StreamingExecutor()
        let src = "I will compute it now.\nHere goes:\n```python\nx = 6\n```\nThen multiply.\n```\nprint(x * 7)\n```\nThat's all.\n"
        for seed: UInt64 in [1, 2, 3] {
            ex.beginResponse()
            let (out, event) = run(StreamChunker.chunks(of: src, seed: seed), executor: ex)
            #expect(out == "42\n")
            if case .finished = event {} else { Issue.record("expected finished, got \(event)") }
        }
    }

    @Test func unfencedInvalidTextReportsItsSyntaxErrorAtTheEnd() {
        let ex = StreamingExecutor()
        let (out, event) = run(StreamChunker.chunks(of: "print(1)\nLet me think about it.\nprint(2)\n", size: 2), executor: ex)
        #expect(out == "1\n")
        guard case .failed(let e) = event else { Issue.record("expected a failure, got \(event)"); return }
        #expect(e.index == 2 && e.line == 2 && e.isSyntaxError)
    }

    @Test func stateVariables() {
        let ex = StreamingExecutor()
        let (out, event) = run(
            StreamChunker.chunks(of: "$order_id = 'A1'\nprint($order_id, '$x')\nprint($missing)\n", size: 1), executor: ex)
        #expect(out == "A1 $x\n")
        guard case .failed(let e) = event else { Issue.record("expected a failure, got \(event)"); return }
        #expect(e.index == 3 && e.message.hasPrefix("NameError"))
    }

    @Test func suspendMidStreamSaveRestoreAndFinish() throws {
        let src = """
            total = 0
            for i in range(3):
                total += i
            else:
                print("loop done", total)
            r = await fetch("item", total)
            print("got", r)
            if r:
                print("truthy")
            else:
                print("falsy")
            print("end")

            """
        let chunks = StreamChunker.chunks(of: src, seed: 11)

        // Reference run without saving.
        func reference() -> String {
            let vm = VirtualMachine()
            vm.registerHostFunction("fetch")
            let ex = StreamingExecutor(vm: vm)
            var out = ""
            ex.output = { out += $0 }
            for c in chunks {
                var e = ex.feed(c)
                while case .suspended = e {
                    ex.resume(returning: .str("data"))
                    e = ex.continue()
                }
            }
            var e = ex.finish()
            while case .suspended = e {
                ex.resume(returning: .str("data"))
                e = ex.continue()
            }
            return out
        }

        let vm = VirtualMachine()
        vm.registerHostFunction("fetch")
        var ex = StreamingExecutor(vm: vm)
        var out = ""
        ex.output = { out += $0 }
        var suspensions = 0
        for c in chunks {
            var e = ex.feed(c)
            while case .suspended(let call) = e {
                suspensions += 1
                #expect(call.name == "fetch")
                // More text arrives while the host call is in flight: it is buffered.
                let bytes = ex.encodeState()
                ex = try StreamingExecutor(state: bytes)
                ex.output = { out += $0 }
                #expect(ex.currentStatement?.text.hasPrefix("r = await") == true)
                ex.resume(returning: .str("data"))
                e = ex.continue()
            }
            if case .failed(let err) = e { Issue.record("failed: \(err)") }
        }
        var e = ex.finish()
        while case .suspended = e {
            ex.resume(returning: .str("data"))
            e = ex.continue()
        }
        #expect(suspensions == 1)
        #expect(out == reference())
        #expect(out == "loop done 3\ngot data\ntruthy\nend\n")
        if case .finished = e {} else { Issue.record("expected finished, got \(e)") }
    }

    @Test func damagedStateIsRejectedClearly() throws {
        let ex = StreamingExecutor()
        _ = ex.feed("x = 1\nif x:\n  y = 2\n")
        var bytes = ex.encodeState()
        let restored = try StreamingExecutor(state: bytes)
        #expect(restored.bufferedByteCount == ex.bufferedByteCount)
        bytes[bytes.count / 2] ^= 0xFF
        #expect(throws: SnapshotError.self) { try StreamingExecutor(state: bytes) }
        #expect(throws: SnapshotError.self) { try StreamingExecutor(state: Array(bytes.prefix(10))) }
        var badVersion = ex.encodeState()
        badVersion[4] = 99
        do {
            _ = try StreamingExecutor(state: badVersion)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("version"))
        }
    }
}
