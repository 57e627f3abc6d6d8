import PlaybooksLanguage
import Testing

/// Prose around fenced code is not run, even when a line of prose happens to parse as Python.
@Suite("Streaming prose")
struct StreamingProseTests {
    func run(_ response: String, chunk: Int) -> (String, StreamEvent) {
        let executor = StreamingExecutor()
        var out = ""
        executor.output = { out += $0 }
        var event: StreamEvent = .needsInput
        var rest = Substring(response)
        while !rest.isEmpty {
            let piece = rest.prefix(chunk)
            rest = rest.dropFirst(chunk)
            event = executor.feed(String(piece))
            if case .failed = event { return (out, event) }
        }
        event = executor.finish()
        return (out, event)
    }

    @Test("one-word and sentence prose before a fence is skipped", arguments: [1, 3, 1000])
    func proseBeforeFence(chunk: Int) {
        let response = "Sure\nHere is the plan.\nOkay then\n```python\nx = 2\nprint(x * 21)\n```\nDone.\n"
        let (out, event) = run(response, chunk: chunk)
        #expect(out == "42\n")
        if case .failed(let e) = event { Issue.record("unexpected failure: \(e)") }
    }

    @Test("an unfenced response that starts with a bare name still runs, at the end")
    func unfencedBareNameRunsAtEnd() {
        let (out, event) = run("total = 3\ntotal\nprint(total + 1)\n", chunk: 2)
        #expect(out == "4\n")
        if case .failed(let e) = event { Issue.record("unexpected failure: \(e)") }
    }
}
