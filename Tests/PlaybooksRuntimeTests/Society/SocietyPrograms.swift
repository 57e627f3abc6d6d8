import Foundation

@testable import PlaybooksRuntime

/// Programs of several agents for the society tests, with what CPython-free reasoning says they
/// must produce (each is checked against its own uninterrupted run in the sweeps, and against
/// the literal results here).
enum SocietyPrograms {
    /// A file of `Examples/` (`bank/bank.pb`: the teller calls the accountant's public playbook while
    /// the accountant waits for a message, then they exchange messages; `concierge/concierge.pb`:
    /// two Markdown agents with keyed scripted replies).
    static func example(_ path: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples/" + path)
        return try String(contentsOf: url, encoding: .utf8)
    }

    static var bank: String { get throws { try example("bank/bank.pb") } }

    /// Three agents: a coordinator fans work out to two workers by calls and by messages, one
    /// call fails in the worker and the coordinator catches it, a worker keeps state across calls.
    static let relay = """
        # Coordinator
        Hands work to the workers and adds up what they send back.

        ```python
        @playbook
        async def Main():
            await Step("Main:01:EXE")
            total = 0
            for n in range(3):
                total += await Squarer.Square(n + 1)
                await SendMessage("Counter", f"add {n + 1}")
            try:
                await Squarer.Square(-1)
            except ValueError as e:
                await Say("user", f"caught: {e}")
            await SendMessage("Counter", "report")
            report = await WaitForMessage("Counter")
            await Say("user", f"squares {total}, counter says {report}")
            seen = await Squarer.Seen()
            return [total, report, seen]
        ```

        # Squarer
        Squares numbers and remembers how many it squared.

        ```python
        count = 0


        @playbook(public=True)
        async def Square(n):
            global count
            await Step("Square:01:EXE")
            if n < 0:
                raise ValueError(f"no square for {n}")
            count += 1
            return n * n


        @playbook(public=True)
        async def Seen():
            return count
        ```

        # Counter
        Adds the numbers it is sent, and reports the sum when asked.

        ```python
        @playbook(triggers=["At the beginning"])
        async def Count():
            total = 0
            while True:
                message = await WaitForMessage("Coordinator")
                if message == "report":
                    await SendMessage("Coordinator", str(total))
                else:
                    total += int(message.split()[1])
        ```
        """

    /// Messages to idle agents run their message-triggered playbooks (from one sender, from anyone),
    /// in the order the messages and calls came.
    static let logger = """
        # Host
        Reports to the logger.

        ```python
        @playbook
        async def Main():
            for word in ["alpha", "beta", "gamma"]:
                await SendMessage("Logger", word)
            await SendMessage("Auditor", "check")
            return [await Logger.Entries(), await Auditor.Checks()]
        ```

        # Logger
        Logs what it is sent.

        ```python
        entries = []


        @playbook(triggers=["When you receive a message from Host"])
        async def Log(message):
            entries.append(message.upper())


        @playbook(public=True)
        async def Entries():
            return entries
        ```

        # Auditor
        Counts messages from anyone.

        ```python
        checks = 0


        @playbook(triggers=["When a message arrives"])
        async def Check():
            global checks
            checks += 1


        @playbook(public=True)
        async def Checks():
            return checks
        ```
        """

    /// Agents made at run time with `CreateAgent`, each with its own state, called and messaged by name.
    static let factory = """
        # Host
        Creates helpers.

        ```python
        @playbook
        async def Main():
            a = await CreateAgent("Helper", greeting="hi")
            b = await CreateAgent("Helper", greeting="hello")
            x = await a.Greet("Ann")
            y = await b.Greet("Bob")
            z = await Helper.Greet("Cy")
            await SendMessage(b.id, "ping")
            answer = await WaitForMessage(b.id)
            return [x, y, z, a.id, b.id, answer, repr(a)]
        ```

        # Helper
        Greets.

        ```python
        @playbook(public=True)
        async def Greet(name):
            return f"{name}!"

        @playbook(triggers=["When you receive a message from Host"])
        async def Pong(message):
            await SendMessage("Host", f"pong from {$greeting}")
        ```
        """

    /// `Klass.get_or_create()`: the worker is idle before it ever ran (it starts by serving calls),
    /// busy while a message to it waits to trigger its playbook and while that playbook waits,
    /// so a second worker is made (with the keyword arguments as its state) and given while it is
    /// idle; once the first is idle again it is given again, keeping its state.
    static let pool = """
        # Manager
        Hands work to idle workers.

        ```python
        @playbook
        async def Main():
            await Step("Main:01:EXE")
            a = await Worker.get_or_create(level=1)
            await SendMessage("Worker", "hold")
            b = await Worker.get_or_create(level=2)
            levels = [await b.Level()]
            c = await Worker.get_or_create(level=3)
            await SendMessage("Worker", "release")
            levels.append(await Worker.Level())
            d = await Worker.get_or_create(level=4)
            levels.append(await d.Level())
            return [a.id, b.id, c.id, d.id, levels, repr(c)]
        ```

        # Worker
        Holds on when asked, and tells its level.

        ```python
        @playbook(triggers=["When you receive a message from Manager"])
        async def Hold(message):
            await WaitForMessage("Manager")


        @playbook(public=True)
        async def Level():
            try:
                return $level
            except NameError:
                return None
        ```
        """

    /// A meeting with a human attendee (`# Alice:Human`) and an agent: the meeting begins without
    /// waiting for Alice, she is an attendee, and the user's message is her message to the meeting
    /// (the host takes it, and the chef gets it from the meeting).
    static let humanMeeting = """
        # Alice:Human
        Leads the kitchen team.

        # Host
        Plans tonight's dish with Alice and the chef.

        ```python
        @playbook
        async def Main():
            await Step("Main:01:EXE")
            plan = await Plan()
            await Say("user", f"Tonight: {plan[1]}")
            return plan


        @playbook(meeting=True, required_attendees=["Alice", "Chef"])
        async def Plan():
            await Say("meeting", "Welcome. Alice, what shall we cook?")
            idea = await WaitForMessage("Alice")
            answer = await WaitForMessage("Chef")
            await Say("meeting", "Agreed.")
            return [meeting.attendees, idea, answer, idea.sender_id, idea.message_type]
        ```

        # Chef
        Cooks what the team decides.

        ```python
        @playbook(meeting=True)
        async def Plan():
            await Step("Plan:01:EXE")
            await WaitForMessage("Host")
            idea = await WaitForMessage("Alice")
            await Say("meeting", f"I will cook {idea}.")
            await WaitForMessage("Host")
        ```
        """

    /// One AI agent and two humans (the shape of the original's `hello_multi_human.pb`): a meeting
    /// of humans only begins at once, and the user's message while the host waits in
    /// `WaitForMessage("meeting")` is the first human's message to it.
    static let humansOnly = """
        # Alice:Human
        Team lead.

        # Bob:Human
        Developer.

        # Greeter
        Greets the team.

        ```python
        @playbook
        async def Main():
            await Step("Main:01:EXE")
            await Say("Alice", "Hello Alice, your messages arrive as you type them.")
            await Say("Bob", "Hello Bob.")
            heard = await TeamIntroduction()
            await Say("user", "Bye.")
            return heard


        @playbook(meeting=True, required_attendees=["Alice", "Bob"])
        async def TeamIntroduction():
            await Step("TeamIntroduction:01:EXE")
            await Say("meeting", "Welcome, everyone.")
            reply = await WaitForMessage("meeting")
            await Say("meeting", f"Thank you, {meeting.attendees[0]}.")
            await Say("meeting", "The meeting is concluded.")
            return [meeting.attendees, reply, reply.sender_id, reply.meeting_id == meeting.id]
        ```
        """
}
