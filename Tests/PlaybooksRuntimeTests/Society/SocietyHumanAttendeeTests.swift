import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// Humans as attendees of a meeting: they are in it from its start (it does not wait for them),
/// they are among `meeting.attendees`, the output tells them of it, and the user's message while an
/// agent of the meeting waits for it is a message of the meeting from a human.
@Suite struct SocietyHumanAttendeeTests {
    @Test func theMeetingBeginsWithoutWaitingForTheHumanAndTakesHerMessage() async throws {
        let program = try SocietyTests.program(SocietyPrograms.humanMeeting)
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
        var said: [Message] = []
        runner.onEvent = { if case .said(let m) = $0 { said.append(m) } }
        // The meeting began (the host spoke in it) and now waits for Alice: for the user.
        #expect(try await runner.run() == .waitingForMessage(source: "user"))
        #expect(
            said.map(\.description) == [
                "Host -> meeting: meeting 1 (Plan) started by Host; attendees: Chef, Alice (human)",
                "Host -> meeting: Welcome. Alice, what shall we cook?",
            ])
        let meeting = try #require(runner.state.meetingStates?.first)
        #expect(meeting.invited == ["Chef", "Alice"])
        #expect(meeting.joined == ["Chef", "Alice"])
        #expect(meeting.humans == ["Alice"])
        #expect(runner.state.agentStates?.map(\.waitingFor) == ["waits for a message from Alice", "waits for a message from Alice"])
        runner.close()

        let resumed = try await ExecutionRunner.resume(
            id: runner.id, program: program, store: store, options: RunnerOptions(messages: ["pasta"]).with(failpoints: Failpoints()))
        said = []
        resumed.onEvent = { if case .said(let m) = $0 { said.append(m) } }
        guard case .finished(let result) = try await resumed.run() else {
            Issue.record("did not finish")
            return
        }
        // Alice is an attendee; the host took her message, the chef got it from the meeting.
        #expect(result.repr == "[['Chef', 'Alice'], 'pasta', 'I will cook pasta.', 'Alice', 'meeting']")
        let ended = try #require(resumed.state.meetingStates?.first)
        #expect(
            ended.messages.map(\.description) == [
                "Host -> meeting: Welcome. Alice, what shall we cook?", "Alice -> meeting: pasta", "Chef -> meeting: I will cook pasta.",
                "Host -> meeting: Agreed.",
            ])
        // Ended: the humans are no longer in it (the chef may still be, when the execution ends first).
        #expect(ended.ended && !ended.joined.contains("Alice"))
        #expect(said.map(\.description).suffix(2) == ["Host -> meeting: meeting 1 (Plan) ended", "Host -> user: Tonight: pasta"])
        resumed.close()
    }

    @Test func aMeetingOfOneAgentAndTwoHumans() async throws {
        let program = try SocietyTests.program(SocietyPrograms.humansOnly)
        let (outcome, state, said) = try await SocietyTests.run(program, messages: ["Hi, I am Alice"])
        #expect(
            outcome
                == .finished(
                    ExecutionResult(
                        value: .list([.list([.str("Alice"), .str("Bob")]), .str("Hi, I am Alice"), .str("Alice"), .bool(true)]),
                        repr: "[['Alice', 'Bob'], 'Hi, I am Alice', 'Alice', True]")))
        #expect(
            said.map(\.description) == [
                "Greeter -> Alice: Hello Alice, your messages arrive as you type them.",
                "Greeter -> Bob: Hello Bob.",
                "Greeter -> meeting: meeting 1 (TeamIntroduction) started by Greeter; attendees: Alice (human), Bob (human)",
                "Greeter -> meeting: Welcome, everyone.",
                "Greeter -> meeting: Thank you, Alice.",
                "Greeter -> meeting: The meeting is concluded.",
                "Greeter -> meeting: meeting 1 (TeamIntroduction) ended",
                "Greeter -> user: Bye.",
            ])
        let meeting = try #require(state.meetingStates?.first)
        #expect(meeting.messages.map(\.sender) == ["Greeter", "Alice", "Greeter", "Greeter"])
        #expect(state.meetings == ["meeting 1: TeamIntroduction (host Greeter)"])
    }

    @Test func anAttendeeWhoIsNeitherAgentNorHumanIsAClearError() async throws {
        let text = SocietyPrograms.humanMeeting.replacingOccurrences(of: "[\"Alice\", \"Chef\"]", with: "[\"Carol\", \"Chef\"]")
        let (outcome, _, _) = try await SocietyTests.run(try SocietyTests.program(text))
        guard case .failed(let traceback) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(
            traceback.contains(
                "ValueError: no agent or human named 'Carol' to invite to a meeting; the agents are Host, Chef, the humans user, Alice"))
    }

    @Test func humanAttendeesRoundTripInASnapshotAndDamageIsRejected() throws {
        var state = SocietyState(members: 2)
        var meeting = SocietyState.Meeting(id: 1, topic: "Plan", host: 0, invited: [1], required: [1])
        meeting.humans = ["Alice", "user"]
        meeting.log = [.init(sender: "Alice", target: "meeting", text: "pasta")]
        state.meetings = [meeting]
        let decoded = try SocietyState(portable: state.portable, members: 2)
        #expect(decoded.meetings.first?.humans == ["Alice", "user"])
        #expect(decoded == state)

        // A meeting written before humans attended (nine fields) still reads, with none.
        guard case .dict(var fields) = state.portable, let i = fields.firstIndex(where: { $0.key == .str("meetings") }),
            case .list(let meetings) = fields[i].value, case .list(let f) = meetings[0]
        else {
            Issue.record("unexpected layout")
            return
        }
        fields[i] = PortableEntry(.str("meetings"), .list([.list(Array(f.prefix(9)))]))
        #expect(try SocietyState(portable: .dict(fields), members: 2).meetings.first?.humans == [])
        for bad: PortableValue in [.str("Alice"), .list([.int(1)]), .list([.str("")]), .list([.str("Alice"), .str("Alice")])] {
            fields[i] = PortableEntry(.str("meetings"), .list([.list(Array(f.prefix(9)) + [bad])]))
            #expect(throws: RecordFormatError.self) { try SocietyState(portable: .dict(fields), members: 2) }
        }
        fields[i] = PortableEntry(.str("meetings"), .list([.list(f + [.list([])])]))
        #expect(throws: RecordFormatError.self) { try SocietyState(portable: .dict(fields), members: 2) }
    }
}
