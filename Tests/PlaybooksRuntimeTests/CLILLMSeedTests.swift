import Foundation
import Testing

/// `Examples/seed_llm` — the seed scenario with a Markdown `Main` run by the scripted, streaming
/// LLM — run by real processes, crashed inside and around LLM call #3 and resumed.
@Suite("CLILLM: the seed LLM example crashed and resumed")
struct CLILLMSeedTests {
    /// What the uninterrupted run leaves behind.
    struct Baseline {
        var directory: URL
        var program: String
        var store: String
        var stdout: [String]
        var transcript: String
        var result: String?
        var rows: [CheckpointRow]
        var spans: [LLMCallSpan]
    }

    static func baseline(_ label: String) throws -> Baseline {
        let directory = try CLI.temporaryDirectory(label)
        let program = try LLMExample.copy("seed_llm", program: "seed_llm.pb", into: directory)
        let store = CLIStore.sqlite.argument(in: directory)
        let log = directory.appendingPathComponent("baseline.requests")
        let run = try CLI.run(
            ["run", program, "--store", store, "--id", "baseline", "--llm-request-log", log.path], in: directory)
        try #require(run.status == 0 && run.exited, "uninterrupted run: \(run)")
        #expect(LLMExample.requests(log) == [0, 1, 2, 3])
        let finished = try FinishedExecution.read("baseline", store: store, in: directory, stdout: run.lines)
        let rows = try CheckpointRow.list("baseline", store: store, in: directory).rows
        return Baseline(
            directory: directory, program: program, store: store, stdout: run.lines, transcript: finished.transcript,
            result: finished.result, rows: rows, spans: LLMCallSpan.spans(rows))
    }

    static let transcript = """
        OrderAgent -> user: Hello!
        OrderAgent -> user: Result: 42
        OrderAgent -> user: Got data: [{'sku': 'A-1', 'qty': 1, 'price': 2.5}, {'sku': 'A-2', 'qty': 2, 'price': 5.0}, {'sku': 'A-3', 'qty': 3, 'price': 7.5}]
        OrderAgent -> user: Processed: {'rows': 3, 'total': 35.0}

        """

    @Test func uninterruptedRun() throws {
        let base = try Self.baseline("llm-seed")
        defer { try? FileManager.default.removeItem(at: base.directory) }
        #expect(base.transcript == Self.transcript)
        #expect(base.result == "{'rows': 3, 'total': 35.0}")
        #expect(base.stdout == Self.transcript.split(separator: "\n").map { $0.replacingOccurrences(of: " -> user: ", with: ": ") })
        // Four LLM calls, each from its __PBStart__ to the __PBNext__ that ends its response (the last one returns).
        #expect(base.spans.count == 4, "\(base.rows)")
        for span in base.spans.prefix(3) {
            let end = base.rows[span.end - 1]
            #expect(end.call == "__PBNext__" && (end.result == "None" || end.result.hasPrefix("{'usage'")), "\(span)")
        }
    }

    /// Every checkpoint inside LLM call #3 with crash-before and crash-after, a few outside it, and
    /// torn writes at a few: each resumed run ends with the uninterrupted transcript, says nothing
    /// twice, and asks the LLM again only for the call whose response was in flight at the crash.
    @Test func crashInsideAndAroundTheThirdCallThenResume() throws {
        let base = try Self.baseline("llm-seed-sweep")
        defer { try? FileManager.default.removeItem(at: base.directory) }
        try #require(base.spans.count == 4, "\(base.rows)")
        let third = base.spans[2]
        try #require(third.end - third.start >= 8, "call #3 is only \(third)")
        let records = base.rows.count
        let inside = Array(third.start...third.end)
        let others = [1, base.spans[0].start, base.spans[1].start + 2, base.spans[1].end, third.start - 1, third.end + 1, records]
        let few = [third.start, (third.start + third.end) / 2, third.end, records]
        var plan: [(CrashPoint, Int)] = []
        for n in Array(Set(inside + others)).sorted() where n >= 1 && n <= records {
            plan += [(.crashBefore, n), (.crashAfter, n)]
        }
        plan += Array(Set(few)).sorted().map { (.tornWrite, $0) }

        var repeats: [String] = []
        for (point, n) in plan {
            let id = "\(point.rawValue)-\(n)"
            let context = "\(point.rawValue):\(n) (\(base.spans.map(\.description).joined(separator: ", ")))"
            let log = base.directory.appendingPathComponent("\(id).requests")
            let crashed = try CLI.run(
                ["run", base.program, "--store", base.store, "--id", id, "--llm-request-log", log.path], in: base.directory,
                environment: ["PLAYBOOKS_FAILPOINT": "\(point.rawValue):\(n)"])
            #expect(crashed.killedBySIGKILL, "\(context): the failpoint did not kill the run: \(crashed)")
            guard crashed.killedBySIGKILL else { continue }
            let resumed = try CLI.run(
                ["resume", id, "--store", base.store, "--llm-request-log", log.path], in: base.directory)
            #expect(resumed.status == 0 && resumed.exited, "\(context): resume failed: \(resumed)")
            #expect(
                resumed.stderr.contains("resumed \(id) at record \(point.durable(n)) "),
                "\(context): resume did not start at record \(point.durable(n)): \(resumed.stderr)")

            let actual = try FinishedExecution.read(id, store: base.store, in: base.directory, stdout: [])
            #expect(actual.transcript == base.transcript, "\(context): transcript differs:\n\(actual.transcript)")
            #expect(actual.result == base.result, "\(context): result differs")
            #expect(actual.status == "finished", "\(context)")

            // What the user saw: nothing twice. The message whose record was the last written
            // before a crash-after may be missing from stdout (the transcript has it).
            let seen = crashed.lines + resumed.lines
            var withoutBoundary = base.stdout
            if crashed.lines.count < withoutBoundary.count { withoutBoundary.remove(at: crashed.lines.count) }
            #expect(
                seen == base.stdout || (point == .crashAfter && seen == withoutBoundary),
                "\(context): stdout of the crashed and resumed runs: \(seen)")

            // The request log of both processes: every call once, except the one in flight at the crash.
            let requests = LLMExample.requests(log)
            let inFlight = point.callInFlight(n, spans: base.spans)
            var counts: [Int: Int] = [:]
            for index in requests { counts[index, default: 0] += 1 }
            #expect(Set(requests) == [0, 1, 2, 3], "\(context): requests \(requests)")
            for (index, count) in counts where count > 1 {
                #expect(index == inFlight && count == 2, "\(context): call \(index) requested \(count) times: \(requests)")
                repeats.append("\(point.rawValue):\(n) -> \(index)")
            }
            // Crashing right after the record that ends a response: that response is never asked for again.
            if point == .crashAfter, base.spans.contains(where: { $0.end == n }) {
                #expect(requests == [0, 1, 2, 3], "\(context): \(requests)")
            }
        }
        // Crashes in the middle of streaming call #3 do ask for its continuation.
        #expect(repeats.contains { $0.hasSuffix("-> 2") }, "\(repeats)")
    }
}
