import Testing

@testable import PlaybooksRuntime

/// The `.pb` format as the original Playbooks writes it, one feature per test, on small programs of our own.
struct ProgramOriginalFormatTests {
    func load(_ text: String, path: String = "p.pb") throws -> Program { try Program(parsing: text, path: path) }

    func failure(_ text: String, path: String = "bad.pb") -> ProgramError? {
        #expect(throws: ProgramError.self) { try Program(parsing: text, path: path) }
    }

    @Test func frontMatterIsRead() throws {
        let program = try load(
            """
            ---
            title: "A society"
            version: 3
            draft: false
            tags: [agents, demo]
            ---
            # Host
            ## Main
            - Greet the user
            """)
        #expect(program.frontMatter.keys == ["title", "version", "draft", "tags"])
        #expect(program.frontMatter["title"] == .string("A society"))
        #expect(program.frontMatter["version"] == .int(3))
        #expect(program.frontMatter["draft"] == .bool(false))
        #expect(program.frontMatter.strings("tags") == ["agents", "demo"])
        #expect(program.mainAgent.line == 7)
    }

    @Test func frontMatterErrorsNameTheLine() {
        let open = failure("---\ntitle: x\n# A\n")
        #expect(open?.kind == .invalidFrontMatter)
        #expect(open?.line == 1)
        let bad = failure("---\ntitle: x\ntags: [a, b\n---\n# A\n")
        #expect(bad?.kind == .invalidFrontMatter)
        #expect(bad?.line == 3)
    }

    @Test func severalAgentsHumansAndTheMainAgent() throws {
        let program = try load(
            """
            # User:Human
            The person at the keyboard.
            metadata:
              name: Ada
              delivery_channel: streaming

            # Head Chef
            Cooks.
            ## Cook
            - Cook something

            # Waiter:AI
            ## Main
            ### Trigger
            - At the beginning
            """)
        #expect(program.agents.map(\.name) == ["User", "HeadChef", "Waiter"])
        #expect(program.agents.map(\.kind) == [.human, .ai, .ai])
        #expect(program.agents.map(\.heading) == ["User:Human", "Head Chef", "Waiter:AI"])
        let user = program.agents[0]
        #expect(user.description == "The person at the keyboard.")
        #expect(user.metadata["name"] == .string("Ada"))
        #expect(user.metadata["delivery_channel"] == .string("streaming"))
        // The run starts with the first AI agent; humans are skipped.
        #expect(program.mainAgent.name == "HeadChef")
        #expect(program.agent(named: "HeadChef")?.description == "Cooks.")
    }

    @Test func mcpAgentsAndAgentHeadingErrors() throws {
        let program = try load(
            """
            # Tools
            Remote tools.
            remote:
              type: mcp
              url: http://127.0.0.1:8000/mcp
            # Files:MCP
            # Main agent
            ## Main
            - Say hi
            """)
        #expect(program.agents.map(\.kind) == [.mcp, .mcp, .ai])
        #expect(program.mainAgent.name == "MainAgent")
        if case .map(let remote) = program.agents[0].metadata["remote"] {
            #expect(remote["url"] == .string("http://127.0.0.1:8000/mcp"))
        } else {
            Issue.record("remote is not a map")
        }
        #expect(program.agents[0].description == "Remote tools.")

        let type = failure("# A\n# Bot:Robot\n")
        #expect(type?.kind == .invalidAgentHeading(heading: "Bot:Robot"))
        #expect(type?.line == 2)
        #expect(type?.message.contains("unknown agent type `Robot`") == true)
        let duplicate = failure("# Host\n# Host\n")
        #expect(duplicate?.kind == .duplicateAgent(name: "Host"))
        #expect(duplicate?.line == 2)
        let remote = failure("# A\nremote:\n  type: a2a\n")
        #expect(remote?.kind == .unsupportedFeature(name: "remote agent of type a2a"))
    }

    @Test func playbookMetadataLines() throws {
        let program = try load(
            """
            # Host
            ## Planning meeting
            meeting: true
            required_attendees: [Chef, Waiter]
            optional_attendees: Manager
            Plans the week.
            ### Steps
            - Plan

            ## Answer($question)
            public: true
            export: true
            execution_mode: raw
            Answer the $question in one line.
            """)
        let meeting = try #require(program.playbook(named: "PlanningMeeting"))
        #expect(meeting.heading == "Planning meeting")
        #expect(meeting.isMeeting && !meeting.isPublic)
        #expect(meeting.requiredAttendees == ["Chef", "Waiter"])
        #expect(meeting.optionalAttendees == ["Manager"])
        #expect(meeting.description == "Plans the week.")
        let answer = try #require(program.playbook(named: "Answer"))
        #expect(answer.isPublic && answer.isExported && !answer.isMeeting)
        #expect(answer.executionMode == .raw)
        #expect(answer.description == "Answer the $question in one line.")
        #expect(answer.metadata.keys == ["public", "export", "execution_mode"])
    }

    @Test func signaturesWithParametersAndDefaults() throws {
        let program = try load(
            """
            # Agent
            ## X($num=10)
            - Say $num
            ## LoadAccount($email, $pin: str)
            - Load it
            ## Get tax rate($gross_income) -> str
            - Look it up
            """)
        let x = try #require(program.playbook(named: "X"))
        #expect(x.parameters == ["num"])
        #expect(x.parameterDetails == [PlaybookParameter(name: "num", defaultValue: "10")])
        let load = try #require(program.playbook(named: "LoadAccount"))
        #expect(load.parameterDetails == [PlaybookParameter(name: "email"), PlaybookParameter(name: "pin", type: "str")])
        let tax = try #require(program.playbook(named: "GetTaxRate"))
        #expect(tax.signature == "GetTaxRate($gross_income) -> str")
        #expect(tax.returnType == "str")
        #expect(tax.fullSignature == "GetTaxRate(gross_income) -> str")
        #expect(tax.executionMode == .playbook)
    }

    @Test func triggerHeadingsAndKinds() throws {
        let program = try load(
            """
            # Agent
            ## Main
            ### Trigger
            - When program starts
            ## Big
            ### Triggers
            - When $x > 15
            - When the user asks for help
            - T1:EVT When invited to a meeting
            """)
        #expect(program.playbook(named: "Main")?.triggers.map(\.kind) == [.begin])
        #expect(program.playbook(named: "Big")?.triggers.map(\.kind) == [.condition, .event, .event])
        #expect(try program.entryPlaybook.name == "Main")
        #expect(PlaybookTrigger(text: "When programs starts", line: 1).isStartTrigger)
        #expect(PlaybookTrigger(text: "In the beginning", line: 1).kind == .begin)
    }

    @Test func nestedStepsGetHierarchicalIds() throws {
        let program = try load(
            """
            # Agent
            ## Main
            ### Steps
            - Ask the user for a number
            - Say hi
            - While the user keeps talking
              - Listen
              - If they say bye
                - Say bye
              - Otherwise
                - Answer
            """)
        let main = try #require(program.playbook(named: "Main"))
        #expect(
            main.allSteps.map(\.qualifiedID) == [
                "Main:01:QUE", "Main:02:EXE", "Main:03:LOP", "Main:03.01:EXE", "Main:03.02:CND", "Main:03.02.01:EXE",
                "Main:03.03:CND", "Main:03.03.01:EXE",
            ])
        #expect(main.step(id: "Main:03.02:CND")?.text == "If they say bye")
        #expect(main.step(id: "Main:03.02:CND")?.line == 8)
    }

    @Test func pythonPlaybooksWithDecoratorMetadataAndTypes() throws {
        let program = try load(
            """
            # Agent
            ```python
            from typing import List

            @playbook(triggers=["When you need a square root"], public=True, export=False)
            async def Root(num: float, names: List[str] = [], *, scale: int = 2) -> float:
                return num

            @playbook(triggers="When program begins")
            async def Main(arg1: str, arg2: str = "default"):
                pass
            ```
            """)
        let root = try #require(program.playbook(named: "Root"))
        #expect(root.isPublic && !root.isExported)
        #expect(root.metadata.keys == ["public", "export"])
        #expect(root.triggers.map(\.text) == ["When you need a square root"])
        #expect(root.parameters == ["num", "names", "scale"])
        #expect(
            root.parameterDetails == [
                PlaybookParameter(name: "num", type: "float"), PlaybookParameter(name: "names", type: "List[str]", defaultValue: "[]"),
                PlaybookParameter(name: "scale", type: "int", defaultValue: "2"),
            ])
        #expect(root.returnType == "float")
        #expect(root.signature == "Root(num, names, scale)")
        let main = try #require(program.playbook(named: "Main"))
        #expect(main.triggers.map(\.isStartTrigger) == [true])
        #expect(main.fullSignature == #"Main(arg1: str, arg2: str = "default")"#)
        #expect(main.executionMode == .python)
    }

    @Test func descriptionsAreKeptWithoutMetadataAndSeparators() throws {
        let program = try load(
            """
            # Accountant
            framework: GAAP
            Helps with accounts.
            specialization:
              - accounting
              - tax
            Note: stays prose (the key is capitalised).

            ---

            ## Report
            Writes the report.
            public: true
            ### Steps
            - Write it
            """)
        let agent = program.mainAgent
        #expect(agent.metadata.keys == ["framework", "specialization"])
        #expect(agent.metadata.strings("specialization") == ["accounting", "tax"])
        #expect(agent.description == "Helps with accounts.\nNote: stays prose (the key is capitalised).")
        #expect(program.playbook(named: "Report")?.description == "Writes the report.")
    }

    @Test func stepsWithoutAStepsHeadingAndH2Parts() throws {
        let program = try load(
            """
            # Agent
            ## Haggle
            - Negotiate
            - Thank the seller

            Be polite.
            ## Main
            ## Triggers
            - At the beginning
            ## Steps
            - Say hi
            """)
        let haggle = try #require(program.playbook(named: "Haggle"))
        #expect(haggle.steps.map(\.qualifiedID) == ["Haggle:01:EXE", "Haggle:02:EXE"])
        #expect(haggle.description == "Be polite.")
        let main = try #require(program.playbook(named: "Main"))
        #expect(main.triggers.map(\.text) == ["At the beginning"])
        #expect(main.steps.map(\.text) == ["Say hi"])
        #expect(program.mainAgent.playbooks.map(\.name) == ["Haggle", "Main"])
        #expect(program.notices.map(\.line) == [8, 10])
        #expect(program.notices.allSatisfy { $0.kind == .lenient })
    }

    @Test func commentsTagBlocksAndShebang() throws {
        let program = try load(
            """
            #!/usr/bin/env pb
            <!-- # NotAnAgent
            ## NotAPlaybook -->
            # Writer
            ## Write($topic)
            Write about $topic.
            <format>
            # Title
            ## Section
            public: true
            </format>
            ### Steps
            - Write
            """)
        #expect(program.agents.map(\.name) == ["Writer"])
        let write = try #require(program.playbook(named: "Write"))
        #expect(write.metadata.isEmpty)
        #expect(write.description == "Write about $topic.\n<format>\n# Title\n## Section\npublic: true\n</format>")
        #expect(write.steps.count == 1)
    }

    @Test func unsupportedAndMalformedInputNamesFileLineAndFeature() {
        let importing = failure("# A\n## Main\n### Steps\n!import ./steps.md\n", path: "main.pb")
        #expect(importing?.kind == .unsupportedFeature(name: "!import"))
        #expect(importing?.line == 4)
        #expect(importing?.description.hasPrefix("main.pb:4: `!import ./steps.md`: `!import`") == true)
        let metadata = failure("# A\n## Meet\nmeeting: true\nrequired_attendees: [A, B\n")
        #expect(metadata?.kind == .invalidMetadata)
        #expect(metadata?.line == 4)
        let anchors = failure("# A\nshared: &x 1\n")
        #expect(anchors?.kind == .unsupportedFeature(name: "YAML anchors, aliases and tags"))
        #expect(anchors?.line == 2)
    }
}
