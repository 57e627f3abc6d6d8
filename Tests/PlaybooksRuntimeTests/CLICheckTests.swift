import Foundation
import Testing

/// `playbooks check FILE.pb [--json]`: loads a program without running it.
@Suite("CLI: check")
struct CLICheckTests {
    static let program = """
        ---
        title: Kitchen
        ---
        # Head Chef
        Cooks the food.

        ## Menu meeting
        meeting: true
        required_attendees: [Waiter]

        ### Steps
        - Propose dishes
        - While the meeting is on
          - If asked about prices
            - Answer

        # Waiter
        ```python
        @playbook(triggers=["When program starts"], public=True)
        async def Main(table: int = 1) -> str:
            return "ok"
        ```
        """

    @Test func printsAgentsPlaybooksStepsAndNotices() throws {
        let directory = try CLI.temporaryDirectory("check")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.program.write(to: directory.appendingPathComponent("kitchen.pb"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "kitchen.pb"], in: directory)
        #expect(run.exited && run.status == 0, "\(run)")
        let out = run.stdout
        #expect(out.hasPrefix("kitchen.pb: loads: 2 agents, 2 playbooks\n"), "\(out)")
        #expect(out.contains("front matter: title: Kitchen"))
        #expect(out.contains("agent HeadChef (ai, main) line 4 — `# Head Chef`"), "\(out)")
        #expect(out.contains("agent Waiter (ai) line 17"), "\(out)")
        #expect(out.contains("metadata: meeting: true, required_attendees: [Waiter]"))
        #expect(out.contains("MenuMeeting:02.01.01:EXE Answer"), "\(out)")
        #expect(out.contains("playbook Main(table: int = 1) -> str (python) line 20"), "\(out)")
        #expect(out.contains("metadata: public: true"))
        #expect(out.contains("trigger BGN line 19: When program starts"), "\(out)")
        #expect(!out.contains("is a meeting"), "\(out)")
        // Every AI agent runs: no notice says otherwise.
        #expect(!out.contains("agent `Waiter`"), "\(out)")
    }

    @Test func jsonReport() throws {
        let directory = try CLI.temporaryDirectory("check")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.program.write(to: directory.appendingPathComponent("kitchen.pb"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "kitchen.pb", "--json"], in: directory)
        #expect(run.exited && run.status == 0, "\(run)")
        let json = try #require(try CLI.json(run) as? [String: Any])
        #expect(json["loads"] as? Bool == true)
        #expect(json["mainAgent"] as? String == "HeadChef")
        let agents = try #require(json["agents"] as? [[String: Any]])
        #expect(agents.map { $0["name"] as? String } == ["HeadChef", "Waiter"])
        let meeting = try #require((agents[0]["playbooks"] as? [[String: Any]])?.first)
        #expect(meeting["requiredAttendees"] as? [String] == ["Waiter"])
        let steps = try #require(meeting["steps"] as? [[String: Any]])
        #expect(steps.map { $0["id"] as? String } == ["MenuMeeting:01:EXE", "MenuMeeting:02:LOP"])
        let nested = try #require((steps[1]["steps"] as? [[String: Any]])?.first)
        #expect(nested["id"] as? String == "MenuMeeting:02.01:CND")
        let main = try #require((agents[1]["playbooks"] as? [[String: Any]])?.first)
        let parameters = try #require(main["parameters"] as? [[String: Any]])
        #expect(parameters.first?["type"] as? String == "int")
        #expect(parameters.first?["default"] as? String == "1")
        #expect((main["triggers"] as? [[String: Any]])?.first?["kind"] as? String == "BGN")
    }

    @Test func aProgramThatDoesNotLoadIsAnErrorWithFileAndLine() throws {
        let directory = try CLI.temporaryDirectory("check")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "# A\n## Main\n### Steps\n!import ./more.md\n".write(
            to: directory.appendingPathComponent("bad.pb"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "bad.pb"], in: directory)
        #expect(run.exited && run.status == 1, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("bad.pb:4: `!import ./more.md`: `!import` of other files is not supported yet"), "\(run.stderr)")
        let json = try CLI.run(["check", "bad.pb", "--json"], in: directory)
        #expect(json.exited && json.status == 1, "\(json)")
        let object = try #require(try CLI.json(json) as? [String: Any])
        #expect(object["loads"] as? Bool == false)
        #expect(object["line"] as? Int == 4)
        #expect(object["kind"] as? String == "unsupportedFeature(!import)")
        let missing = try CLI.run(["check", "missing.pb"], in: directory)
        #expect(missing.exited && missing.status == 1 && missing.stderr.contains("missing.pb: cannot read the program file"))
    }

    @Test func theExamplesLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for example in ["Examples/seed_llm/seed_llm.pb", "Examples/seed_scenario/seed_scenario.pb", "Examples/customer_support/support.pb"]
        {
            let run = try CLI.run(["check", root.appendingPathComponent(example).path], in: root)
            #expect(run.exited && run.status == 0, "\(example): \(run)")
            #expect(run.stdout.contains(": loads: 1 agent"), "\(example): \(run.stdout)")
        }
    }
}
