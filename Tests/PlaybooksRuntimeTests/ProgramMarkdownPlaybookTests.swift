import Testing

@testable import PlaybooksRuntime

struct ProgramMarkdownPlaybookTests {
    let text = ProgramTestSupport.orderProgram
    func line(_ needle: String) -> Int { ProgramTestSupport.line(of: needle, in: text) }

    func checkOrder() throws -> PlaybookDefinition {
        let program = try Program(parsing: text, path: "order.pb")
        return try #require(program.playbook(named: "CheckOrder"))
    }

    @Test func signatureAndDescription() throws {
        let playbook = try checkOrder()
        #expect(playbook.kind == .markdown)
        #expect(playbook.requiresLLM)
        #expect(playbook.parameters == ["order_id", "verbose"])
        #expect(playbook.returnType == "dict")
        #expect(playbook.signature == "CheckOrder($order_id: str, verbose=False) -> dict")
        #expect(playbook.description == "Looks up an order\nand tells the user about it.")
        #expect(playbook.line == line("## CheckOrder"))
        #expect(playbook.lastLine == line("not even partially"))
        #expect(playbook.pythonBlock == nil)
    }

    @Test func triggers() throws {
        let playbook = try checkOrder()
        #expect(playbook.triggers.map(\.text) == ["When the user asks about an order"])
        #expect(playbook.triggers.first?.line == line("- When the user asks"))
        #expect(!playbook.hasStartTrigger)
    }

    @Test func stepIdsKindsAndNesting() throws {
        let playbook = try checkOrder()
        let flat = playbook.allSteps.map { "\($0.qualifiedID) \($0.text)" }
        #expect(
            flat == [
                "CheckOrder:01:QUE Ask the user for their order number",
                "CheckOrder:02:CND If the order number is missing",
                "CheckOrder:02.01:EXE Tell the user we need it",
                "CheckOrder:02.02:RET Return None",
                "CheckOrder:03:CND Otherwise, look up the order",
                "CheckOrder:04:LOP For each item in the order",
                "CheckOrder:04.01:EXE Say the item's name and its price",
                "CheckOrder:05:YLD Wait for the user's reply",
                "CheckOrder:06:RET Return the order",
            ])
        #expect(playbook.steps.count == 6)
        #expect(playbook.steps[1].children.map(\.id) == ["CheckOrder:02.01", "CheckOrder:02.02"])
        #expect(playbook.steps[1].line == line("- If the order number"))
        #expect(playbook.step(id: "CheckOrder:04.01")?.text == "Say the item's name and its price")
        #expect(playbook.step(id: "CheckOrder:05:YLD")?.kind == .yield)
        #expect(playbook.step(id: "CheckOrder:99") == nil)
    }

    @Test func notes() throws {
        let playbook = try checkOrder()
        #expect(playbook.notes == ["Be polite", "Never reveal internal ids\n  - not even partially"])
    }

    @Test func markdownTextWithStepIDs() throws {
        let playbook = try checkOrder()
        let expected = """
            ## CheckOrder($order_id: str, verbose=False) -> dict
            Looks up an order
            and tells the user about it.

            ### Triggers
            - When the user asks about an order

            ### Steps
            - CheckOrder:01:QUE Ask the user for their order number
            - CheckOrder:02:CND If the order number is missing
              - CheckOrder:02.01:EXE Tell the user we need it
              - CheckOrder:02.02:RET Return None
            - CheckOrder:03:CND Otherwise, look up the order
            - CheckOrder:04:LOP For each item in the order
              - CheckOrder:04.01:EXE Say the item's name and its price
            - CheckOrder:05:YLD Wait for the user's reply
            - CheckOrder:06:RET Return the order

            ### Notes
            - Be polite
            - Never reveal internal ids
              - not even partially

            """
        #expect(playbook.markdownText(withStepIDs: true) == expected)
        let plain = playbook.markdownText(withStepIDs: false)
        #expect(plain.contains("\n- Ask the user for their order number\n"))
        #expect(!plain.contains("CheckOrder:01"))
    }

    @Test func seedStepIdsForMain() throws {
        let source = """
            # Greeter

            ## Main
            ### Triggers
            - At the beginning
            ### Steps
            1. Ask the user for their name
            2. If the user gave a name
               1. Say hello using the name
            3. Process the data
            """
        let program = try Program(parsing: source, path: "g.pb")
        let main = try program.entryPlaybook
        #expect(main.name == "Main")
        #expect(main.hasStartTrigger)
        #expect(main.allSteps.map(\.qualifiedID) == ["Main:01:QUE", "Main:02:CND", "Main:02.01:EXE", "Main:03:EXE"])
        #expect(main.markdownText().contains("- Main:01:QUE Ask the user for their name"))
    }

    @Test func signatureForms() throws {
        let source = """
            # A
            ## Plain
            ## Empty()
            ## `Ticked(a, b)`
            ## Typed(items: list[int], mapping: dict[str, int] = {}, *args, **kw) -> list[str]
            ## Spaced (x) -> str
            ## Colon():
            """
        let program = try Program(parsing: source, path: "s.pb")
        let playbooks = program.mainAgent.playbooks
        #expect(playbooks.map(\.name) == ["Plain", "Empty", "Ticked", "Typed", "Spaced", "Colon"])
        #expect(playbooks.map(\.parameters) == [[], [], ["a", "b"], ["items", "mapping", "*args", "**kw"], ["x"], []])
        #expect(playbooks.map(\.returnType) == [nil, nil, nil, "list[str]", "str", nil])
        #expect(playbooks[2].signature == "Ticked(a, b)")
        #expect(playbooks[5].signature == "Colon()")
        #expect(playbooks.allSatisfy { $0.steps.isEmpty && $0.requiresLLM })
    }

    @Test func otherH3SectionsStayInTheDescription() throws {
        let source = """
            # A
            ## Main
            Says hi.
            ### Examples
            User: hi
            ### Steps
            - Say hi
            """
        let main = try #require(try Program(parsing: source, path: "e.pb").playbook(named: "Main"))
        #expect(main.description == "Says hi.\n\n### Examples\nUser: hi")
        #expect(main.steps.map(\.text) == ["Say hi"])
    }

    @Test func triggersWrittenAsText() throws {
        let source = """
            # A
            ## Start
            ### Triggers
            When program starts
            """
        let program = try Program(parsing: source, path: "t.pb")
        #expect(try program.entryPlaybook.name == "Start")
    }
}
