import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// Crashes society programs at every checkpoint with every failpoint (after the record, before
/// it, a torn write), resumes in a fresh runner, and checks that the result, every agent's state
/// and the transcript equal the uninterrupted run's: every message exactly once, nothing that
/// finished done again.
@Suite struct SocietyCrashSweepTests {
    enum Case: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case bank, relay, concierge, thermostat, meeting, logger, factory, pool, humanMeeting, humansOnly
        var testDescription: String { rawValue }

        func text() throws -> String {
            switch self {
            case .bank: return try SocietyPrograms.example("bank/bank.pb")
            case .relay: return SocietyPrograms.relay
            case .logger: return SocietyPrograms.logger
            case .factory: return SocietyPrograms.factory
            case .pool: return SocietyPrograms.pool
            case .humanMeeting: return SocietyPrograms.humanMeeting
            case .humansOnly: return SocietyPrograms.humansOnly
            case .concierge: return try SocietyPrograms.example("concierge/concierge.pb")
            case .thermostat: return try SocietyPrograms.example("thermostat/thermostat.pb")
            case .meeting: return try SocietyPrograms.example("menu_meeting/menu_meeting.pb")
            }
        }

        /// The scripted LLM of the programs whose playbooks are Markdown.
        func llm() throws -> ScriptedProvider? {
            guard self == .concierge else { return nil }
            return ScriptedProvider(script: try ReplyScript(parsing: try SocietyPrograms.example("concierge/replies.txt")), chunkSize: 7)
        }

        var messages: [String] {
            switch self {
            case .bank: return ["alice"]
            case .relay, .thermostat, .meeting, .logger, .factory, .pool: return []
            case .concierge: return ["Japanese"]
            case .humanMeeting: return ["pasta"]
            case .humansOnly: return ["Hi, I am Alice"]
            }
        }
        var name: String { rawValue }
    }

    struct Run: Equatable {
        var outcome: ExecutionOutcome
        var state: ExecutionState
        var records: Int
    }

    static func options(
        _ messages: [String], _ policy: SnapshotPolicy, _ failpoints: Failpoints, llm: ScriptedProvider? = nil
    ) -> RunnerOptions {
        RunnerOptions(messages: messages, llm: llm, policy: policy).with(failpoints: failpoints)
    }

    @Test(arguments: Case.allCases, CrashSweepTests.Kind.allCases)
    func everyFailpointAtEveryCheckpoint(_ sweep: Case, kind: CrashSweepTests.Kind) async throws {
        let program = try ExecutionProgram(program: Program(parsing: try sweep.text(), path: "\(sweep.name).pb"))
        let directory = NSTemporaryDirectory() + "/playbooks-society-sweep-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let memory = MemoryCheckpointStore()
        let store = try CrashSweepTests.open(kind, directory, Failpoints(), memory: memory)

        let reference = try await ExecutionRunner.start(
            program: program, store: store, options: Self.options(sweep.messages, SnapshotPolicy(), Failpoints(), llm: try sweep.llm()))
        var expectedSaid: [Message] = []
        reference.onEvent = { if case .said(let m) = $0 { expectedSaid.append(m) } }
        let expected = Run(outcome: try await reference.run(), state: reference.state, records: try await store.lastSequence(reference.id))
        reference.close()
        guard case .finished = expected.outcome else {
            Issue.record("\(sweep.name) did not finish: \(expected.outcome)")
            return
        }
        #expect(expected.state.transcript == expectedSaid)
        #expect(expected.records >= 10)
        // The records of the agents other than the main one name their agent.
        let journal = try await store.readJournal(reference.id, from: 1).records.map { try AwaitRecord(record: $0) }
        #expect(Set(journal.map(\.agent)) == Set(0..<(expected.state.agentStates?.count ?? 1)))
        if sweep == .factory {
            #expect(expected.state.agents == ["Host", "Helper", "Helper#2", "Helper#3"])
            guard case .finished(let result) = expected.outcome else { return }
            #expect(result.repr == "['Ann!', 'Bob!', 'Cy!', 'Helper#2', 'Helper#3', 'pong from hello', '<agent Helper#2>']")
        }
        if sweep == .meeting {
            #expect(
                expected.outcome
                    == .finished(
                        ExecutionResult(
                            value: .str("mushroom risotto with grilled asparagus and a glass of Barolo"),
                            repr: "'mushroom risotto with grilled asparagus and a glass of Barolo'")))
            let meeting = try #require(expected.state.meetingStates?.first)
            #expect(meeting.ended && meeting.invited == ["Chef", "Sommelier"])
            #expect(meeting.messages.count == 4)
            #expect(meeting.sharedState.map(\.name) == ["'course'", "'side'", "'wine'"])
        }
        if sweep == .pool {
            #expect(expected.state.agents == ["Manager", "Worker", "Worker#2"])
            guard case .finished(let result) = expected.outcome else { return }
            #expect(result.repr == "['Worker', 'Worker#2', 'Worker#2', 'Worker', [2, None, None], '<agent Worker#2>']")
        }
        if sweep == .humanMeeting || sweep == .humansOnly {
            let meeting = try #require(expected.state.meetingStates?.first)
            #expect(meeting.ended)
            #expect(meeting.humans == (sweep == .humanMeeting ? ["Alice"] : ["Alice", "Bob"]))
            // The user's message is the first human's message to the meeting.
            #expect(meeting.messages.contains(Message(sender: "Alice", target: "meeting", text: sweep.messages[0])))
            #expect(expectedSaid.contains { $0.target == "meeting" && $0.text.hasSuffix("ended") })
        }
        if sweep == .thermostat {
            #expect(expected.outcome == .finished(ExecutionResult(value: .int(2), repr: "2")))
            #expect(expectedSaid.map(\.text) == ["Too hot: 31 degrees", "Too hot: 35 degrees", "7 readings, 2 alarms"])
        }

        let policies =
            kind == .memory
            ? [SnapshotPolicy(everyRecords: 1, journalFraction: 0), SnapshotPolicy(everyRecords: 5, journalFraction: 0)]
            : [SnapshotPolicy(everyRecords: 3, journalFraction: 0)]
        let points: [Failpoints.Point] = kind == .memory ? [.crashBeforeCheckpoint, .crashAfterCheckpoint] : Failpoints.Point.allCases
        for policy in policies {
            for n in 1...expected.records {
                for point in points {
                    let failpoints = Failpoints(entries: [point: [n]])
                    let label = "\(sweep.name) \(point.rawValue):\(n) every \(policy.everyRecords)"
                    var said: [Message] = []
                    let first = try await ExecutionRunner.start(
                        program: program, store: try CrashSweepTests.open(kind, directory, failpoints, memory: memory),
                        options: Self.options(sweep.messages, policy, failpoints, llm: try sweep.llm()))
                    first.simulatesCrashes = true
                    first.onEvent = { if case .said(let m) = $0 { said.append(m) } }
                    let crashed = await Self.crashes(first)
                    first.close()
                    #expect(crashed, "\(label)")
                    let reopened = try CrashSweepTests.open(kind, directory, Failpoints(), memory: memory)
                    let resumed = try await ExecutionRunner.resume(
                        id: first.id, program: program, store: reopened,
                        options: Self.options([], policy, Failpoints(), llm: try sweep.llm()))
                    resumed.onEvent = { if case .said(let m) = $0 { said.append(m) } }
                    var run = Run(
                        outcome: try await resumed.run(), state: resumed.state, records: try await reopened.lastSequence(first.id))
                    resumed.close()
                    // A reply cut by the crash is continued by a request of its own, which reports other
                    // tokens; the calls are the same.
                    #expect(run.state.llmUsage?.calls == expected.state.llmUsage?.calls, "\(label)")
                    run.state.llmUsage = expected.state.llmUsage
                    #expect(run == expected, "\(label)")
                    // What was reported live: each message at most once, in order (exactly once when the
                    // crash came before the record that said it was written).
                    #expect(Self.isSubsequence(said, of: expectedSaid), "\(label): \(said)")
                    if point == .crashBeforeCheckpoint { #expect(said == expectedSaid, "\(label)") }
                }
            }
        }
    }

    /// Runs `runner` and tells whether it stopped at a simulated crash (a failpoint, or a torn write).
    static func crashes(_ runner: ExecutionRunner) async -> Bool {
        do {
            _ = try await runner.run()
            return false
        } catch {
            switch error {
            case .crashed: return true
            case .store(.unavailable(let message)): return message.contains("failpoint")
            default: return false
            }
        }
    }

    static func isSubsequence(_ a: [Message], of b: [Message]) -> Bool {
        var i = b.startIndex
        for x in a {
            guard let j = b[i...].firstIndex(of: x) else { return false }
            i = j + 1
        }
        return true
    }
}
