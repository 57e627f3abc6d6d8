import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// `WaitForMessage` returns a message object: it acts as its text and tells who sent it, to
/// whom and in which meeting; where a value must be plain data it is its text.
@Suite struct MessageObjectTests {
    @Test func aMessageFromTheUserActsAsItsTextAndSaysWhoSentIt() async throws {
        let text = """
            # Greeter
            Greets.

            ```python
            @playbook
            async def Main():
                reply = await WaitForMessage("user")
                options = {"yes": 1, "no": 0}
                await Say("user", f"{reply.sender_id}|{reply.sender_klass}|{reply.recipient_id}|{reply.message_type}|{reply.meeting_id}")
                await Say("user", f"[{reply}] {reply!r} {reply.upper()} {reply + '!'} {'>' + reply} {len(reply)} {reply[0]}")
                import re
                await Say("user", f"{'/'.join([reply, reply])} {re.match('y', reply) is not None} {reply in 'yes!'} {'a-b'.replace('-', reply)}")
                import json
                return [options.get(reply), reply == "yes", "e" in reply, reply.content, reply, {reply: 2}, json.dumps([reply])]
            ```
            """
        let (outcome, _, said) = try await SocietyTests.run(try SocietyTests.program(text), messages: ["yes"])
        #expect(said.map(\.text) == ["user|human|Greeter|direct|None", "[yes] 'yes' YES yes! >yes 3 y", "yes/yes True True ayesb"])
        // The message is its text in the result (plain data).
        #expect(
            outcome
                == .finished(
                    ExecutionResult(
                        value: .list([
                            .int(1), .bool(true), .bool(true), .str("yes"), .str("yes"), .dict([PortableEntry(.str("yes"), .int(2))]),
                            .str("[\"yes\"]"),
                        ]),
                        repr: "[1, True, True, 'yes', 'yes', {'yes': 2}, '[\"yes\"]']")))
    }

    @Test func messagesBetweenAgentsNameTheirSenderAndReachTriggeredPlaybooksAsObjects() async throws {
        let text = """
            # Host
            Talks to the clerk.

            ```python
            @playbook
            async def Main():
                await SendMessage("Clerk", "file this")
                await SendMessage("Clerk", "and this")
                answer = await Clerk.Filed()
                echo = await WaitForMessage("Clerk")
                return [answer, echo.sender_id, echo.sender_klass, echo.recipient_id, echo.content, echo]
            ```

            # Clerk
            Files what it is sent.

            ```python
            filed = []


            @playbook(triggers=["When you receive a message from Host"])
            async def File(message):
                filed.append(f"{message.sender_id}->{message.recipient_id}:{message.content}:{message.message_type}")


            @playbook(public=True)
            async def Filed():
                await SendMessage("Host", "done: " + filed[-1])
                return filed
            ```
            """
        let (outcome, _, _) = try await SocietyTests.run(try SocietyTests.program(text))
        let result = try #require(SocietyTests.finished(outcome), "\(outcome)")
        #expect(
            result.repr
                == "[['Host->Clerk:file this:direct', 'Host->Clerk:and this:direct'], 'Clerk', 'Clerk', 'Host', "
                + "'done: Host->Clerk:and this:direct', 'done: Host->Clerk:and this:direct']")
    }

    @Test func aMeetingMessageNamesItsMeeting() async throws {
        let text = """
            # Host
            Hosts.

            ```python
            @playbook
            async def Main():
                return await Talk()


            @playbook(meeting=True, required_attendees=["Guest"])
            async def Talk():
                await Say("meeting", "hello")
                heard = await WaitForMessage("meeting")
                return [heard.content, heard.sender_id, heard.message_type, heard.meeting_id == meeting.id, heard.recipient_id]
            ```

            # Guest
            Attends.

            ```python
            @playbook(meeting=True, triggers=["When invited to a meeting"])
            async def Talk():
                first = await WaitForMessage("meeting")
                await Say("meeting", f"{first.sender_id} said {first} in meeting {first.meeting_id == meeting.id}")
                await WaitForMessage("Host")
            ```
            """
        let (outcome, _, _) = try await SocietyTests.run(try SocietyTests.program(text))
        let result = try #require(SocietyTests.finished(outcome), "\(outcome)")
        #expect(result.repr == "['Host said hello in meeting True', 'Guest', 'meeting', True, 'Host']")
    }
}
