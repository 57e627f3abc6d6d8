import Foundation
import Testing

/// Time travel: `playbooks executions fork ID --from N` copies an execution up to checkpoint N
/// under a new id; `playbooks resume NEW` continues it; the original is untouched.
@Suite("CLILLM: forking an LLM execution")
struct CLILLMForkTests {
    @Test func forkTheSeedExampleAnywhereAndResume() throws {
        let directory = try CLI.temporaryDirectory("llm-fork")
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = try LLMExample.copy("seed_llm", program: "seed_llm.pb", into: directory)
        let store = CLIStore.sqlite.argument(in: directory)
        let run = try CLI.run(["run", program, "--store", store, "--id", "original"], in: directory)
        try #require(run.status == 0 && run.exited, "\(run)")
        let original = try FinishedExecution.read("original", store: store, in: directory, stdout: run.lines)
        let (rows, listed) = try CheckpointRow.list("original", store: store, in: directory)
        let spans = LLMCallSpan.spans(rows)
        try #require(spans.count == 4, "\(rows)")
        let show = try CLI.run(["executions", "show", "original", "--store", store, "--json"], in: directory)

        // The first checkpoint, the middle of LLM call #3 (streaming), the end of a response, the last one.
        let points = [1, (spans[2].start + spans[2].end) / 2, spans[1].end, rows.count]
        var copies: Set<String> = []
        for n in points {
            let fork = try CLI.run(["executions", "fork", "original", "--from", "\(n)", "--store", store], in: directory)
            #expect(fork.status == 0 && fork.exited, "fork --from \(n): \(fork)")
            let copy = try #require(fork.lines.first, "fork --from \(n) printed no id: \(fork)")
            #expect(fork.lines.count == 1 && copy != "original" && !copy.contains(" "), "fork --from \(n): \(fork)")
            #expect(fork.stderr.contains("playbooks resume \(copy)"), "\(fork.stderr)")
            copies.insert(copy)

            let log = directory.appendingPathComponent("\(copy).requests")
            let resumed = try CLI.run(["resume", copy, "--store", store, "--llm-request-log", log.path], in: directory)
            #expect(resumed.status == 0 && resumed.exited, "resume fork at \(n): \(resumed)")
            let done = try FinishedExecution.read(copy, store: store, in: directory, stdout: [])
            #expect(done.transcript == original.transcript, "fork at \(n): transcript\n\(done.transcript)")
            #expect(done.result == original.result, "fork at \(n)")
            // The copy asks only for the calls after N (and the one N is inside, to continue it).
            let requests = LLMExample.requests(log)
            let firstNeeded = spans.firstIndex { $0.end > n } ?? spans.count
            let expected = Array(firstNeeded..<spans.count)
            #expect(requests == expected, "fork at \(n): requests \(requests), expected \(expected)")
            // The copy's history up to N is the original's.
            let copied = try CheckpointRow.list(copy, store: store, in: directory).rows
            #expect(Array(copied.prefix(n)) == Array(rows.prefix(n)), "fork at \(n)")
        }
        #expect(copies.count == points.count)

        // The original: same checkpoints, same report.
        let after = try CheckpointRow.list("original", store: store, in: directory).raw
        #expect(after == listed)
        let showAfter = try CLI.run(["executions", "show", "original", "--store", store, "--json"], in: directory)
        #expect(showAfter.stdout == show.stdout)

        // A checkpoint that does not exist is refused, and nothing is created.
        let list = try CLI.run(["executions", "list", "--store", store, "--json"], in: directory)
        let bad = try CLI.run(["executions", "fork", "original", "--from", "\(rows.count + 1)", "--store", store], in: directory)
        #expect(bad.status != 0 && bad.exited && bad.stdout.isEmpty, "\(bad)")
        #expect(try CLI.run(["executions", "list", "--store", store, "--json"], in: directory).stdout == list.stdout)
    }

    /// Fork a finished conversation at the point where the agent waited for the second message,
    /// and give the copy a different answer: the copy records its own answer (the scripted replies
    /// do not depend on it, so it ends the same way), the original keeps its history.
    @Test func forkTheCustomerSupportConversationAtAWait() throws {
        let directory = try CLI.temporaryDirectory("llm-fork-support")
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = try LLMExample.copy("customer_support", program: "support.pb", into: directory)
        let store = CLIStore.sqlite.argument(in: directory)
        let run = try CLI.run(
            [
                "run", program, "--store", store, "--id", "chat", "--message", CLILLMCustomerSupportTests.request, "--message",
                CLILLMCustomerSupportTests.goodbye,
            ], in: directory)
        try #require(run.status == 0 && run.exited, "\(run)")
        let (rows, listed) = try CheckpointRow.list("chat", store: store, in: directory)
        let waits = rows.filter { $0.call == "WaitForMessage" }.map(\.counter)
        try #require(waits.count == 2, "\(rows)")

        // Right before the second WaitForMessage's record: the copy waits for a message of its own.
        let fork = try CLI.run(["executions", "fork", "chat", "--from", "\(waits[1] - 1)", "--store", store], in: directory)
        #expect(fork.status == 0, "\(fork)")
        let copy = try #require(fork.lines.first)
        let waiting = try CLI.run(["resume", copy, "--store", store, "--non-interactive"], in: directory)
        #expect(waiting.status == 3 && waiting.exited, "\(waiting)")
        // This resume starts at the snapshot of the copy's wait, inside LLM call #2.
        do {
            let answered = try CLI.run(["resume", copy, "--store", store, "--message", "Nothing else, bye."], in: directory)
            #expect(answered.status == 0 && answered.exited, "\(answered)")
            let done = try FinishedExecution.read(copy, store: store, in: directory, stdout: [])
            #expect(done.transcript == CLILLMCustomerSupportTests.transcript)
            let copied = try CheckpointRow.list(copy, store: store, in: directory).rows
            #expect(copied.filter { $0.call == "WaitForMessage" }.map(\.result).last == "'Nothing else, bye.'", "\(copied)")
        }
        #expect(try CheckpointRow.list("chat", store: store, in: directory).raw == listed)
    }
}
