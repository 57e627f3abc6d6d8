import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// `Klass.get_or_create(**state)`: an idle agent of the class, or a new one; the choice is
/// journaled, and a resume makes the same one. `CreateAgent` and `get_or_create` in a program of
/// one agent class fail with an error that says why.
@Suite struct SocietyGetOrCreateTests {
    @Test func anIdleAgentIsReusedAndABusyOneIsNot() async throws {
        let (outcome, state, said) = try await SocietyTests.run(try SocietyTests.program(SocietyPrograms.pool))
        let result = try #require(SocietyTests.finished(outcome), "\(outcome)")
        // Worker: idle before it ran (it starts by serving calls) -> busy (a message to trigger its
        // playbook, then that playbook waiting) -> Worker#2 made, with level 2 -> Worker#2 idle ->
        // Worker idle again, keeping its state (no level: the keyword arguments make new agents only).
        #expect(result.repr == "['Worker', 'Worker#2', 'Worker#2', 'Worker', [2, None, None], '<agent Worker#2>']")
        #expect(state.agents == ["Manager", "Worker", "Worker#2"])
        #expect(said.map(\.text) == ["hold", "release"])
        let second = try #require(state.agentStates?.last)
        #expect(second.variables == [NamedValue(name: "level", value: "2")])
        #expect(second.waitingFor == "is idle")
    }

    /// A crash just before or just after each `get_or_create` record: the resumed execution gives
    /// the same agents (the recorded name is replayed; an answer not recorded is chosen again from
    /// the restored state, which is the same).
    @Test func aResumeMakesTheSameChoice() async throws {
        let program = try SocietyTests.program(SocietyPrograms.pool)
        let store = MemoryCheckpointStore()
        let reference = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
        let expected = try await reference.run()
        reference.close()
        let records = try await store.readJournal(reference.id, from: 1).records.map { try AwaitRecord(record: $0) }
        let choices = records.enumerated().filter { $0.element.call == "__PBGetOrCreateAgent__" }
        #expect(
            choices.map(\.element.outcome) == ["Worker", "Worker#2", "Worker#2", "Worker"].map { .value(.str($0)) })
        for (offset, _) in choices {
            for point in [Failpoints.Point.crashBeforeCheckpoint, .crashAfterCheckpoint] {
                let failpoints = Failpoints(entries: [point: [offset + 1]])
                let first = try await ExecutionRunner.start(
                    program: program, store: store,
                    options: RunnerOptions(policy: SnapshotPolicy(everyRecords: 2)).with(failpoints: failpoints))
                first.simulatesCrashes = true
                #expect(await SocietyCrashSweepTests.crashes(first), "\(point) \(offset + 1)")
                first.close()
                let resumed = try await ExecutionRunner.resume(
                    id: first.id, program: program, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
                #expect(try await resumed.run() == expected, "\(point) \(offset + 1)")
                #expect(resumed.state.agents == ["Manager", "Worker", "Worker#2"])
                resumed.close()
            }
        }
    }

    @Test func anUnknownClassIsAClearError() async throws {
        let text = """
            # Host
            Asks for agents of classes that are not there.

            ```python
            @playbook
            async def Main():
                errors = []
                for make in [lambda: CreateAgent("Nobody"), lambda: __PBGetOrCreateAgent__("Nobody", {}), lambda: Nobody.get_or_create()]:
                    try:
                        await make()
                    except Exception as e:
                        errors.append(f"{type(e).__name__}: {e}")
                helper = await Helper.get_or_create()
                return [errors, helper.id]
            ```

            # Helper
            Helps.

            ```python
            @playbook(public=True)
            async def Help():
                return 1
            ```
            """
        let (outcome, _, _) = try await SocietyTests.run(try SocietyTests.program(text))
        let result = try #require(SocietyTests.finished(outcome), "\(outcome)")
        #expect(
            result.repr
                == "[[\"ValueError: CreateAgent: no agent class 'Nobody'; the program's are Host, Helper\", "
                + "\"ValueError: get_or_create: no agent class 'Nobody'; the program's are Host, Helper\", "
                + "\"NameError: name 'Nobody' is not defined\"], 'Helper']")
    }

    @Test func aProgramOfOneAgentClassSaysWhyItCannotMakeAgents() async throws {
        let text = """
            # Solo
            Alone.

            ```python
            @playbook
            async def Main():
                errors = []
                for make in [lambda: CreateAgent("Solo"), lambda: Solo.get_or_create(x=1)]:
                    try:
                        await make()
                    except Exception as e:
                        errors.append(f"{type(e).__name__}: {e}")
                return errors
            ```
            """
        let (outcome, state, _) = try await SocietyTests.run(try SocietyTests.program(text))
        let result = try #require(SocietyTests.finished(outcome), "\(outcome)")
        let why =
            "creating agents needs a program with two agent classes or more (`# Name` headings of AI agents); this program has one, Solo"
        #expect(
            result.value == .list([.str("RuntimeError: CreateAgent('Solo'): " + why), .str("RuntimeError: Solo.get_or_create(): " + why)]))
        // The class bound for it is not one of the program's names.
        #expect(!state.namespace.contains { $0.name == "Solo" })
    }

    @Test func theSystemPromptTellsOfGetOrCreate() throws {
        let program = try SocietyTests.program(SocietyPrograms.pool)
        let system = PromptBuilder.system(
            agent: program.agent, description: program.agentDescription, catalog: program.catalog,
            signatures: program.playbookSignatures, peers: program.peers, meetings: true)
        #expect(system.contains("`agent = await Name.get_or_create()`"))
        #expect(system.contains("CreateAgent(\"Name\", key=value)"))
        #expect(system.contains("Attendees can be humans"))
    }
}
