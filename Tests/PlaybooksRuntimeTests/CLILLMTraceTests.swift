import Foundation
import Testing

/// `playbooks executions trace` and `checkpoints list [--all]` on `Examples/customer_support`,
/// whose scripted reply 2 reads `order["total"]` (a `KeyError`) and reply 3 corrects it.
@Suite("CLILLM: what the model did (executions trace)")
struct CLILLMTraceTests {
    static let request = CLILLMCustomerSupportTests.request
    static let goodbye = CLILLMCustomerSupportTests.goodbye

    /// Runs the example to its end; returns the directory and the store argument.
    static func finishedRun(_ label: String, id: String) throws -> (directory: URL, store: String) {
        let (directory, program) = try CLILLMCustomerSupportTests.setUp(label)
        let store = CLIStore.sqlite.argument(in: directory)
        let run = try CLI.run(
            ["run", program, "--store", store, "--id", id, "--message", request, "--message", goodbye, "--non-interactive"],
            in: directory)
        #expect(run.status == 0 && run.exited, "\(run)")
        return (directory, store)
    }

    @Test func theTraceShowsTheFailedStatementItsErrorWhatWentBackAndTheCorrection() throws {
        let (directory, store) = try Self.finishedRun("llm-trace", id: "support")
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = try CLI.run(["executions", "trace", "support", "--store", store], in: directory)
        #expect(trace.status == 0 && trace.exited, "\(trace)")
        let text = trace.stdout
        #expect(text.hasPrefix("execution support: 5 LLM calls\n"), "\(text)")
        // Every call, in order, with its playbook.
        let headers = trace.lines.filter { $0.hasPrefix("call ") }.map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        #expect(headers == ["call 0: Main", "call 1: Main", "call 2: HandleRefund", "call 3: HandleRefund", "call 4: Main"], "\(headers)")
        // The system prompt once, then by reference.
        #expect(text.components(separatedBy: "  system prompt #1:\n").count == 2, "\(text)")
        #expect(text.components(separatedBy: "  system prompt #1 (as above)").count == 5, "\(text)")

        let call2 = try #require(Self.section(text, from: "call 2: HandleRefund", to: "call 3: "), "\(text)")
        #expect(call2.contains("    line 10: amount = order[\"total\"]\n"), "the statement, as it ran\n\(call2)")
        #expect(call2.contains("  failed at line 10: KeyError: 'total'\n    amount = order[\"total\"]\n"), "\(call2)")
        #expect(call2.contains("  ending: error\n"), "\(call2)")
        // What went back to the model: the log, with the error and the statement.
        #expect(call2.contains("  sent back to the model:\n    | Your reply ran. What happened, in order:\n"), "\(call2)")
        #expect(call2.contains("    | - The statement at line 10 of your reply failed with KeyError: 'total'\n"), "\(call2)")
        #expect(call2.contains("    | The statements after the failed one did not run."), "\(call2)")

        let call3 = try #require(Self.section(text, from: "call 3: HandleRefund", to: "call 4: "), "\(text)")
        #expect(call3.contains("  messages 1-1: as in call 2\n"), "\(call3)")
        #expect(call3.contains("    line 3: amount = order[\"amount\"]\n"), "the corrected reply\n\(call3)")
        #expect(call3.contains("    line 16: await Return(ticket)\n"), "\(call3)")
        #expect(call3.contains("  ending: returned"), "\(call3)")
        #expect(!call3.contains("failed at"), "\(call3)")
        // The request of call 3 carries the failed reply and the log (as assistant and user messages).
        #expect(call3.contains("  assistant:\n    | ```python\n"), "\(call3)")
        #expect(call3.contains("  user:\n    | Your reply ran. What happened, in order:\n"), "\(call3)")
    }

    @Test func theJSONTraceParsesAndHoldsTheSame() throws {
        let (directory, store) = try Self.finishedRun("llm-trace-json", id: "support")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try CLI.run(["executions", "trace", "support", "--store", store, "--json"], in: directory)
        #expect(out.status == 0 && out.exited, "\(out)")
        let trace = try #require(try CLI.json(out) as? NSDictionary, "\(out)")
        #expect(trace["executionID"] as? String == "support")
        let prompts = (trace["systemPrompts"] as? [String]) ?? []
        #expect(prompts.count == 1 && prompts.first?.hasPrefix("You are SupportAgent") == true, "\(prompts)")
        let calls = (trace["calls"] as? [NSDictionary]) ?? []
        #expect(calls.map { $0["index"] as? Int } == [0, 1, 2, 3, 4].map { Optional($0) }, "\(calls)")
        #expect(calls.map { $0["systemPrompt"] as? Int } == Array(repeating: Optional(0), count: 5))
        let failed = try #require(calls.count == 5 ? calls[2] : nil)
        let errors = (failed["errors"] as? [NSDictionary]) ?? []
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?["type"] as? String == "KeyError" && errors.first?["message"] as? String == "'total'", "\(errors)")
        #expect(errors.first?["statement"] as? String == #"amount = order["total"]"#, "\(errors)")
        #expect(errors.first?["line"] as? Int == 10, "\(errors)")
        #expect((failed["feedback"] as? String)?.contains("failed with KeyError: 'total'") == true, "\(failed)")
        let corrected = ((calls[3]["statements"] as? [NSDictionary]) ?? []).compactMap { $0["text"] as? String }
        #expect(corrected.first == #"amount = order["amount"]"#, "\(corrected)")
        #expect(calls[3]["ending"] as? String == "returned")
        // Each statement's record is a `__PBNext__` of the journal.
        let rows = try CheckpointRow.list("support", store: store, in: directory).rows
        let next = Set(rows.filter { $0.call == "__PBNext__" }.map(\.counter))
        let records = calls.flatMap { ($0["statements"] as? [NSDictionary]) ?? [] }.compactMap { $0["record"] as? Int }
        #expect(!records.isEmpty && records.allSatisfy(next.contains), "\(records) \(next)")
        let starts = rows.filter { $0.call == "__PBStart__" }.map(\.counter)
        #expect(calls.compactMap { $0["record"] as? Int } == starts)
    }

    @Test func theTranscriptHasBothSidesWithSenders() throws {
        let (directory, store) = try Self.finishedRun("llm-trace-transcript", id: "support")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try CLI.run(["executions", "trace", "support", "--store", store, "--transcript"], in: directory)
        #expect(out.status == 0 && out.exited, "\(out)")
        let said = CLILLMCustomerSupportTests.transcript.split(separator: "\n").map(String.init)
        #expect(
            out.lines == [
                said[0], "user -> SupportAgent: \(Self.request)", said[1], said[2], said[3], "user -> SupportAgent: \(Self.goodbye)",
                said[4],
            ], "\(out.stdout)")
        let json = try CLI.run(["executions", "trace", "support", "--store", store, "--transcript", "--json"], in: directory)
        let messages = try #require(try CLI.json(json) as? [NSDictionary], "\(json)")
        #expect(messages.count == 7)
        #expect(messages[1]["sender"] as? String == "user" && messages[1]["target"] as? String == "SupportAgent")
        #expect(messages[1]["text"] as? String == Self.request)
    }

    /// A resumed execution (a wait, then a resume with the message) traces the same calls.
    @Test func theTraceOfAResumedExecutionIsTheSame() throws {
        let (directory, program) = try CLILLMCustomerSupportTests.setUp("llm-trace-resumed")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = CLIStore.sqlite.argument(in: directory)
        let first = try CLI.run(["run", program, "--store", store, "--id", "r", "--non-interactive"], in: directory)
        #expect(first.status == 3, "\(first)")
        let waiting = try CLI.run(["executions", "trace", "r", "--store", store], in: directory)
        #expect(waiting.status == 0 && waiting.stdout.hasPrefix("execution r: 1 LLM call\n"), "\(waiting)")
        let resumed = try CLI.run(
            ["resume", "r", "--store", store, "--message", Self.request, "--message", Self.goodbye], in: directory)
        #expect(resumed.status == 0, "\(resumed)")
        let other = try Self.finishedRun("llm-trace-straight", id: "r")
        defer { try? FileManager.default.removeItem(at: other.directory) }
        let a = try CLI.run(["executions", "trace", "r", "--store", store, "--json"], in: directory)
        let b = try CLI.run(["executions", "trace", "r", "--store", other.store, "--json"], in: other.directory)
        let callsA = (try CLI.json(a) as? NSDictionary)?["calls"] as? NSArray
        let callsB = (try CLI.json(b) as? NSDictionary)?["calls"] as? NSArray
        #expect(callsA != nil && callsA == callsB, "\(a.stdout)\n---\n\(b.stdout)")
    }

    @Test func checkpointsListShowsUserLevelAwaitsUnlessAll() throws {
        let (directory, store) = try Self.finishedRun("llm-trace-checkpoints", id: "support")
        defer { try? FileManager.default.removeItem(at: directory) }
        let loopRecords: Set<String> = ["__PBPrompt__", "__PBStart__", "__PBNext__"]
        let plain = try CLI.run(["checkpoints", "list", "support", "--store", store, "--json"], in: directory)
        let rows = try #require(try CLI.json(plain) as? [NSDictionary], "\(plain)")
        let calls = rows.compactMap { $0["call"] as? String }
        #expect(!calls.isEmpty && calls.allSatisfy { !loopRecords.contains($0) }, "\(calls)")
        #expect(calls.filter { $0 == "WaitForMessage" }.count == 2 && calls.contains("Say") && calls.contains("SaveArtifact"))
        let all = try CheckpointRow.list("support", store: store, in: directory).rows
        #expect(all.map(\.counter) == Array(1...all.count), "--all lists every record")
        #expect(all.filter { !loopRecords.contains($0.call) }.map(\.counter) == rows.compactMap { $0["counter"] as? Int })
        // Each user-level await has its statement and where its line is.
        let say = try #require(rows.first { ($0["statement"] as? String)?.hasPrefix(#"await Say("user", f"Let me look up"#) == true })
        #expect(say["lineIn"] as? String == "reply" && say["line"] as? Int == 3, "\(say)")
        let step = try #require(rows.first { ($0["statement"] as? String) == #"await Step("CheckOrder:01:EXE")"# })
        #expect(step["lineIn"] as? String == "program", "\(step)")

        let text = try CLI.run(["checkpoints", "list", "support", "--store", store], in: directory)
        #expect(text.status == 0)
        #expect(text.lines.first == "N\tKIND\tLINE\tCALL\tRESULT\tSTATEMENT")
        #expect(text.lines.count == rows.count + 1 && !text.stdout.contains("__PB"), "\(text.stdout)")
        #expect(text.lines.contains { $0.contains("\treply 3\tSay\t") }, "\(text.stdout)")
        let textAll = try CLI.run(["checkpoints", "list", "support", "--store", store, "--all"], in: directory)
        #expect(textAll.lines.count == all.count + 1 && textAll.stdout.contains("__PBStart__"))
    }

    /// The text of `text` from the line starting with `from` to the line starting with `to` (or the end).
    static func section(_ text: String, from: String, to: String) -> String? {
        guard let start = text.range(of: "\n" + from) else { return nil }
        let rest = text[start.lowerBound...]
        guard let end = rest.dropFirst().range(of: "\n" + to) else { return String(rest) }
        return String(rest[..<end.lowerBound])
    }
}
