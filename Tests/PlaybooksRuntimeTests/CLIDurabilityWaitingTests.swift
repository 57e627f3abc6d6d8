import Foundation
import Testing

/// An execution that waits for the user: saved with exit status 3, continued in another process
/// with `resume --message`.
@Suite("CLIDurability: waiting for the user")
struct CLIDurabilityWaitingTests {
    static let program = CLIProgram.python(
        "greeter",
        """
        @playbook
        async def Main():
            await Say("user", "What is your name?")
            name = await WaitForMessage("user")
            $name = name
            await Say("user", f"Hello, {name}!")
            await Say("user", "Your favourite colour?")
            colour = await Yield("user")
            await Say("user", f"{name} likes {colour}")
            return f"{name}/{colour}"
        """)

    static let transcript = """
        Agent -> user: What is your name?
        Agent -> user: Hello, Ada!
        Agent -> user: Your favourite colour?
        Agent -> user: Ada likes green

        """

    @Test(arguments: CLIStore.allCases)
    func waitsThenResumesWithMessages(store: CLIStore) throws {
        let directory = try CLI.temporaryDirectory("wait")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.program.write(into: directory)
        let s = store.argument(in: directory)

        let first = try CLI.run(["run", path, "--store", s, "--id", "greet", "--non-interactive"], in: directory)
        #expect(first.status == 3 && first.exited, "\(first)")
        #expect(first.lines == ["Agent: What is your name?"])
        let waitingLine = first.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(waitingLine.contains("waiting"), "\(first.stderr)")
        #expect(waitingLine.contains("playbooks resume greet"), "\(first.stderr)")
        #expect(waitingLine.contains("--message"), "\(first.stderr)")

        let show = try CLI.run(["executions", "show", "greet", "--store", s], in: directory)
        #expect(show.status == 0, "\(show)")
        #expect(show.stdout.contains("status: waiting"), "\(show.stdout)")
        #expect(show.stdout.contains("waiting for: a message from user"), "\(show.stdout)")
        let showJSON = try CLI.run(["executions", "show", "greet", "--store", s, "--json"], in: directory)
        let summary = (try CLI.json(showJSON) as? NSDictionary)?["summary"] as? NSDictionary
        #expect(summary?["status"] as? String == "waiting", "\(showJSON)")

        // The name: on to the Yield, where it waits again.
        let second = try CLI.run(["resume", "greet", "--store", s, "--message", "Ada", "--non-interactive"], in: directory)
        #expect(second.status == 3 && second.exited, "\(second)")
        #expect(second.lines == ["Agent: Hello, Ada!", "Agent: Your favourite colour?"])
        #expect(second.stderr.contains("--message"), "\(second.stderr)")

        // Resuming a waiting execution with no message: it waits again, nothing is lost or repeated.
        let idle = try CLI.run(["resume", "greet", "--store", s], in: directory)
        #expect(idle.status == 3 && idle.exited, "\(idle)")
        #expect(idle.lines.isEmpty, "\(idle)")

        let third = try CLI.run(["resume", "greet", "--store", s, "--message", "green"], in: directory)
        #expect(third.status == 0 && third.exited, "\(third)")
        #expect(third.lines == ["Agent: Ada likes green"])

        let done = try FinishedExecution.read("greet", store: s, in: directory, stdout: [])
        #expect(done.transcript == Self.transcript)
        #expect(done.status == "finished")
        #expect(done.result == "'Ada/green'")
        #expect((done.state["variables"] as? [NSDictionary])?.map { $0["value"] as? String } == ["'Ada'"])
    }

    @Test func messagesOnRunNeverStop() throws {
        let directory = try CLI.temporaryDirectory("wait")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.program.write(into: directory)
        let s = CLIStore.sqlite.argument(in: directory)
        let run = try CLI.run(
            ["run", path, "--store", s, "--id", "given", "--message", "Ada", "--message", "green", "--non-interactive"],
            in: directory)
        #expect(run.status == 0 && run.exited, "\(run)")
        #expect(
            run.lines == [
                "Agent: What is your name?", "Agent: Hello, Ada!", "Agent: Your favourite colour?", "Agent: Ada likes green",
            ])
        let transcript = try CLI.run(["executions", "show", "given", "--store", s, "--transcript"], in: directory)
        #expect(transcript.stdout == Self.transcript)
    }

    /// Without `--non-interactive`, stdin that is not a terminal (here /dev/null) gives no messages.
    @Test func stdinNotATerminalWaits() throws {
        let directory = try CLI.temporaryDirectory("wait")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.program.write(into: directory)
        let s = CLIStore.files.argument(in: directory)
        let run = try CLI.run(["run", path, "--store", s, "--id", "devnull"], in: directory)
        #expect(run.status == 3 && run.exited, "\(run)")
        #expect(run.stderr.contains("playbooks resume devnull"), "\(run.stderr)")
        #expect(run.stderr.contains("--message"), "\(run.stderr)")

        // One message left for two waits: the second wait saves and exits again.
        let resumed = try CLI.run(["resume", "devnull", "--store", s, "--message", "Ada"], in: directory)
        #expect(resumed.status == 3 && resumed.exited, "\(resumed)")
        let finished = try CLI.run(["resume", "devnull", "--store", s, "--message", "green"], in: directory)
        #expect(finished.status == 0, "\(finished)")
        let transcript = try CLI.run(["executions", "show", "devnull", "--store", s, "--transcript"], in: directory)
        #expect(transcript.stdout == Self.transcript)
    }
}
