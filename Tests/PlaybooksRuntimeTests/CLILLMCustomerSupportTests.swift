import Foundation
import Testing

/// `Examples/customer_support`: Markdown playbooks run by the scripted LLM (one of which calls
/// the other, and one whose first response fails and is corrected), Python playbooks, an artifact,
/// and a user conversation — given on the command line, or one message per resume.
@Suite("CLILLM: the customer-support example")
struct CLILLMCustomerSupportTests {
    static let request = "Hi! My espresso machine from order A-1042 arrived with a cracked water tank. Can I get a refund?"
    static let goodbye = "No, that's all. Thanks!"

    static let stdout = [
        "SupportAgent: Hi, this is Acme Coffee Gear support. What can I do for you today?",
        "SupportAgent: Let me look up order A-1042.",
        "SupportAgent: Good news: your refund of $189.5 for the espresso machine is on its way (refund R-A1042-18950).",
        "SupportAgent: Is there anything else I can help you with?",
        "SupportAgent: Thanks for contacting Acme Coffee Gear. Enjoy your coffee!",
    ]

    static var transcript: String {
        stdout.map { $0.replacingOccurrences(of: "SupportAgent: ", with: "SupportAgent -> user: ") + "\n" }.joined()
    }

    static func setUp(_ label: String) throws -> (directory: URL, program: String) {
        let directory = try CLI.temporaryDirectory(label)
        return (directory, try LLMExample.copy("customer_support", program: "support.pb", into: directory))
    }

    static func checkFinished(_ id: String, store: String, in directory: URL) throws {
        let done = try FinishedExecution.read(id, store: store, in: directory, stdout: [])
        #expect(done.status == "finished", "\(id)")
        #expect(done.transcript == transcript, "\(id): transcript\n\(done.transcript)")
        #expect(done.result == "'T-A1042'", "\(id)")
        let artifacts = (done.state["artifacts"] as? [NSDictionary]) ?? []
        #expect(artifacts.map { $0["name"] as? String } == ["ticket-T-A1042"], "\(id): \(artifacts)")
        #expect(artifacts.first?["summary"] as? String == "Refund of order A-1042", "\(id): \(artifacts)")
    }

    @Test func runsToTheEndWithMessagesOnTheCommandLine() throws {
        let (directory, program) = try Self.setUp("llm-support")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = CLIStore.sqlite.argument(in: directory)
        let log = directory.appendingPathComponent("requests")
        let run = try CLI.run(
            [
                "run", program, "--store", store, "--id", "support", "--message", Self.request, "--message", Self.goodbye,
                "--non-interactive", "--llm-request-log", log.path,
            ], in: directory)
        #expect(run.status == 0 && run.exited, "\(run)")
        #expect(run.lines == Self.stdout, "\(run)")
        #expect(run.stderr.contains("execution support finished: 'T-A1042'"), "\(run.stderr)")
        // Main: greet+wait, refund (HandleRefund: a KeyError, then the corrected reply), goodbye.
        #expect(LLMExample.requests(log) == [0, 1, 2, 3, 4])
        try Self.checkFinished("support", store: store, in: directory)

        // The failed statement of call #3 is in the journal, and so is what followed it.
        let rows = try CheckpointRow.list("support", store: store, in: directory).rows
        #expect(rows.filter { $0.call == "__PBStart__" }.count == 5, "\(rows)")
        #expect(rows.contains { $0.call == "__PBNext__" && $0.result.contains(#"order["total"]"#) }, "\(rows)")
    }

    /// No messages and `--non-interactive`: the agent greets, saves and exits 3; each resume with a
    /// message (the store found through the program's playbooks.toml) goes on to the next wait.
    @Test func waitsForTheUserAndFinishesAfterResumes() throws {
        let (directory, program) = try Self.setUp("llm-support-wait")
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("requests")

        let first = try CLI.run(
            ["run", program, "--id", "ticket", "--non-interactive", "--llm-request-log", log.path], in: directory)
        #expect(first.status == 3 && first.exited, "\(first)")
        #expect(first.lines == Array(Self.stdout.prefix(1)), "\(first)")
        #expect(first.stderr.contains("playbooks resume ticket --program \(program) --message"), "\(first.stderr)")
        #expect(
            FileManager.default.fileExists(atPath: directory.appendingPathComponent(".playbooks/state.db").path),
            "the store of playbooks.toml is beside the program")

        let second = try CLI.run(
            ["resume", "ticket", "--program", program, "--message", Self.request, "--non-interactive", "--llm-request-log", log.path],
            in: directory)
        #expect(second.status == 3 && second.exited, "\(second)")
        #expect(second.lines == Array(Self.stdout[1...3]), "\(second)")

        // This resume starts at the snapshot of the wait inside LLM call #2 (callIndex 1): the call index
        // and the saved rest of the response come from the playbook's frame, which is in the snapshot.
        do {
            let third = try CLI.run(
                ["resume", "ticket", "--program", program, "--message", Self.goodbye, "--llm-request-log", log.path], in: directory)
            #expect(third.status == 0 && third.exited, "\(third)")
            #expect(third.lines == Array(Self.stdout[4...]), "\(third)")
            // A wait ends the process before the rest of the response it is in was read, so the resume after
            // it may ask for the rest of that call (0, then 1) once more; every other call is asked for once.
            let requests = LLMExample.requests(log)
            #expect(requests.filter { $0 >= 2 } == [2, 3, 4], "\(requests)")
            #expect(requests.filter { $0 == 0 }.count <= 2 && requests.filter { $0 == 1 }.count <= 2, "\(requests)")
            try Self.checkFinished("ticket", store: "sqlite:\(directory.appendingPathComponent(".playbooks/state.db").path)", in: directory)
        }

        // Both messages on one resume.
        let again = try CLI.run(["run", program, "--id", "both", "--non-interactive"], in: directory)
        #expect(again.status == 3 && again.exited, "\(again)")
        let both = try CLI.run(
            ["resume", "both", "--program", program, "--message", Self.request, "--message", Self.goodbye], in: directory)
        #expect(both.status == 0 && both.exited, "\(both)")
        #expect(again.lines + both.lines == Self.stdout)
    }

    /// A sample of crash points across the whole conversation (inside both Markdown playbooks, at
    /// the failed statement and its correction, and at the waits), each resumed with the messages.
    @Test func crashesAcrossTheConversationThenResume() throws {
        let (directory, program) = try Self.setUp("llm-support-crash")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = CLIStore.sqlite.argument(in: directory)
        let messages = ["--message", Self.request, "--message", Self.goodbye]
        let base = try CLI.run(["run", program, "--store", store, "--id", "base"] + messages, in: directory)
        try #require(base.status == 0, "\(base)")
        let rows = try CheckpointRow.list("base", store: store, in: directory).rows
        try #require(rows.count > 30, "\(rows)")
        let starts = rows.filter { $0.call == "__PBStart__" }.map(\.counter)
        var points = Set(starts + starts.map { $0 + 1 } + Array(stride(from: 2, through: rows.count, by: 5)) + [rows.count])
        points.formIntersection(1...rows.count)
        for n in points.sorted() {
            for point in [CrashPoint.crashBefore, .crashAfter] {
                let id = "\(point.rawValue)-\(n)"
                let context = "\(point.rawValue):\(n)"
                let log = directory.appendingPathComponent("\(id).requests")
                let crashed = try CLI.run(
                    ["run", program, "--store", store, "--id", id, "--llm-request-log", log.path] + messages, in: directory,
                    environment: ["PLAYBOOKS_FAILPOINT": "\(point.rawValue):\(n)"])
                #expect(crashed.killedBySIGKILL, "\(context): \(crashed)")
                guard crashed.killedBySIGKILL else { continue }
                // The messages given to the crashed run that it had consumed are in its journal; the
                // resume is given the ones it had not.
                let consumed = rows.prefix(point.durable(n)).filter { $0.call == "WaitForMessage" }.count
                var rest: [String] = []
                for message in [Self.request, Self.goodbye].dropFirst(consumed) { rest += ["--message", message] }
                let resumed = try CLI.run(
                    ["resume", id, "--store", store, "--llm-request-log", log.path] + rest, in: directory)
                #expect(resumed.status == 0 && resumed.exited, "\(context): \(resumed)")
                let done = try FinishedExecution.read(id, store: store, in: directory, stdout: [])
                #expect(done.transcript == Self.transcript, "\(context): transcript\n\(done.transcript)")
                let requests = LLMExample.requests(log)
                // Asked for again: only responses that were in flight — inside HandleRefund that is its own
                // call and Main's call #2, which was streaming when it called HandleRefund.
                var counts: [Int: Int] = [:]
                for index in requests { counts[index, default: 0] += 1 }
                #expect(Set(requests) == [0, 1, 2, 3, 4], "\(context): \(requests)")
                #expect(counts.values.allSatisfy { $0 <= 2 }, "\(context): \(requests)")
                #expect(counts.filter { $0.value > 1 }.count <= 2, "\(context): \(requests)")
            }
        }
    }
}
