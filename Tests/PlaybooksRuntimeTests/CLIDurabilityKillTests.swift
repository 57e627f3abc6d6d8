import Foundation
import PlaybooksTestSupport
import Testing

/// Kills runs with a real SIGKILL from outside at random moments, resumes them, and checks that the
/// execution ends as the uninterrupted run did.
@Suite("CLIDurability: SIGKILL from outside")
struct CLIDurabilityKillTests {
    static let awaits = 300

    /// 300 messages with some computation between them.
    static let program = CLIProgram.python(
        "many awaits",
        """
        @playbook
        async def Main():
            total = 0
            for i in range(\(awaits)):
                acc = i
                for j in range(60):
                    acc = (acc * 31 + j * i) % 1000003
                total = (total + acc) % 1000003
                $total = total
                await Say("user", f"{i}: {acc} {total}")
            return total
        """)

    /// Two agents: the host calls the counter's public playbook and they trade messages, 150
    /// rounds with some computation in each; every message is printed (`Host -> Counter: ...`, `Counter -> Host: ...`, `Host: ...`).
    static let society = CLIProgram(
        name: "society",
        text: """
            # Host
            Plays with the counter.

            ```python
            @playbook
            async def Main():
                total = 0
                for i in range(150):
                    acc = i
                    for j in range(100):
                        acc = (acc * 31 + j * i) % 1000003
                    total += await Counter.Bump(acc)
                    await SendMessage("Counter", f"ping {i}")
                    answer = await WaitForMessage("Counter")
                    await Say("user", f"{i}: {total} {answer}")
                return total
            ```

            # Counter
            Counts what it is given.

            ```python
            seen = 0


            @playbook(public=True)
            async def Bump(n):
                global seen
                seen += 1
                return n * seen


            @playbook(triggers=["At the beginning"])
            async def Echo():
                while True:
                    message = await WaitForMessage("Host")
                    await SendMessage("Host", f"pong {message.split()[1]} after {seen}")
            ```
            """, configuration: nil)

    @Test(arguments: CLIStore.allCases, [UInt64(0x5EED_0001), 0x5EED_0002])
    func randomKillsThenResume(store: CLIStore, seed: UInt64) throws {
        try Self.killAndResume(Self.program, lines: Self.awaits, store: store, seed: seed)
    }

    /// The same with a society of two agents: every agent's state, the transcript and the result
    /// as uninterrupted, no message printed twice.
    @Test(arguments: CLIStore.allCases, [UInt64(0x5EED_0003)])
    func randomKillsOfASocietyThenResume(store: CLIStore, seed: UInt64) throws {
        try Self.killAndResume(Self.society, lines: 450, store: store, seed: seed)
    }

    static func killAndResume(_ program: CLIProgram, lines expectedLines: Int, store: CLIStore, seed: UInt64) throws {
        let directory = try CLI.temporaryDirectory("kill")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try program.write(into: directory)
        let storeArgument = store.argument(in: directory)

        // The uninterrupted run, timed from the moment the execution exists to its end.
        let baseChild = try Child(["run", path, "--store", storeArgument, "--id", "baseline"], in: directory)
        #expect(baseChild.waitForStderr(containing: "execution baseline (store"))
        let started = Date()
        let base = baseChild.wait()
        let runtime = Date().timeIntervalSince(started)
        try #require(base.status == 0, "uninterrupted run: \(base)")
        #expect(base.lines.count == expectedLines)
        let expected = try FinishedExecution.read("baseline", store: storeArgument, in: directory, stdout: base.lines)

        var rng = SplitMix64(seed: seed)
        let id = "killed"
        var kills = 0
        var seen: [String] = []
        var attempt = 0
        var finished = false
        // The first run: killed once the execution exists (its id is announced on stderr), so that
        // there is always something to resume.
        while !finished {
            attempt += 1
            try #require(attempt <= 12, "seed \(seed): the execution did not finish after \(attempt - 1) processes")
            let arguments = attempt == 1 ? ["run", path, "--store", storeArgument, "--id", id] : ["resume", id, "--store", storeArgument]
            let child = try Child(arguments, in: directory)
            let killThis = attempt <= 4
            if killThis {
                if attempt == 1 {
                    #expect(child.waitForStderr(containing: "execution \(id) (store"), "\(child.stderrSoFar)")
                }
                // A few ms to about half the uninterrupted runtime.
                let delay = Double.random(in: 0.003...max(0.004, runtime / 2), using: &rng)
                Thread.sleep(forTimeInterval: delay)
                child.kill()
            }
            let outcome = child.wait()
            if outcome.killedBySIGKILL {
                kills += 1
            } else if outcome.status == 4 && outcome.stderr.contains("execution \(id) is finished") {
                // The previous kill landed after the execution was recorded as finished.
                #expect(attempt > 1 && kills > 0, "\(outcome)")
                break
            } else {
                #expect(outcome.status == 0 && outcome.exited, "seed \(seed), process \(attempt): \(outcome)")
                finished = outcome.status == 0
                if !finished { break }
            }
            // A line cut off by the kill is not a message seen.
            var lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            _ = lines.popLast()  // "" after the last newline, or a partial line
            seen += lines
        }
        #expect(kills >= 1, "seed \(seed): no kill landed before the run finished")

        let actual = try FinishedExecution.read(id, store: storeArgument, in: directory, stdout: [])
        #expect(actual.status == "finished")
        #expect(actual.transcript == expected.transcript, "seed \(seed): transcript differs after \(kills) kills")
        #expect(actual.result == expected.result)
        #expect(actual.state == expected.state)
        // No message printed twice, all in order; at most one missing per kill (said, durable, not yet printed).
        #expect(Set(seen).count == seen.count, "seed \(seed): a message was printed twice")
        var position = expected.stdout.startIndex
        var inOrder = true
        for line in seen {
            guard let found = expected.stdout[position...].firstIndex(of: line) else {
                inOrder = false
                break
            }
            position = found + 1
        }
        #expect(inOrder, "seed \(seed): printed messages out of order or unknown:\n\(seen.joined(separator: "\n"))")
        #expect(seen.count >= expected.stdout.count - kills, "seed \(seed): \(expected.stdout.count - seen.count) messages never printed")
    }
}
